import { Injectable } from '@nestjs/common';
import { MailTransport } from '../mail/mail-transport.service';
import { TestMailService } from '../mail/test-mail.service';
import { SmtpTestResultDto, SmtpTransportsDto } from './dto/settings.dto';

/** The SMTP transports from the environment (SMTP_URL, SMTP_TRANSPORTS), listed without passwords and testable one by one. */
@Injectable()
export class SmtpTransportsService {
  constructor(
    private readonly transport: MailTransport,
    private readonly testMail: TestMailService,
  ) {}

  list(): SmtpTransportsDto {
    return { transports: this.transport.describe() };
  }

  async test(name: string, to: string): Promise<SmtpTestResultDto> {
    this.transport.assertKnown(name);
    return { transport: name, ...(await this.testMail.send(to, name)) };
  }
}
