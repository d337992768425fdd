import { Global, Module } from '@nestjs/common';
import { ScoreClassChangeHooks } from './score-class-change.hooks';

/** Global so listeners (webhooks) need not import the scores module. */
@Global()
@Module({ providers: [ScoreClassChangeHooks], exports: [ScoreClassChangeHooks] })
export class ScoreHooksModule {}
