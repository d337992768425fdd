import { DomainException } from '../common/domain.exception';

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

export type CampaignAction = 'schedule' | 'unschedule' | 'start' | 'pause' | 'resume' | 'finish' | 'cancel' | 'fail';

const FINAL: CampaignStatus[] = ['finished', 'cancelled', 'failed'];

// The one transition table: draft → scheduled → running ⇄ paused → finished,
// cancel from any non-final state, fail from running or paused.
const TRANSITIONS: Record<CampaignAction, { from: CampaignStatus[]; to: CampaignStatus }> = {
  schedule: { from: ['draft'], to: 'scheduled' },
  unschedule: { from: ['scheduled'], to: 'draft' },
  start: { from: ['draft', 'scheduled'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  finish: { from: ['running'], to: 'finished' },
  cancel: { from: ['draft', 'scheduled', 'running', 'paused'], to: 'cancelled' },
  fail: { from: ['running', 'paused'], to: 'failed' },
};

export class IllegalTransitionException extends DomainException<'illegal_transition'> {
  constructor(action: CampaignAction, status: CampaignStatus) {
    const hint = FINAL.includes(status) ? ' It is already final.' : '';
    super('illegal_transition', `A ${status} campaign cannot be asked to ${action}.${hint}`, 409, { action, status });
  }
}

export function transitionOf(action: CampaignAction): { from: CampaignStatus[]; to: CampaignStatus } {
  return TRANSITIONS[action];
}

/** The status after `action`, or an IllegalTransitionException (HTTP 409). */
export function nextStatus(status: CampaignStatus, action: CampaignAction): CampaignStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status)) throw new IllegalTransitionException(action, status);
  return transition.to;
}

export function isFinal(status: CampaignStatus): boolean {
  return FINAL.includes(status);
}
