import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Documentation only: the form handler reads urlencoded, multipart or JSON bodies itself.
export class SubscribeFormDto {
  @ApiProperty({ example: 'anna@example.nl' }) email: string;
  @ApiPropertyOptional({ example: 'Anna' }) name?: string;
  @ApiPropertyOptional({ example: 'nl', description: "The form's language (en or nl): the answer and the confirmation mail use it; without it the browser's Accept-Language decides" }) locale?: string;
}

export class SubscribeFormResultDto {
  @ApiProperty({ description: 'The same for every address, so the form does not reveal who is subscribed' }) message: string;
}
