import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../common/db/columns';

/** One entry per subscriber per contest (database-unique), with its personal referral code. */
@Entity('contest_entries')
@Index('uq_contest_entries_campaign_subscriber', ['campaignId', 'subscriberId'], { unique: true })
export class ContestEntry {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'subscriber_id', type: 'integer' })
  subscriberId: number;

  @Column({ name: 'delivery_id', type: 'integer', nullable: true })
  deliveryId: number | null;

  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Index('uq_contest_entries_referral_code', { unique: true })
  @Column({ name: 'referral_code', type: 'varchar', length: 32 })
  referralCode: string;

  @Column({ name: 'bonus_entries', type: 'integer', default: 0 })
  bonusEntries: number;

  @TimestampColumn({ name: 'entered_at' })
  enteredAt: Date;
}

/** A friend who joined through a referral link; credited once their membership is confirmed. */
@Entity('contest_referrals')
@Index('uq_contest_referrals_campaign_referred', ['campaignId', 'referredSubscriberId'], { unique: true })
export class ContestReferral {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'referrer_subscriber_id', type: 'integer' })
  referrerSubscriberId: number;

  @Column({ name: 'referred_subscriber_id', type: 'integer' })
  referredSubscriberId: number;

  @Column({ type: 'varchar', length: 16 })
  status: 'pending' | 'credited';

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'credited_at', nullable: true })
  creditedAt: Date | null;
}

/** The draw of one contest: the seed's hash is published at commit, the seed itself only with the result. */
@Entity('contest_draws')
export class ContestDraw {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('uq_contest_draws_campaign', { unique: true })
  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'seed_hash', type: 'varchar', length: 64 })
  seedHash: string;

  @Column({ type: 'varchar', length: 64 })
  seed: string;

  @TimestampColumn({ name: 'committed_at' })
  committedAt: Date;

  /** 'valuemail-draw/2' (docs/contest-draw.md); draws made before it keep 'valuemail-draw/1'. */
  @Column({ type: 'varchar', length: 32, default: 'valuemail-draw/1' })
  algorithm: string;

  /** The drand quicknet round named at commit, whose value the draw mixes in. */
  @Column({ name: 'beacon_round', type: 'integer', nullable: true })
  beaconRound: number | null;

  @Column({ name: 'beacon_value', type: 'varchar', length: 128, nullable: true })
  beaconValue: string | null;

  @TimestampColumn({ name: 'frozen_at', nullable: true })
  frozenAt: Date | null;

  /** The frozen entry list, private: JSON [[ref, weight, subscriberId], ...]. The public list drops the subscriber ids. */
  @Column({ type: 'text', nullable: true })
  snapshot: string | null;

  /** sha256 of the canonical public entry list. */
  @Column({ name: 'snapshot_hash', type: 'varchar', length: 64, nullable: true })
  snapshotHash: string | null;

  /** Entries left out of the snapshot because the person asked to be erased before the freeze. */
  @Column({ name: 'excluded_erased', type: 'integer', nullable: true })
  excludedErased: number | null;

  /** Every subscriber id drawn, in draw order (disqualified ones included): the verifiable sequence. */
  @JsonColumn({ nullable: true })
  drawn: number[] | null;

  @TimestampColumn({ name: 'drawn_at', nullable: true })
  drawnAt: Date | null;
}

export type DrawLogAction = 'commit' | 'freeze' | 'draw' | 'disqualify' | 'redraw';

/** Append-only audit log of a contest draw: commit, draw, disqualify, redraw. */
@Entity('contest_draw_log')
export class ContestDrawLog {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ type: 'varchar', length: 16 })
  action: DrawLogAction;

  @Column({ name: 'subscriber_id', type: 'integer', nullable: true })
  subscriberId: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @JsonColumn({ default: '{}' })
  data: Record<string, unknown>;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;
}

@Entity('contest_winners')
@Index('uq_contest_winners_campaign_subscriber', ['campaignId', 'subscriberId'], { unique: true })
export class ContestWinner {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'campaign_id', type: 'integer' })
  campaignId: number;

  @Column({ name: 'subscriber_id', type: 'integer' })
  subscriberId: number;

  /** 1-based place in the draw order. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 16 })
  status: 'won' | 'disqualified';

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @TimestampColumn({ name: 'notified_at', nullable: true })
  notifiedAt: Date | null;
}
