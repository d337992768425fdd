import { IsOmittable } from '../../common/omittable';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IP_MODES } from '../effective-settings';
import { IsPlainText } from '../../common/plain-text';

const WEB_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class BrandDto {
  @ApiProperty({ example: 'Koffiebar Utrecht' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: 'https://shop.example/logo.png' }) logoUrl: string | null;
  @ApiProperty({ example: '#4f46e5' }) color: string;
  @ApiProperty({ example: 'Koffiebar Utrecht\nOudegracht 1\n3511 AA Utrecht' }) postalAddress: string;
  @ApiProperty({ type: String, nullable: true, example: 'https://shop.example' }) website: string | null;
}

export class TrackingDto {
  @ApiProperty({ enum: IP_MODES, description: 'truncate: /24 IPv4, /48 IPv6; hash: HMAC; none: no IP kept' })
  ipMode: (typeof IP_MODES)[number];
  @ApiProperty({ description: 'The open pixel in campaign mail' }) openTracking: boolean;
  @ApiProperty({ description: 'Web links go through /r/ redirects; knowledge item clicks and topic interests need it' })
  clickTracking: boolean;
  @ApiProperty({ description: 'An open this soon after sending counts as a machine' }) machineOpenWindowSeconds: number;
  @ApiProperty({ description: 'A click this soon after sending counts as a machine' })
  machineClickWindowSeconds: number;
  @ApiProperty({
    description: 'Conversions and purchases are credited to the last campaign acted on within this many days',
  })
  attributionWindowDays: number;
}

export class SettingsDto {
  @ApiProperty({ type: BrandDto }) brand: BrandDto;
  @ApiProperty({ type: TrackingDto }) tracking: TrackingDto;
}

/** null puts a field back to its default. */
export class BrandPatchDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  @IsPlainText()
  name?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @MaxLength(2000)
  @IsUrl(WEB_URL, { message: 'logoUrl must be an http(s) URL' })
  logoUrl?: string | null;

  @ApiPropertyOptional({ nullable: true, example: '#0f766e' })
  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/, { message: 'color must be a hex colour like #0f766e' })
  color?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Shown in every footer; required in marketing email' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  postalAddress?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @MaxLength(2000)
  @IsUrl(WEB_URL, { message: 'website must be an http(s) URL' })
  website?: string | null;
}

export class TrackingPatchDto {
  @ApiPropertyOptional({ enum: IP_MODES, nullable: true })
  @IsOptional()
  @IsIn(IP_MODES, { message: `ipMode must be one of ${IP_MODES.join(', ')}` })
  ipMode?: (typeof IP_MODES)[number];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsBoolean()
  openTracking?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsBoolean()
  clickTracking?: boolean;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(3600)
  machineOpenWindowSeconds?: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(3600)
  machineClickWindowSeconds?: number;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  attributionWindowDays?: number;
}

export class UpdateSettingsDto {
  @ApiPropertyOptional({ type: BrandPatchDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => BrandPatchDto)
  brand?: BrandPatchDto;

  @ApiPropertyOptional({ type: TrackingPatchDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => TrackingPatchDto)
  tracking?: TrackingPatchDto;
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const SELECTOR = /^[a-z0-9]([a-z0-9_-]{0,62})(\.[a-z0-9]([a-z0-9_-]{0,62}))*$/i;

export class DkimTargetDto {
  @ApiProperty({ example: 'shop.example', description: "The d= domain; usually the From address's domain" })
  @Matches(HOSTNAME, { message: 'domain must be a domain name like shop.example' })
  domain: string;

  @ApiProperty({ example: 'vm2026', description: 'The s= selector: the DNS record is <selector>._domainkey.<domain>' })
  @Matches(SELECTOR, { message: 'selector must be letters, digits, - or _ (dots between parts), like vm2026' })
  selector: string;
}

export class PutDkimDto extends DkimTargetDto {
  @ApiProperty({ description: 'RSA private key, PEM (PKCS#8 "BEGIN PRIVATE KEY" or PKCS#1 "BEGIN RSA PRIVATE KEY")' })
  @IsString()
  @MaxLength(20_000)
  privateKey: string;
}

export class DkimDnsRecordDto {
  @ApiProperty({ example: 'vm2026._domainkey.shop.example' }) name: string;
  @ApiProperty({ example: 'TXT' }) type: 'TXT';
  @ApiProperty({ example: 'v=DKIM1; k=rsa; p=MIIBIjAN...' }) value: string;
}

export class DkimDto {
  @ApiProperty({ description: 'Whether outgoing mail is signed' }) enabled: boolean;
  @ApiProperty({
    enum: ['settings', 'environment'],
    nullable: true,
    description: 'Where the key in use comes from; settings win over DKIM_* variables',
  })
  source: 'settings' | 'environment' | null;
  @ApiProperty({ type: String, nullable: true }) domain: string | null;
  @ApiProperty({ type: String, nullable: true }) selector: string | null;
  @ApiProperty({ type: Number, nullable: true }) keyBits: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'PEM (SPKI)' }) publicKey: string | null;
  @ApiProperty({ type: DkimDnsRecordDto, nullable: true, description: 'Publish this before sending with the key' })
  dnsRecord: DkimDnsRecordDto | null;
}

export class SmtpTransportDto {
  @ApiProperty({ example: 'default' }) name: string;
  @ApiProperty({ example: 'smtp://mailer:****@smtp.example:587', description: 'Password masked' }) url: string;
  @ApiProperty() host: string;
  @ApiProperty() port: number;
  @ApiProperty({ description: 'TLS from the start (smtps://)' }) secure: boolean;
  @ApiProperty({ type: String, nullable: true }) username: string | null;
  @ApiProperty({ description: 'The built-in dev inbox (no SMTP_URL set)' }) devInbox: boolean;
}

export class SmtpTransportsDto {
  @ApiProperty({ type: [SmtpTransportDto] }) transports: SmtpTransportDto[];
}

export class SmtpTestDto {
  @ApiProperty({ example: 'you@example.com' })
  @IsEmail({}, { message: 'to must be an email address' })
  to: string;
}

export class SmtpTestResultDto {
  @ApiProperty() transport: string;
  @ApiProperty() messageId: string;
  @ApiProperty({ type: [String] }) accepted: string[];
  @ApiProperty({ description: "The SMTP server's answer" }) response: string;
}
