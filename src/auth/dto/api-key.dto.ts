import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsPlainText } from '../../common/plain-text';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'crm-sync', description: 'What the key is for' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  @IsPlainText()
  name: string;
}

export class ApiKeyDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Public part of the key, to recognise it' }) prefix: string;
  @ApiProperty() createdAt: Date;
  @ApiPropertyOptional({ nullable: true, type: Date }) lastUsedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Date }) revokedAt: Date | null;
}

export class CreatedApiKeyDto {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() prefix: string;
  @ApiProperty({ description: 'The full key. Shown only now; store it safely.' }) key: string;
}
