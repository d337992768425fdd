// The engine's response and request shapes, as the SPA uses them. Mirrors the DTOs in src/ (dates arrive as ISO strings).

export type Role = 'admin' | 'marketer' | 'viewer';
export type Locale = 'en' | 'nl';

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: Locale;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
}

// ---- audience

export const SUBSCRIBER_STATUSES = ['active', 'unsubscribed', 'bounced', 'complained', 'blocklisted'] as const;
export type SubscriberStatus = (typeof SUBSCRIBER_STATUSES)[number];

export interface Subscriber {
  id: number;
  email: string | null;
  name: string;
  firstName: string;
  lastName: string;
  /** The import run that last added or updated them. */
  importId: number | null;
  attributes: Record<string, unknown>;
  status: SubscriberStatus;
  externalId: string | null;
  locale: string;
  /** IANA timezone, null when unknown. */
  timezone: string | null;
  trackingOptOut: boolean;
  erasedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/subscribers/attributes: an attribute name in use. */
export interface AttributeKeyCount {
  /** The most used spelling; segments match any spelling without regard to case. */
  key: string;
  count: number;
  otherSpellings: string[];
}

/** GET /api/subscribers/attributes/values?key= */
export interface AttributeValueCount {
  value: string | number | boolean;
  count: number;
}

export interface SubscriberQuery {
  page?: number;
  limit?: number;
  q?: string;
  status?: SubscriberStatus;
  listId?: number;
  /** Only the people this import run last added or updated. */
  importRunId?: number;
}

export interface MailingList {
  id: number;
  name: string;
  description: string;
  optIn: 'single' | 'double';
  /** Whether the public sign-up form accepts sign-ups for this list. */
  publicForm: boolean;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ListInput {
  name: string;
  description?: string;
  optIn?: 'single' | 'double';
  publicForm?: boolean;
  tags?: string[];
}

export interface ListMember {
  subscriberId: number;
  email: string | null;
  name: string;
  status: 'unconfirmed' | 'confirmed' | 'unsubscribed';
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  createdAt: string;
}

export interface ConsentRecord {
  id: number;
  subscriberId: number;
  listId: number | null;
  action: 'subscribe' | 'confirm' | 'unsubscribe';
  method: 'import' | 'api' | 'form' | 'email_link' | 'one_click';
  source: string | null;
  ip: string | null;
  userAgent: string | null;
  at: string;
}

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

export interface Segment {
  id: number;
  name: string;
  description: string;
  filter: SegmentFilter;
  createdAt: string;
  updatedAt: string;
}

export interface SegmentPreview {
  count: number;
  items: Subscriber[];
}

export type ImportMode = 'add' | 'update' | 'upsert';
export type ImportStatus = 'queued' | 'running' | 'finished' | 'failed';

export interface ImportMapping {
  email: string;
  name?: string;
  externalId?: string;
  locale?: string;
  attributes?: Record<string, string>;
}

export interface ImportProgress {
  id: number;
  status: ImportStatus;
  fileName: string;
  listId: number | null;
  mode: ImportMode;
  rowsRead: number;
  imported: number;
  updated: number;
  skipped: number;
  failed: number;
  bytesRead: number;
  bytesTotal: number;
  percent: number;
  rate: number;
  etaSeconds: number | null;
  error: string | null;
  startedAt: string | null;
  finishedAt: string | null;
}

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

export interface CampaignAudience {
  listIds: number[];
  segmentId?: number | null;
  excludeListIds?: number[];
}

/** Who a campaign's mail is from, as the server will send it (empty parts filled from the default sender). */
export interface CampaignSender {
  from: { name: string; address: string };
  replyTo: string | null;
}

export interface Campaign {
  id: number;
  kind: CampaignKind;
  name: string;
  subject: string;
  preheader: string;
  fromName: string;
  fromEmail: string;
  replyTo: string | null;
  sender: CampaignSender;
  audience: CampaignAudience;
  content: Record<string, unknown>;
  customMjml: string | null;
  locale: string;
  status: CampaignStatus;
  statusReason: string | null;
  scheduledAt: string | null;
  timezone: string;
  transport: string;
  totalCount: number;
  sentCount: number;
  failedCount: number;
  suppressedCount: number;
  uncertainCount: number;
  hardBounceCount: number;
  softBounceCount: number;
  complaintCount: number;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CampaignInput {
  kind: CampaignKind;
  name: string;
  subject: string;
  preheader?: string;
  fromName?: string;
  fromEmail?: string;
  replyTo?: string;
  audience: { listIds: number[]; segmentId?: number; excludeListIds?: number[] };
  content: Record<string, unknown>;
  locale?: string;
  timezone?: string;
  transport?: string;
}

export interface CampaignProgress {
  campaignId: number;
  status: CampaignStatus;
  total: number;
  /** Waiting, retries included; rows a worker is sending now are in `sending`. */
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  suppressed: number;
  uncertain: number;
  /** Share of the audience done (sent, failed or suppressed), 0..1, as the server counts it. */
  progress: number;
  rate: number;
  etaSeconds: number | null;
  audienceComplete: boolean;
  statusReason: string | null;
  /** Set while the SMTP transport is down: sending waits without counting attempts. */
  waitingForSmtp: { transport: string; since: string; reason: string; nextProbeAt: string } | null;
}

export interface RenderedPreview {
  subject: string;
  html: string;
  text: string;
  links: string[];
}

export interface TemplatePreviewInput {
  kind: CampaignKind;
  content: Record<string, unknown>;
  subject?: string;
  preheader?: string;
  locale?: string;
  subscriber?: {
    name?: string;
    firstName?: string;
    lastName?: string;
    email?: string;
    attributes?: Record<string, unknown>;
  };
}

// ---- reports (issue 8: report branch): GET /api/campaigns/:id/report

/** A count and its share (0..1) of `rateOf`. */
export interface Share {
  count: number;
  rate: number;
  rateOf: 'recipients' | 'sent' | 'delivered';
}

export type FunnelStepKey = 'recipients' | 'sent' | 'delivered' | 'opened' | 'clicked' | 'acted';

export interface CampaignReport {
  campaign: {
    id: number;
    name: string;
    kind: CampaignKind;
    status: CampaignStatus;
    subject: string;
    startedAt: string | null;
    finishedAt: string | null;
  };
  generatedAt: string;
  funnel: {
    steps: Array<Share & { key: FunnelStepKey; label: string }>;
    byStatus: Record<string, number>;
    opened: { human: Share; inferred: number; machineOnly: Share; humanOpens: number; machineOpens: number };
    clicked: { human: Share; inferred: number; humanClicks: number; machineClicks: number };
    acted: Share & { action: string; eventTypes: string[] };
  };
  kindBlock: { [K in CampaignKind]: { kind: K; report: KindReports[K] } }[CampaignKind];
  value: {
    dimensions: Array<{ dimension: ValueDimension; total: number; perDeliveredRecipient: number }>;
    total: number;
    perDeliveredRecipient: number;
    byEventType: Array<{ type: string; events: number; strength: number; points: number }>;
  };
  timeline: {
    interval: 'hour';
    from: string | null;
    to: string | null;
    truncated: boolean;
    points: Array<{
      hour: string;
      humanOpens: number;
      machineOpens: number;
      humanClicks: number;
      machineClicks: number;
    }>;
  };
  deliverability: {
    failed: Share;
    suppressed: Share;
    hardBounces: Share;
    softBounces: Share;
    complaints: Share;
    unsubscribes: Share;
  };
  revenue: {
    conversions: number;
    purchases: number;
    byCurrency: Array<{
      currency: string | null;
      conversions: number;
      conversionAmount: number;
      purchases: number;
      purchaseAmount: number;
      total: number;
    }>;
  };
}

export interface PollReport {
  campaignId: number;
  type: 'nps' | 'csat' | 'choice' | 'yesno';
  question: string;
  sent: number;
  answers: number;
  responseRate: number;
  distribution: Array<{ value: string; label: string; count: number }>;
  nps: { score: number; promoters: number; passives: number; detractors: number } | null;
  csatAverage: number | null;
  comments: Array<{ value: string; comment: string; answeredAt: string }>;
}

export interface DiscountReport {
  campaignId: number;
  sent: number;
  codesIssued: number;
  redemptions: number;
  redemptionRate: number;
  revenue: number;
  rolledBack: number;
  trialStarts: number;
  conversions: number;
  trialToPaidRate: number;
  trialToPaidBenchmark: number;
}

export interface LoyaltyReport {
  campaignId: number;
  sent: number;
  bonusCredited: number;
  pointsIssued: number;
  redemptionsAfter: number;
  pointsRedeemedAfter: number;
}

export interface KnowledgeReport {
  campaignId: number;
  sent: number;
  items: Array<{ index: number; title: string; topic: string; type: string; clicks: number; uniqueClickers: number }>;
  topics: Array<{ topic: string; clicks: number; uniqueClickers: number }>;
}

export interface ServiceReport {
  campaignId: number;
  sent: number;
  requests: number;
  offers: Array<{
    index: number;
    title: string;
    topic: string;
    requests: number;
    new: number;
    inProgress: number;
    done: number;
  }>;
}

export type ServiceRequestStatus = 'new' | 'in_progress' | 'done';
export interface ServiceRequest {
  id: number;
  campaignId: number;
  subscriberId: number;
  offerIndex: number;
  offerTitle: string;
  note: string | null;
  status: ServiceRequestStatus;
  createdAt: string;
  updatedAt: string;
}

export interface GiftReport {
  campaignId: number;
  sent: number;
  claims: number;
  claimRate: number;
  stock: number | null;
  stockLeft: number | null;
}

export interface ContestReport {
  campaignId: number;
  sent: number;
  entries: number;
  bonusEntries: number;
  referralsCredited: number;
  referralsPending: number;
  winners: Array<{ subscriberId: number; position: number; status: string }>;
}

export interface ContestEntrant {
  subscriberId: number;
  email: string | null;
  name: string;
  enteredAt: string;
  answer: string | null;
  chances: number;
  referralsCredited: number;
  referralsPending: number;
  winnerPosition: number | null;
  winnerStatus: 'won' | 'disqualified' | null;
}

export interface ContestReferralRow {
  referrerSubscriberId: number;
  referrerEmail: string | null;
  referredSubscriberId: number;
  referredEmail: string | null;
  status: 'pending' | 'credited';
  createdAt: string;
  creditedAt: string | null;
}

export interface Paged<T> {
  items: T[];
  page: number;
  limit: number;
  total: number;
}

export interface DrawBeacon {
  source: string;
  chainHash: string;
  round: number;
  /** When the round's value is published. */
  at: string;
  url: string;
  value: string | null;
}

export interface DrawState {
  campaignId: number;
  algorithm: string;
  seedHash: string;
  committedAt: string;
  beacon: DrawBeacon | null;
  frozenAt: string | null;
  snapshotHash: string | null;
  entries: number | null;
  drawnAt: string | null;
  seed: string | null;
  winners: Array<{ subscriberId: number; position: number; status: string; reason: string | null }>;
  auditUrl: string;
  caveats: Array<{ code: 'no_beacon' | 'frozen_after_beacon'; message: string }>;
}

export interface DrawVerification {
  ok: boolean;
  seedMatchesCommitment: boolean;
  snapshotMatchesHash: boolean;
  winnersMatch: boolean;
  expected: string[];
  stored: string[];
}

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

export interface Contribution {
  eventId: number;
  type: string;
  campaignId: number | null;
  campaignName: string | null;
  kind: string | null;
  occurredAt: string;
  strength: number;
  weight: number;
  decay: number;
  contribution: number;
  share: number;
}

export interface ScoreExplanation {
  score: number;
  decayedSum: number;
  halfLifeDays: number;
  /** The step from the faded sum to the score, in English (the web app words it itself). */
  howScored: string;
  tier?: string;
  eventCount: number;
  events: Contribution[];
  otherEvents: { count: number; contribution: number };
}

/** The BG/NBD model behind a predicted LTV (see docs/ltv.md). */
export interface LtvModel {
  name: 'BG/NBD';
  /** Repeat purchases, months from first to last order, months from first order to now. */
  x: number;
  tx: number;
  T: number;
  pAlive: number;
  activeMonths: number;
  expectedPurchases: number;
  horizonMonths: number;
  params: { r: number; alpha: number; a: number; b: number };
  paramsSource: 'fit' | 'default';
  sampleSize: number;
  fittedAt: string | null;
  note: string | null;
  assumptions: string[];
}

/** Every score of a subscriber with the events that made it. */
export interface ValueExplanation {
  subscriberId: number;
  email: string | null;
  now: string;
  pendingEvents: number;
  scores: Record<ScoreName, ScoreExplanation>;
  satisfaction: {
    nps: { score: number; class: NpsClass; answeredAt: string | null; campaignId: number | null } | null;
    csat: { score: number; answeredAt: string | null; campaignId: number | null } | null;
  };
  ltv: {
    /** The LTV: predicted by the model, or with t from LTV_MONTHS. */
    value: number;
    currency: string;
    S: number;
    C: number;
    P: number;
    t: number;
    tSource?: 'model' | 'setting';
    cSource?: 'model' | 'observed';
    /** Revenue × margin: what the customer already brought. */
    historicalValue?: number;
    /** What segments and reports compare. */
    storedValue?: number;
    observedMonths?: number;
    observedOrdersPerMonth?: number;
    orders: number;
    revenue: number;
    model?: LtvModel | null;
    sentence?: string;
  };
  interests: Array<{ topic: string; score: number; clicks: number; lastClickAt: string | null }>;
  loyalty: { balance: number };
  trial: { status: 'none' | 'started' | 'converted'; since: string | null };
  excluded: { machineEvents: number; byType: Record<string, number> };
}

export interface ReportSubscriber {
  subscriberId: number;
  email: string | null;
  name: string;
  totalValue: number;
  scores: Record<string, number>;
  ltv: number;
  npsClass: string | null;
  reasons?: Array<{ code: string; message: string }>;
}

/** A list's or segment's value report. */
export interface AudienceReport {
  audience: { type: 'list' | 'segment'; id: number; name: string };
  generatedAt: string;
  members: number;
  size: {
    bucket: 'day' | 'week';
    basis: string;
    points: Array<{ start: string; joined: number; left: number; size: number }>;
  };
  nps: {
    current: { answered: number; promoters: number; passives: number; detractors: number; nps: number | null };
    months: Array<{
      month: string;
      answers: number;
      promoters: number;
      passives: number;
      detractors: number;
      nps: number;
    }>;
  };
  ltv: {
    currency: string;
    customers: number;
    p10: number | null;
    p25: number | null;
    p50: number | null;
    p75: number | null;
    p90: number | null;
    mean: number | null;
    meanPerMember: number;
    total: number;
  };
  averageValue: Record<string, number>;
  engagementDistribution: Array<{ from: number; to: number; count: number }>;
  top: ReportSubscriber[];
  atRisk: { total: number; rules: Record<string, string>; subscribers: ReportSubscriber[] };
  /** Lists only: why people left, from the optional question on the unsubscribe page. */
  unsubscribeFeedback?: {
    total: number;
    byReason: Array<{ reason: UnsubscribeReason; count: number }>;
    notes: Array<{ reason: UnsubscribeReason; note: string; at: string; campaignId: number | null }>;
  };
}

export type UnsubscribeReason = 'too_many' | 'not_relevant' | 'never_signed_up' | 'other';

export interface PointsHistory {
  subscriberId: number;
  balance: number;
  history: Array<{
    id: number;
    type: string;
    points: number;
    reason: string;
    campaignId: number | null;
    orderId: string | null;
    createdAt: string;
  }>;
}

export interface Interests {
  subscriberId: number;
  halfLifeDays: number;
  topics: Array<{ topic: string; score: number; clicks: number; lastClickAt: string }>;
}

export interface EventItem {
  id: number;
  type: string;
  campaignId: number | null;
  deliveryId: number | null;
  subscriberId: number | null;
  occurredAt: string;
  data: Record<string, unknown>;
  machine: boolean;
  machineReason: string | null;
}

export interface EventPage {
  items: EventItem[];
  nextCursor: number | null;
}

export interface TimelineEvent extends EventItem {
  campaignName: string | null;
}

export interface TimelinePage {
  items: TimelineEvent[];
  nextCursor: number | null;
}

// ---- settings (auth branch) and machines

export interface Brand {
  name: string;
  logoUrl: string | null;
  color: string;
  postalAddress: string;
  website: string | null;
}

export interface TrackingSettings {
  ipMode: 'truncate' | 'hash' | 'none';
  openTracking: boolean;
  clickTracking: boolean;
  machineOpenWindowSeconds: number;
  machineClickWindowSeconds: number;
  attributionWindowDays: number;
}

export interface Settings {
  brand: Brand;
  tracking: TrackingSettings;
}

export interface DkimSettings {
  enabled: boolean;
  source: 'settings' | 'environment' | null;
  domain: string | null;
  selector: string | null;
  keyBits: number | null;
  publicKey: string | null;
  dnsRecord: { name: string; type: 'TXT'; value: string } | null;
}

export interface SmtpTransport {
  name: string;
  url: string;
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  devInbox: boolean;
}

export interface ManagedUser extends User {
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  id: number;
  name: string;
  prefix: string;
  key: string;
}

export interface Webhook {
  id: number;
  name: string;
  url: string;
  description: string;
  events: string[];
  includeMachine: boolean;
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  consecutiveFailures: number;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  secretHint: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookInput {
  name: string;
  url: string;
  events: string[];
  description?: string;
  includeMachine?: boolean;
  enabled?: boolean;
}

export interface WebhookDelivery {
  id: number;
  webhookId: number;
  event: string;
  eventId: number | null;
  status: string;
  attempts: number;
  maxAttempts: number;
  manual: boolean;
  occurredAt: string;
  createdAt: string;
  nextAttemptAt: string | null;
  completedAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  attemptLog: Array<{
    at: string;
    address: string | null;
    statusCode: number | null;
    durationMs: number;
    error: string | null;
    responseExcerpt: string | null;
  }>;
}

// GET /api/dashboard (src/reports/dashboard/dashboard.dto.ts). Rates are fractions 0..1; days and months UTC.

export interface RevenueByCurrency {
  currency: string | null;
  conversions: number;
  conversionAmount: number;
  purchases: number;
  purchaseAmount: number;
  total: number;
}

export interface KindHeadline {
  kind: CampaignKind;
  label: string;
  /** null when there is nothing to show yet (an NPS without answers, no topic clicked). */
  value: number | string | null;
  pollType?: string;
  answers?: number;
  responseRate?: number;
  nps?: { score: number; promoters: number; passives: number; detractors: number } | null;
  csatAverage?: number | null;
  redemptions?: number;
  redemptionAmount?: number;
  trialStarts?: number;
  conversions?: number;
  trialToPaidRate?: number;
  trialToPaidBenchmark?: number;
  pointsIssued?: number;
  bonusCredited?: number;
  claims?: number;
  entries?: number;
  requests?: number;
  topTopic?: string | null;
  topTopicClicks?: number;
}

export interface RecentCampaign {
  id: number;
  name: string;
  kind: CampaignKind;
  status: CampaignStatus;
  statusReason: string | null;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  recipients: number;
  sent: number;
  delivered: number;
  /** 0..1 while running or paused; null otherwise. */
  progress: number | null;
  openers: number;
  openRate: number;
  clickers: number;
  clickRate: number;
  acted: number;
  actRate: number;
  action: string;
  revenue: { conversions: number; purchases: number; byCurrency: RevenueByCurrency[] };
  headline: KindHeadline;
}

export interface SubscribersOverTime {
  total: number;
  newLast30Days: number;
  unsubscribedLast30Days: number;
  leftLast30Days: number;
  basis: string;
  points: Array<{ date: string; active: number; joined: number; left: number }>;
}

export interface NpsMonth {
  month: string;
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
}

export interface ValueDimensionAverages {
  source: 'profiles' | null;
  reason: string | null;
  subscribers: number;
  averages: Record<ValueDimension, number> | null;
  computedAt: string | null;
}

export type AttentionSeverity = 'critical' | 'warning' | 'info';
export interface AttentionItem {
  severity: AttentionSeverity;
  type: string;
  message: string;
  link: { type: 'campaign' | 'list' | 'import' | 'webhook'; id: number };
  at: string | null;
}

export interface Dashboard {
  generatedAt: string;
  recentCampaigns: RecentCampaign[];
  subscribersOverTime: SubscribersOverTime;
  npsOverTime: { basis: string; overall: NpsMonth; points: NpsMonth[] };
  valueDimensions: ValueDimensionAverages;
  attention: AttentionItem[];
}
