import { Global, Module } from '@nestjs/common';
import { DevInboxController } from './dev-inbox/dev-inbox.controller';
import { DevInboxServer } from './dev-inbox/dev-inbox.server';
import { MailTransport } from './mail-transport.service';
import { TestMailController } from './test-mail.controller';
import { TestMailService } from './test-mail.service';

@Global()
@Module({
  controllers: [DevInboxController, TestMailController],
  providers: [MailTransport, DevInboxServer, TestMailService],
  exports: [MailTransport, TestMailService],
})
export class MailModule {}
