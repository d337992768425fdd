import { Global, Module } from '@nestjs/common';
import { SendingModule } from '../../sending/sending.module';
import { FormBodyParser } from './form-body.parser';
import { KindRecipientResolver } from './kind-recipient';

/** What every kind module shares: token → campaign resolution, form bodies, the fan-out hook registry. */
@Global()
@Module({
  imports: [SendingModule],
  providers: [FormBodyParser, KindRecipientResolver],
  exports: [KindRecipientResolver, SendingModule],
})
export class KindsCommonModule {}
