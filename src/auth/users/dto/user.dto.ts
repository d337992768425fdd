import { IsOmittable } from '../../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { ROLES, USER_LOCALES } from '../../roles';
import type { Role, UserLocale } from '../../roles';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../password-hasher';
import { IsPlainText } from '../../../common/plain-text';

const PASSWORD_LENGTH = `must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters long`;

export class SessionUserDto {
  @ApiProperty() id: number;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ enum: USER_LOCALES }) locale: UserLocale;
}

export class UserDto extends SessionUserDto {
  @ApiProperty() disabled: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoginAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class CreatedUserDto {
  @ApiProperty({ type: UserDto }) user: UserDto;
  @ApiPropertyOptional({ description: 'Only when no password was given: the generated one, shown this once' })
  generatedPassword?: string;
}

export class CreateUserDto {
  @ApiProperty({ example: 'anna@shop.example' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiPropertyOptional({ example: 'Anna de Vries', description: 'Defaults to the part of the email before the @' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  @IsPlainText()
  name?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ enum: USER_LOCALES, default: 'en' })
  @IsOmittable()
  @IsIn(USER_LOCALES, { message: `locale must be one of ${USER_LOCALES.join(', ')}` })
  locale?: UserLocale;

  @ApiPropertyOptional({ description: `${MIN_PASSWORD_LENGTH}+ characters; generated and returned once when omitted` })
  @IsOmittable()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password ${PASSWORD_LENGTH}` })
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `password ${PASSWORD_LENGTH}` })
  password?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsPlainText()
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOmittable()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ enum: USER_LOCALES })
  @IsOmittable()
  @IsIn(USER_LOCALES, { message: `locale must be one of ${USER_LOCALES.join(', ')}` })
  locale?: UserLocale;

  @ApiPropertyOptional({ description: 'A disabled user cannot sign in; their sessions end at once' })
  @IsOmittable()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: "Password reset by an admin; ends the user's sessions" })
  @IsOmittable()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `password ${PASSWORD_LENGTH}` })
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `password ${PASSWORD_LENGTH}` })
  password?: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsPlainText()
  name?: string;

  @ApiPropertyOptional({ enum: USER_LOCALES })
  @IsOmittable()
  @IsIn(USER_LOCALES, { message: `locale must be one of ${USER_LOCALES.join(', ')}` })
  locale?: UserLocale;

  @ApiPropertyOptional({ description: 'Required with newPassword' })
  @IsOmittable()
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  currentPassword?: string;

  @ApiPropertyOptional({ description: `${MIN_PASSWORD_LENGTH}+ characters; your other sessions end` })
  @IsOmittable()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `newPassword ${PASSWORD_LENGTH}` })
  @MaxLength(MAX_PASSWORD_LENGTH, { message: `newPassword ${PASSWORD_LENGTH}` })
  newPassword?: string;
}
