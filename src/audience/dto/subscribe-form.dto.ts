import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Documentation only: the form handler reads urlencoded, multipart or JSON bodies itself.
export class SubscribeFormDto {
  @ApiProperty({ example: 'anna@example.nl' }) email: string;
  @ApiPropertyOptional({ example: 'Anna' }) name?: string;
  @ApiPropertyOptional({
    example: 'nl',
    description:
      "The form's language (en or nl): the answer and the confirmation mail use it; without it the browser's Accept-Language decides",
  })
  locale?: string;
  @ApiPropertyOptional({
    description: 'A hidden field people leave empty; when filled, the form answers as usual and does nothing',
  })
  homepage?: string;
  @ApiPropertyOptional({
    description: 'With SUBSCRIBE_PROOF_OF_WORK_BITS: the challenge of GET /public/subscribe/challenge',
  })
  pow_challenge?: string;
  @ApiPropertyOptional({ description: 'With SUBSCRIBE_PROOF_OF_WORK_BITS: the nonce found for it' }) pow_nonce?: string;
  @ApiPropertyOptional({
    example: 'Europe/Amsterdam',
    description:
      "The browser's IANA timezone (subscribe.js fills it); kept for a new subscriber, an unknown one ignored",
  })
  timezone?: string;
}

export class SubscribeFormResultDto {
  @ApiProperty({ description: 'The same for every address, so the form does not reveal who is subscribed' })
  message: string;
}

export class ProofOfWorkChallengeDto {
  @ApiProperty({
    description: 'Leading zero bits SHA-256("<challenge>:<nonce>") must have; 0 = no proof of work asked',
  })
  bits: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Send it back as pow_challenge, with the nonce found as pow_nonce; good for one sign-up',
  })
  challenge: string | null;
  @ApiProperty({ type: String, nullable: true }) expiresAt: string | null;
}
