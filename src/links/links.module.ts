import { Global, Module } from '@nestjs/common';
import { LinkTokenService } from './link-token.service';

@Global()
@Module({ providers: [LinkTokenService], exports: [LinkTokenService] })
export class LinksModule {}
