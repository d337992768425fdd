import { Platform1732400000000 } from './1732400000000-platform';
import { Audience1732400000100 } from './1732400000100-audience';
import { Campaigns1732400000300 } from './1732400000300-campaigns';
import { Events1732400000400 } from './1732400000400-events';
import { Tracking1732400000650 } from './1732400000650-tracking';
import { KindPoll1732400000700 } from './1732400000700-kind-poll';
import { KindGift1732400000710 } from './1732400000710-kind-gift';
import { KindContest1732400000720 } from './1732400000720-kind-contest';
import { KindDiscount1732400000730 } from './1732400000730-kind-discount';
import { KindLoyalty1732400000740 } from './1732400000740-kind-loyalty';
import { KindService1732400000750 } from './1732400000750-kind-service';
import { EventCursors1732400000800 } from './1732400000800-event-cursors';
import { ValueProfiles1732400000810 } from './1732400000810-value-profiles';
import { ReportIndexes1732400000815 } from './1732400000815-report-indexes';
import { Webhooks1732400000820 } from './1732400000820-webhooks';
import { Users1732400000830 } from './1732400000830-users';
import { Settings1732400000831 } from './1732400000831-settings';
import { DashboardIndexes1732400000850 } from './1732400000850-dashboard-indexes';
import { ContestDrawAudit1732400000865 } from './1732400000865-contest-draw-audit';
import { ListPublicForm1732400000870 } from './1732400000870-list-public-form';
import { ValueTruth1732400000900 } from './1732400000900-value-truth';
import { SecretsAndRetention1732400000910 } from './1732400000910-secrets-and-retention';
import { CountedClicksIndex1732400000920 } from './1732400000920-counted-clicks-index';
import { UnsubscribeFeedbackAndTimezone1732400000930 } from './1732400000930-unsubscribe-feedback-and-timezone';
import { PeopleAsPeopleAre1732400000940 } from './1732400000940-people-as-people-are';
import { ImportEncoding1732400000950 } from './1732400000950-import-encoding';

// Every migration, in order. Listed explicitly so the same array works from
// compiled JS, from ts under Jest and from the CLI. Each module appends its own.
export const migrations = [
  Platform1732400000000,
  Audience1732400000100,
  Campaigns1732400000300,
  Events1732400000400,
  Tracking1732400000650,
  KindPoll1732400000700,
  KindGift1732400000710,
  KindContest1732400000720,
  KindDiscount1732400000730,
  KindLoyalty1732400000740,
  KindService1732400000750,
  EventCursors1732400000800,
  ValueProfiles1732400000810,
  ReportIndexes1732400000815,
  Webhooks1732400000820,
  Users1732400000830,
  Settings1732400000831,
  DashboardIndexes1732400000850,
  ContestDrawAudit1732400000865,
  ListPublicForm1732400000870,
  ValueTruth1732400000900,
  SecretsAndRetention1732400000910,
  CountedClicksIndex1732400000920,
  UnsubscribeFeedbackAndTimezone1732400000930,
  PeopleAsPeopleAre1732400000940,
  ImportEncoding1732400000950,
];
