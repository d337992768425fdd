import { Global, Module } from '@nestjs/common';
import { SendingModule } from '../../sending/sending.module';
import { FormBodyParser } from './form-body.parser';
import { KindRecipientResolver } from './kind-recipient';
import { KindsPersonalDataErasure } from './kinds-personal-data.erasure';
import { AudienceModule } from '../../audience/audience.module';

/** What every kind module shares: token → campaign resolution, form bodies, the fan-out hook registry. */
@Global()
@Module({
  imports: [SendingModule, AudienceModule],
  providers: [FormBodyParser, KindRecipientResolver, KindsPersonalDataErasure],
  exports: [KindRecipientResolver, SendingModule],
})
export class KindsCommonModule {}
