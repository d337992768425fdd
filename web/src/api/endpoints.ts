import { http, upload, withQuery } from './client';
import type {
  ApiKey,
  AttributeKeyCount,
  AttributeValueCount,
  AudienceCountResult,
  CreatedUser,
  CreatedWebhook,
  MembersChangeResult,
  RotatedSecret,
  SmtpTestResult,
  SmtpTransports,
  TestSendResult,
  WebhookEventType,
  AudienceReport,
  Campaign,
  CampaignInput,
  CampaignKind,
  CampaignProgress,
  CampaignReport,
  CampaignStatus,
  ConsentRecord,
  ContestEntrantsPage,
  ContestReferralsPage,
  ContestReport,
  Dashboard,
  CreatedApiKey,
  DkimSettings,
  DrawState,
  DrawVerification,
  EventPage,
  TimelinePage,
  ImportProgress,
  Interests,
  KindReports,
  ListInput,
  MailingList,
  CampaignPage,
  ListMemberPage,
  SubscriberPage,
  WebhookDeliveryPage,
  PointsHistory,
  RenderedPreview,
  Role,
  Segment,
  SegmentFilter,
  SegmentPreview,
  ServiceRequest,
  ServiceRequestStatus,
  Session,
  Settings,
  Subscriber,
  SubscriberQuery,
  TemplatePreviewInput,
  ValueExplanation,
  Webhook,
  WebhookDelivery,
  WebhookInput,
  ManagedUser,
} from './types';

// Every call the SPA makes, typed, in one place. Paths are the engine's (/api/...).

export const authApi = {
  me: () => http.get<Session>('/api/auth/me', undefined, { quiet401: true }),
  login: (email: string, password: string) =>
    http.post<Session>('/api/auth/login', { email, password }, { quiet401: true }),
  logout: () => http.post<void>('/api/auth/logout'),
  updateMe: (body: { name?: string; locale?: string; currentPassword?: string; newPassword?: string }) =>
    http.patch<Session>('/api/auth/me', body),
};

export const usersApi = {
  list: () => http.get<ManagedUser[]>('/api/users'),
  create: (body: { email: string; name?: string; role: Role; password?: string; locale?: string }) =>
    http.post<CreatedUser>('/api/users', body),
  update: (id: number, body: { name?: string; role?: Role; locale?: string; password?: string; disabled?: boolean }) =>
    http.patch<ManagedUser>(`/api/users/${id}`, body),
  remove: (id: number) => http.delete<void>(`/api/users/${id}`),
};

export const subscribersApi = {
  list: (query: SubscriberQuery, signal?: AbortSignal) =>
    http.get<SubscriberPage>('/api/subscribers', { ...query }, { signal }),
  get: (id: number) => http.get<Subscriber>(`/api/subscribers/${id}`),
  create: (body: {
    email: string;
    name?: string;
    firstName?: string;
    lastName?: string;
    attributes?: Record<string, unknown>;
    locale?: string;
  }) => http.post<Subscriber>('/api/subscribers', body),
  update: (
    id: number,
    body: Partial<
      Pick<Subscriber, 'name' | 'firstName' | 'lastName' | 'status' | 'locale' | 'trackingOptOut' | 'attributes'>
    >,
  ) => http.patch<Subscriber>(`/api/subscribers/${id}`, body),
  /** Attribute names in use with how many have them (the segment builder's suggestions). */
  attributeKeys: () => http.get<AttributeKeyCount[]>('/api/subscribers/attributes'),
  /** The commonest values of one attribute (any spelling of its name). */
  attributeValues: (key: string, limit = 20) =>
    http.get<AttributeValueCount[]>('/api/subscribers/attributes/values', { key, limit }),
  remove: (id: number, erase = false) =>
    http.delete<void>(`/api/subscribers/${id}`, undefined, erase ? { erase: 'true' } : undefined),
  consent: (id: number) => http.get<ConsentRecord[]>(`/api/subscribers/${id}/consent`),
  timeline: (id: number, cursor?: number) =>
    http.get<TimelinePage>(`/api/subscribers/${id}/timeline`, { cursor, limit: 50 }),
  points: (id: number) => http.get<PointsHistory>(`/api/subscribers/${id}/points`),
  interests: (id: number) => http.get<Interests>(`/api/subscribers/${id}/interests`),
  value: (id: number) => http.get<ValueExplanation>(`/api/subscribers/${id}/value`),
};

