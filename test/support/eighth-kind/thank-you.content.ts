import { IsString, IsUrl, Length } from 'class-validator';

/** A thank-you note: a few words and one link to answer it with. */
export class ThankYouContent {
  @IsString()
  @Length(1, 500)
  message: string;

  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  replyUrl: string;

  @IsString()
  @Length(1, 80)
  replyLabel: string;
}
