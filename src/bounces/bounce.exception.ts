import { DomainException } from '../common/domain.exception';

export class BounceException extends DomainException<'not_a_report' | 'no_delivery'> {}
