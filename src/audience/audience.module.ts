import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AudienceCountController } from './audience-count.controller';
import { AudienceQueryService } from './audience-query.service';
import { ConsentRecord } from './consent/consent-record.entity';
import { ConsentService } from './consent/consent.service';
import { CsvExportService } from './exports/csv-export.service';
import { ListMembership } from './list-membership.entity';
import { ListsController } from './lists/lists.controller';
import { ListsService } from './lists/lists.service';
import { MembershipsService } from './lists/memberships.service';
import { MailingList } from './mailing-list.entity';
import { ConfirmSubscription } from './opt-in/confirm-subscription';
import { ConfirmController } from './opt-in/confirm.controller';
import { ConfirmationMailService } from './opt-in/confirmation-mail.service';
import { ReactivateOnConfirm } from './opt-in/reactivate-on-confirm';
import { CONFIRMATION_QUEUE, SendConfirmationProcessor } from './opt-in/send-confirmation.processor';
import { SubscribeFormController } from './opt-in/subscribe-form.controller';
import { SubscribeFormService } from './opt-in/subscribe-form.service';
import { ConfirmationMailLimits } from './opt-in/confirmation-mail.limits';
import { JoinFromForm } from './opt-in/join-from-form';
import { ProofOfWork } from './opt-in/proof-of-work';
import { SUBSCRIBE_FORM_QUEUE, SubscribeFormProcessor } from './opt-in/subscribe-form.processor';
import { Segment } from './segments/segment.entity';
import { SegmentsController } from './segments/segments.controller';
import { SegmentsService } from './segments/segments.service';
import { Subscriber } from './subscriber.entity';
import { EraseSubscriber } from './subscribers/erase-subscriber';
import { ErasureHooks } from './subscribers/erasure-hooks';
import { SubscribersController } from './subscribers/subscribers.controller';
import { SubscribersService } from './subscribers/subscribers.service';
import { SuppressionsService } from './subscribers/suppressions.service';
import { Suppression } from './suppression.entity';
import { UnsubscribePage } from './unsubscribe/unsubscribe-page';
import { UnsubscribeController } from './unsubscribe/unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe/unsubscribe.service';
import { ImportBatchWriter } from './imports/import-batch.writer';
import { ImportConfirmations } from './opt-in/import-confirmations';
import { IMPORT_QUEUE, ImportCsvProcessor } from './imports/import-csv.processor';
import { ImportError } from './imports/import-error.entity';
import { ImportRun } from './imports/import-run.entity';
import { ImportsController } from './imports/imports.controller';
import { ImportsService } from './imports/imports.service';
import { RunImport } from './imports/run-import';
import { UnsubscribeFeedback } from './unsubscribe/unsubscribe-feedback.entity';
import { UnsubscribeFeedbackService } from './unsubscribe/unsubscribe-feedback.service';
import { AttributeCatalogue } from './subscribers/attribute-catalogue';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Subscriber,
      MailingList,
      ListMembership,
      Suppression,
      Segment,
      ConsentRecord,
      UnsubscribeFeedback,
      ImportRun,
      ImportError,
    ]),
    BullModule.registerQueue({ name: IMPORT_QUEUE }, { name: CONFIRMATION_QUEUE }, { name: SUBSCRIBE_FORM_QUEUE }),
  ],
  controllers: [
    AudienceCountController,
    SubscribersController,
    ListsController,
    SegmentsController,
    ConfirmController,
    SubscribeFormController,
    UnsubscribeController,
    ImportsController,
  ],
  providers: [
    AudienceQueryService,
    SubscribersService,
    SuppressionsService,
    EraseSubscriber,
    ErasureHooks,
    ConsentService,
    ListsService,
    MembershipsService,
    SegmentsService,
    CsvExportService,
    ConfirmationMailService,
    ConfirmSubscription,
    ReactivateOnConfirm,
    SubscribeFormService,
    UnsubscribeService,
    UnsubscribePage,
    ImportsService,
    ImportBatchWriter,
    {
      provide: ImportConfirmations,
      useFactory: (memberships: MembershipsService): ImportConfirmations => ({
        request: (listId, subscriberIds) => memberships.requestConfirmation(listId, subscriberIds, 'import'),
      }),
      inject: [MembershipsService],
    },
    RunImport,
    ImportCsvProcessor,
    SendConfirmationProcessor,
    ConfirmationMailLimits,
    UnsubscribeFeedbackService,
    AttributeCatalogue,
    ProofOfWork,
    JoinFromForm,
    SubscribeFormProcessor,
  ],
  exports: [
    AudienceQueryService,
    UnsubscribeFeedbackService,
    ConfirmationMailLimits,
    UnsubscribeService,
    ErasureHooks,
    SuppressionsService,
    RunImport,
    ImportsService,
    SubscribersService,
    ListsService,
    MembershipsService,
    SegmentsService,
    TypeOrmModule,
  ],
})
export class AudienceModule {}
