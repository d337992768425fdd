import { DynamicModule, Module, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActsModule } from './acts/acts.module';
import { AudienceModule } from './audience/audience.module';
import { AuthModule } from './auth/auth.module';
import { BouncesModule } from './bounces/bounces.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { createDataSource, dataSourceOptions } from './common/db/data-source-options';
import { CommonModule } from './common/common.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { EventsModule } from './events/events.module';
import { EventsApiModule } from './events/events-api.module';
import { HealthModule } from './health/health.module';
import { I18nModule } from './i18n/i18n.module';
import { KindRegistryModule } from './kinds/kind-registry.module';
import { KindsModule } from './kinds/kinds.module';
import { LinksModule } from './links/links.module';
import { MailModule } from './mail/mail.module';
import { QueueModule } from './queue/queue.module';
import { CampaignReportModule } from './reports/campaign/campaign-report.module';
import { DashboardModule } from './reports/dashboard/dashboard.module';
import { ScoreHooksModule } from './scores/score-hooks.module';
import { ScoresModule } from './scores/scores.module';
import { RetentionModule } from './retention/retention.module';
import { SecretsModule } from './secrets/secrets.module';
import { SettingsModule } from './settings/settings.module';
import { SettingsStoreModule } from './settings/settings-store.module';
import { TemplatesModule } from './templates/templates.module';
import { TrackingModule } from './tracking/tracking.module';
import { WebhooksModule } from './webhooks/webhooks.module';

export interface AppModuleOptions {
  /** Campaign kinds beyond the built-in ones: modules whose providers include a @CampaignKindPlugin() definition. */
  extraKinds?: Array<Type | DynamicModule>;
}

/** One module graph for both process roles; the role decides who consumes queues. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        I18nModule,
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(config), autoLoadEntities: true }),
          dataSourceFactory: (options) => createDataSource(options!),
        }),
        QueueModule,
        SecretsModule,
        SettingsStoreModule,
        MailModule,
        LinksModule,
        AuthModule,
        HealthModule,
        EventsModule,
        ScoreHooksModule,
        EventsApiModule,
        AudienceModule,
        TemplatesModule,
        TrackingModule,
        ActsModule,
        CampaignsModule,
        BouncesModule,
        KindRegistryModule,
        KindsModule,
        ...(options.extraKinds ?? []),
        CampaignReportModule,
        DashboardModule,
        WebhooksModule,
        ScoresModule,
        SettingsModule,
        RetentionModule,
      ],
    };
  }
}