export const listsApi = {
  all: () => http.get<MailingList[]>('/api/lists'),
  get: (id: number) => http.get<MailingList>(`/api/lists/${id}`),
  create: (body: ListInput) => http.post<MailingList>('/api/lists', body),
  update: (id: number, body: Partial<ListInput>) => http.patch<MailingList>(`/api/lists/${id}`, body),
  remove: (id: number) => http.delete<void>(`/api/lists/${id}`),
  members: (id: number, query: { page?: number; limit?: number; status?: string }) =>
    http.get<ListMemberPage>(`/api/lists/${id}/members`, query),
  addMembers: (id: number, body: { subscriberIds?: number[]; segmentId?: number }) =>
    http.post<MembersChangeResult>(`/api/lists/${id}/members`, body),
  report: (id: number) => http.get<AudienceReport>(`/api/lists/${id}/report`),
  exportUrl: (id: number) => `/api/lists/${id}/export.csv`,
};

export const segmentsApi = {
  all: () => http.get<Segment[]>('/api/segments'),
  get: (id: number) => http.get<Segment>(`/api/segments/${id}`),
  create: (body: { name: string; description?: string; filter: SegmentFilter }) =>
    http.post<Segment>('/api/segments', body),
  update: (id: number, body: { name?: string; description?: string; filter?: SegmentFilter }) =>
    http.patch<Segment>(`/api/segments/${id}`, body),
  remove: (id: number) => http.delete<void>(`/api/segments/${id}`),
  preview: (filter: SegmentFilter, limit = 10, signal?: AbortSignal) =>
    http.post<SegmentPreview>('/api/segments/preview', { filter, limit }, { signal }),
  previewSaved: (id: number, limit = 1) => http.get<SegmentPreview>(`/api/segments/${id}/preview`, { limit }),
  report: (id: number) => http.get<AudienceReport>(`/api/segments/${id}/report`),
  exportUrl: (id: number) => `/api/segments/${id}/export.csv`,
};

export const importsApi = {
  start: (form: FormData, onProgress?: (fraction: number) => void) =>
    upload<ImportProgress>('/api/imports', form, onProgress),
  progress: (id: number) => http.get<ImportProgress>(`/api/imports/${id}`),
  errorsUrl: (id: number) => `/api/imports/${id}/errors.csv`,
};

export const campaignsApi = {
  list: (query: { status?: CampaignStatus; page?: number; limit?: number }) =>
    http.get<CampaignPage>('/api/campaigns', query),
  get: (id: number) => http.get<Campaign>(`/api/campaigns/${id}`),
  create: (body: CampaignInput) => http.post<Campaign>('/api/campaigns', body),
  update: (id: number, body: Partial<Omit<CampaignInput, 'kind'>>) =>
    http.patch<Campaign>(`/api/campaigns/${id}`, body),
  remove: (id: number) => http.delete<void>(`/api/campaigns/${id}`),
  schedule: (id: number, scheduledAt: string) => http.post<Campaign>(`/api/campaigns/${id}/schedule`, { scheduledAt }),
  unschedule: (id: number) => http.post<Campaign>(`/api/campaigns/${id}/unschedule`),
  send: (id: number) => http.post<Campaign>(`/api/campaigns/${id}/send`),
  pause: (id: number) => http.post<Campaign>(`/api/campaigns/${id}/pause`),
  resume: (id: number) => http.post<Campaign>(`/api/campaigns/${id}/resume`),
  cancel: (id: number) => http.post<Campaign>(`/api/campaigns/${id}/cancel`),
  preview: (id: number, subscriberId?: number) =>
    http.get<RenderedPreview>(`/api/campaigns/${id}/preview`, { subscriberId }),
  test: (id: number, to: string[]) => http.post<TestSendResult>(`/api/campaigns/${id}/test`, { to }),
  progress: (id: number) => http.get<CampaignProgress>(`/api/campaigns/${id}/progress`),
  progressStreamUrl: (id: number) => `/api/campaigns/${id}/progress/stream`,
  audienceCount: (
    audience: { listIds: number[]; segmentId?: number; excludeListIds?: number[] },
    signal?: AbortSignal,
  ) => http.post<AudienceCountResult>('/api/audience/count', audience, { signal }),
  report: (id: number) => http.get<CampaignReport>(`/api/campaigns/${id}/report`),
  kindReport: <K extends CampaignKind>(id: number, kind: K) =>
    http.get<KindReports[K]>(`/api/campaigns/${id}/report/${kind}`),
  reportCsvUrl: (id: number) => `/api/campaigns/${id}/report.csv`,
  recipientsCsvUrl: (id: number) => `/api/campaigns/${id}/recipients.csv`,
};

