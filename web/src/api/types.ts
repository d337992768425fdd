// The engine's response and request shapes under the names the SPA uses: aliases onto web/src/api/schema.d.ts, which
// `npm run api:types` generates from the API's OpenAPI document (dates arrive as ISO strings).
import type { components } from './schema';

type Schemas = components['schemas'];

export type Role = 'admin' | 'marketer' | 'viewer';
export type Locale = 'en' | 'nl';

export type User = Schemas['SessionUserDto'];

export type Session = Schemas['SessionDto'];

export type SubscriberPage = Schemas['SubscriberPageDto'];
export type ListMemberPage = Schemas['ListMembersPageDto'];
export type CampaignPage = Schemas['CampaignPageDto'];
export type WebhookDeliveryPage = Schemas['WebhookDeliveryPageDto'];

// ---- audience

export const SUBSCRIBER_STATUSES = ['active', 'unsubscribed', 'bounced', 'complained', 'blocklisted'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export type Subscriber = Schemas['SubscriberDto'];

export type AttributeKeyCount = Schemas['AttributeKeyDto'];

export type AttributeValueCount = Schemas['AttributeValueDto'];

export interface SubscriberQuery {
  page?: number;
  limit?: number;
  q?: string;
  status?: SubscriberStatus;
  listId?: number;
  /** Only the people this import run last added or updated. */
  importRunId?: number;
}

export type MailingList = Schemas['ListDto'];

export type ListInput = Schemas['CreateListDto'];

export type ListMember = Schemas['ListMemberDto'];

export type ConsentRecord = Schemas['ConsentRecordDto'];

export const SEGMENT_OPERATORS = ['eq', 'neq', 'contains', 'gt', 'lt', 'exists', 'in'] as const;
export type SegmentOperator = (typeof SEGMENT_OPERATORS)[number];
export type Scalar = string | number | boolean;
export interface SegmentCondition {
  field: string;
  op: SegmentOperator;
  value?: Scalar | Scalar[];
}
export type SegmentFilter =
  { all: SegmentFilter[] } | { any: SegmentFilter[] } | { not: SegmentFilter } | SegmentCondition;

/** The filter is recursive: the document names it an object, the web app knows its grammar. */
export type Segment = Omit<Schemas['SegmentDto'], 'filter'> & { filter: SegmentFilter };

export type SegmentPreview = Schemas['SegmentPreviewDto'];

export type ImportMode = 'add' | 'update' | 'upsert';
export type ImportStatus = 'queued' | 'running' | 'finished' | 'failed';

export interface ImportMapping {
  email: string;
  name?: string;
  externalId?: string;
  locale?: string;
  attributes?: Record<string, string>;
}

export type ImportProgress = Schemas['ImportProgressDto'];

// ---- campaigns

export const CAMPAIGN_KINDS = ['discount', 'loyalty', 'knowledge', 'service', 'poll', 'gift', 'contest'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const VALUE_DIMENSIONS = ['functional', 'economic', 'emotional', 'symbolic'] as const;
export type ValueDimension = (typeof VALUE_DIMENSIONS)[number];

export const CAMPAIGN_STATUSES = [
  'draft',
  'scheduled',
  'running',
  'paused',
  'finished',
  'cancelled',
  'failed',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export type CampaignAudience = Schemas['CampaignAudienceDto'];

/** Who a campaign's mail is from, as the server will send it (empty parts filled from the default sender). */
export type CampaignSender = Schemas['CampaignSenderDto'];

export type Campaign = Schemas['CampaignDto'];

export type CampaignInput = Schemas['CreateCampaignDto'];

export type CampaignProgress = Schemas['CampaignProgressDto'];

export type RenderedPreview = Schemas['PreviewResultDto'];

export type TemplatePreviewInput = Schemas['PreviewTemplateDto'];

// ---- reports (issue 8: report branch): GET /api/campaigns/:id/report

export type Share = Schemas['Share'];

export type FunnelStepKey = 'recipients' | 'sent' | 'delivered' | 'opened' | 'clicked' | 'acted';

/** The kind block's report is the kind's own: typed here by kind for the built-in ones. */
export type CampaignReport = Omit<Schemas['CampaignReport'], 'kindBlock'> & {
  kindBlock: { [K in CampaignKind]: { kind: K; report: KindReports[K] } }[CampaignKind];
};

export type PollReport = Schemas['PollReport'];

export type DiscountReport = Schemas['DiscountReport'];

export type LoyaltyReport = Schemas['LoyaltyReport'];

export type KnowledgeReport = Schemas['KnowledgeReport'];

export type ServiceReport = Schemas['ServiceReport'];

export type ServiceRequestStatus = 'new' | 'in_progress' | 'done';
export type ServiceRequest = Schemas['ServiceRequestDto'];

export type GiftReport = Schemas['GiftReport'];

export type ContestReport = Schemas['ContestReport'];

export type ContestEntrant = Schemas['ContestEntrantDto'];
export type ContestEntrantsPage = Schemas['ContestEntrantsPageDto'];
export type ContestReferralRow = Schemas['ContestReferralDto'];
export type ContestReferralsPage = Schemas['ContestReferralsPageDto'];

export type DrawBeacon = Schemas['DrawBeaconDto'];

export type DrawState = Schemas['DrawStateDto'];

export type DrawVerification = Schemas['DrawVerificationDto'];

export interface KindReports {
  poll: PollReport;
  discount: DiscountReport;
  loyalty: LoyaltyReport;
  knowledge: KnowledgeReport;
  service: ServiceReport;
  gift: GiftReport;
  contest: ContestReport;
}

// ---- scores (issue 8: scores branch): GET /api/subscribers/:id/value, GET /api/lists|segments/:id/report

export type NpsClass = 'promoter' | 'passive' | 'detractor';
export const SCORE_NAMES = ['engagement', 'functional', 'economic', 'emotional', 'symbolic'] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];

export type Contribution = Schemas['ContributionDto'];

export type ScoreExplanation = Schemas['ScoreExplanationDto'];

/** The BG/NBD model behind a predicted LTV (see docs/ltv.md). */
export type LtvModel = Schemas['LtvModelDto'];

/** Every score of a subscriber with the events that made it. */
export type ValueExplanation = Schemas['ValueExplanationDto'];

export type ReportSubscriber = Schemas['ReportSubscriberDto'];

/** A list's or segment's value report. */
export type AudienceReport = Schemas['ValueReportDto'];

export type UnsubscribeReason = 'too_many' | 'not_relevant' | 'never_signed_up' | 'other';

export type PointsHistory = Schemas['PointsHistoryDto'];

export type Interests = Schemas['SubscriberInterests'];

export type EventItem = Schemas['EventDto'];

export type EventPage = Schemas['EventPageDto'];

export type TimelineEvent = Schemas['TimelineEventDto'];

export type TimelinePage = Schemas['TimelinePageDto'];

// ---- settings (auth branch) and machines

export type Brand = Schemas['BrandDto'];

export type TrackingSettings = Schemas['TrackingDto'];

export type Settings = Schemas['SettingsDto'];

export type DkimSettings = Schemas['DkimDto'];

export type SmtpTransport = Schemas['SmtpTransportDto'];

export type ManagedUser = Schemas['UserDto'];

export type ApiKey = Schemas['ApiKeyDto'];

export type CreatedApiKey = Schemas['CreatedApiKeyDto'];

export type Webhook = Schemas['WebhookDto'];

export type WebhookInput = Schemas['CreateWebhookDto'];

export type WebhookDelivery = Schemas['WebhookDeliveryDetailDto'];

// GET /api/dashboard (src/reports/dashboard/dashboard.dto.ts). Rates are fractions 0..1; days and months UTC.

export type RevenueByCurrency = Schemas['RevenueByCurrencyDto'];

export type KindHeadline = Schemas['KindHeadlineDto'];

export type RecentCampaign = Schemas['RecentCampaignDto'];

export type SubscribersOverTime = Schemas['SubscribersOverTimeDto'];

export type NpsMonth = Schemas['NpsMonthDto'];

export type ValueDimensionAverages = Schemas['DimensionAveragesDto'];

export type AttentionSeverity = 'critical' | 'warning' | 'info';
export type AttentionItem = Schemas['AttentionItemDto'];

export type Dashboard = Schemas['DashboardDto'];

// ---- smaller answers

export type CreatedUser = Schemas['CreatedUserDto'];
export type MembersChangeResult = Schemas['MembersChangeResultDto'];
export type TestSendResult = Schemas['TestSendResultDto'];
export type AudienceCountResult = Schemas['AudienceCountResultDto'];
export type SmtpTransports = Schemas['SmtpTransportsDto'];
export type SmtpTestResult = Schemas['SmtpTestResultDto'];
export type WebhookEventType = Schemas['WebhookEventTypeDto'];
export type CreatedWebhook = Schemas['CreatedWebhookDto'];
export type RotatedSecret = Schemas['RotatedSecretDto'];
