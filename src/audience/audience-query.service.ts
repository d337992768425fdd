import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { SegmentsService } from './segments/segments.service';

/** Who a campaign goes to: lists and/or a saved segment, minus excluded lists. */
export interface AudienceSpec {
  listIds: number[];
  segmentId?: number | null;
  excludeListIds?: number[];
}

/**
 * Pages through a campaign's audience by subscriber id (a stable checkpoint):
 * active subscribers, confirmed on one of the lists (when lists are given),
 * matching the segment (when given), not suppressed, each once.
 */
@Injectable()
export class AudienceQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly segments: SegmentsService,
  ) {}

  async page(spec: AudienceSpec, afterSubscriberId: number, limit: number): Promise<number[]> {
    const qb = (await this.query(spec))
      .select('s.id', 'id')
      .andWhere('s.id > :after', { after: afterSubscriberId })
      .orderBy('s.id', 'ASC')
      .limit(limit);
    const rows: Array<{ id: number | string }> = await qb.getRawMany();
    return rows.map((r) => Number(r.id));
  }

  /** How many subscribers the audience holds right now (what the composer shows before sending). */
  async count(spec: AudienceSpec): Promise<number> {
    const row: { n: number | string } | undefined = await (await this.query(spec)).select('COUNT(*)', 'n').getRawOne();
    return Number(row?.n ?? 0);
  }

  /** Whether a campaign with this audience would mail anyone now. */
  async hasRecipients(spec: AudienceSpec): Promise<boolean> {
    // Lists without a single confirmed member (an empty or unconfirmed import): answered from the
    // membership key alone, before the audience query, which scans every subscriber when nobody matches.
    if (spec.listIds.length) {
      const confirmed = await this.dataSource
        .createQueryBuilder()
        .select('1', 'x')
        .from('list_memberships', 'm')
        .where('m.list_id IN (:...listIds)', { listIds: spec.listIds })
        .andWhere("m.status = 'confirmed'")
        .limit(1)
        .getRawMany();
      if (confirmed.length === 0) return false;
    }
    return (await (await this.query(spec)).select('s.id', 'id').limit(1).getRawMany()).length > 0;
  }

  private async query(spec: AudienceSpec): Promise<SelectQueryBuilder<object>> {
    const qb = this.dataSource
      .createQueryBuilder()
      .from('subscribers', 's')
      .where("s.status = 'active'")
      .andWhere('s.email IS NOT NULL')
      // The suppression list outranks everything: an address suppressed after it joined is never mailed.
      .andWhere('NOT EXISTS (SELECT 1 FROM suppressions sup WHERE sup.email_hash = s.email_hash)');
    // A segment alone is an audience; otherwise no lists means nobody.
    if (spec.listIds.length || !spec.segmentId) {
      qb.andWhere(
        (sub) => {
          const members = sub
            .subQuery()
            .select('1')
            .from('list_memberships', 'm')
            .where('m.subscriber_id = s.id')
            .andWhere("m.status = 'confirmed'")
            .andWhere('m.list_id IN (:...listIds)');
          return `EXISTS ${members.getQuery()}`;
        },
        { listIds: spec.listIds.length ? spec.listIds : [-1] },
      );
    }
    if (spec.segmentId) {
      const segment = await this.segments.get(spec.segmentId);
      this.segments.applyFilter(qb, segment.filter, 'aud');
    }
    if (spec.excludeListIds?.length) {
      qb.andWhere(
        (sub) => {
          const excluded = sub
            .subQuery()
            .select('1')
            .from('list_memberships', 'x')
            .where('x.subscriber_id = s.id')
            .andWhere('x.list_id IN (:...excludeListIds)');
          return `NOT EXISTS ${excluded.getQuery()}`;
        },
        { excludeListIds: spec.excludeListIds },
      );
    }
    return qb;
  }
}