export const dashboardApi = {
  get: () => http.get<Dashboard>('/api/dashboard'),
};

export const templatesApi = {
  preview: (body: TemplatePreviewInput, signal?: AbortSignal) =>
    http.post<RenderedPreview>('/api/templates/preview', body, { signal }),
};

export const contestApi = {
  state: (id: number) => http.get<DrawState>(`/api/campaigns/${id}/contest/draw`, undefined),
  commit: (id: number, body: { useBeacon?: boolean }) =>
    http.post<DrawState>(`/api/campaigns/${id}/contest/draw/commit`, body),
  freeze: (id: number) => http.post<DrawState>(`/api/campaigns/${id}/contest/draw/freeze`),
  draw: (id: number, body: { beaconValue?: string }) => http.post<DrawState>(`/api/campaigns/${id}/contest/draw`, body),
  verify: (id: number) => http.get<DrawVerification>(`/api/campaigns/${id}/contest/draw/verify`),
  disqualify: (id: number, subscriberId: number, reason: string) =>
    http.post<DrawState>(`/api/campaigns/${id}/contest/winners/${subscriberId}/disqualify`, { reason }),
  report: (id: number) => http.get<ContestReport>(`/api/campaigns/${id}/report/contest`),
  entrants: (id: number, page: number) =>
    http.get<ContestEntrantsPage>(`/api/campaigns/${id}/contest/entrants`, { page, limit: 20 }),
  referrals: (id: number, page: number) =>
    http.get<ContestReferralsPage>(`/api/campaigns/${id}/contest/referrals`, { page, limit: 20 }),
};

export const serviceRequestsApi = {
  list: (query: { campaignId?: number; status?: ServiceRequestStatus }) =>
    http.get<ServiceRequest[]>('/api/service-requests', query),
  setStatus: (id: number, status: ServiceRequestStatus) =>
    http.patch<ServiceRequest>(`/api/service-requests/${id}`, { status }),
};

export const eventsApi = {
  list: (query: {
    type?: string;
    campaignId?: number;
    subscriberId?: number;
    from?: string;
    to?: string;
    cursor?: number;
    limit?: number;
  }) => http.get<EventPage>('/api/events', query),
};

export const settingsApi = {
  get: () => http.get<Settings>('/api/settings'),
  update: (body: {
    brand?: Partial<Record<keyof Settings['brand'], string | null>>;
    tracking?: Partial<Settings['tracking']>;
  }) => http.patch<Settings>('/api/settings', body),
  dkim: () => http.get<DkimSettings>('/api/settings/dkim'),
  putDkim: (body: { domain: string; selector: string; privateKey: string }) =>
    http.put<DkimSettings>('/api/settings/dkim', body),
  generateDkim: (body: { domain: string; selector: string }) =>
    http.post<DkimSettings>('/api/settings/dkim/generate', body),
  removeDkim: () => http.delete<DkimSettings>('/api/settings/dkim'),
  smtp: () => http.get<SmtpTransports>('/api/settings/smtp'),
  testSmtp: (name: string, to: string) =>
    http.post<SmtpTestResult>(`/api/settings/smtp/${encodeURIComponent(name)}/test`, { to }),
};

export const keysApi = {
  list: () => http.get<ApiKey[]>('/api/keys'),
  create: (name: string) => http.post<CreatedApiKey>('/api/keys', { name }),
  revoke: (id: number) => http.delete<ApiKey>(`/api/keys/${id}`),
};

export const webhooksApi = {
  events: () => http.get<WebhookEventType[]>('/api/webhooks/events'),
  list: () => http.get<Webhook[]>('/api/webhooks'),
  create: (body: WebhookInput) => http.post<CreatedWebhook>('/api/webhooks', body),
  update: (id: number, body: Partial<WebhookInput>) => http.patch<Webhook>(`/api/webhooks/${id}`, body),
  remove: (id: number) => http.delete<void>(`/api/webhooks/${id}`),
  rotateSecret: (id: number) => http.post<RotatedSecret>(`/api/webhooks/${id}/rotate-secret`),
  deliveries: (id: number, page = 1) =>
    http.get<WebhookDeliveryPage>(`/api/webhooks/${id}/deliveries`, { page, limit: 25 }),
  test: (id: number) => http.post<WebhookDelivery>(`/api/webhooks/${id}/test`),
  retry: (deliveryId: number) => http.post<WebhookDelivery>(`/api/webhook-deliveries/${deliveryId}/retry`),
};

export { withQuery };
