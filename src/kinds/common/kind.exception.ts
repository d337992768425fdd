import { DomainErrorStatus, DomainException } from '../../common/domain.exception';

export type KindErrorCode =
  | 'wrong_kind'
  | 'code_capacity'
  | 'coupon_unknown'
  | 'coupon_not_yet_valid'
  | 'coupon_expired'
  | 'coupon_min_order'
  | 'coupon_redeemed'
  | 'coupon_subscriber_erased'
  | 'coupon_not_redeemed'
  | 'points_insufficient'
  | 'points_invalid'
  | 'contest_not_ended'
  | 'contest_no_commitment'
  | 'contest_already_drawn'
  | 'contest_not_drawn'
  | 'contest_no_entries'
  | 'contest_not_winner'
  | 'contest_ended'
  | 'contest_already_frozen'
  | 'contest_beacon_invalid'
  | 'contest_beacon_not_yet'
  | 'contest_beacon_required'
  | 'contest_old_algorithm'
  | 'service_request_unknown';

/** The one exception type of the kind modules. */
export class KindException extends DomainException<KindErrorCode> {
  constructor(code: KindErrorCode, message: string, status: DomainErrorStatus = 409, details?: unknown) {
    super(code, message, status, details);
  }
}
