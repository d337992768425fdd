import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { SessionUserDto } from '../users/dto/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'admin@valuemail.local' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(256)
  password: string;
}

export class SessionDto {
  @ApiProperty({ type: SessionUserDto }) user: SessionUserDto;
  @ApiProperty({ description: 'Send it back as the X-CSRF-Token header on every write (POST, PUT, PATCH, DELETE)' })
  csrfToken: string;
}
