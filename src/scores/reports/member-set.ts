import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { utcDay } from '../../common/db/sql-dialect';
import { LIVE_TABLES } from '../profile/profile-store';

/** The subscribers a report is about, as a subquery of ids, and how its size grew. */
export interface MemberSet {
  audience: { type: 'list' | 'segment'; id: number; name: string };
  /** SELECT of one column of subscriber ids, with named parameters (for one-off `IN (…)` queries). */
  ids: SelectQueryBuilder<ObjectLiteral>;
  /** The members' stored profiles (p.*) after a subscriber id, in id order: a join, so each page reads only its own rows. */
  profilePage(afterId: number, limit: number): SelectQueryBuilder<ObjectLiteral>;
  /** Day → how many joined / left that day (UTC), and what "joined" means. */
  history(): Promise<{ basis: string; joined: Map<string, number>; left: Map<string, number> }>;
}

/** Runs a query builder as raw SQL (positional parameters expanded by TypeORM) and returns plain rows. */
export async function rawRows<T = Record<string, unknown>>(
  ds: DataSource,
  qb: SelectQueryBuilder<ObjectLiteral>,
): Promise<T[]> {
  const [text, params] = qb.getQueryAndParameters();
  return ds.query(text, params);
}

/** `column IN (member ids)` added to a query, with the member query's parameters. */
export function whereMember<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  column: string,
  members: MemberSet,
): SelectQueryBuilder<T> {
  return qb
    .andWhere(`${column} IN (${members.ids.getQuery()})`)
    .setParameters({ ...qb.getParameters(), ...members.ids.getParameters() });
}

async function countByDay(ds: DataSource, qb: SelectQueryBuilder<ObjectLiteral>): Promise<Map<string, number>> {
  const rows = await rawRows<{ day: string; n: unknown }>(ds, qb.groupBy('day'));
  return new Map(rows.filter((r) => r.day).map((r) => [String(r.day), Number(r.n)]));
}

/** A list's confirmed members; its history from membership times (confirmed, else created; unsubscribed). */
export function listMembers(ds: DataSource, list: { id: number; name: string }): MemberSet {
  const ids = ds
    .createQueryBuilder()
    .select('rl_m.subscriber_id')
    .from('list_memberships', 'rl_m')
    .where("rl_m.list_id = :rl_list AND rl_m.status = 'confirmed'", { rl_list: list.id });
  const memberships = () =>
    ds.createQueryBuilder().from('list_memberships', 'm').where('m.list_id = :list', { list: list.id });
  return {
    audience: { type: 'list', id: list.id, name: list.name },
    ids,
    profilePage: (afterId, limit) =>
      ds
        .createQueryBuilder()
        .select('p.*')
        .from('list_memberships', 'pm')
        .innerJoin(LIVE_TABLES.profiles, 'p', 'p.subscriber_id = pm.subscriber_id')
        .where("pm.list_id = :pm_list AND pm.status = 'confirmed' AND pm.subscriber_id > :pm_after", {
          pm_list: list.id,
          pm_after: afterId,
        })
        .orderBy('pm.subscriber_id', 'ASC')
        .limit(limit),
    history: async () => ({
      basis: 'membership: joined when confirmed (or added confirmed), left when unsubscribed',
      joined: await countByDay(
        ds,
        memberships()
          .select(utcDay(ds, 'COALESCE(m.confirmed_at, m.created_at)'), 'day')
          .addSelect('COUNT(*)', 'n')
          .andWhere("(m.status = 'confirmed' OR (m.status = 'unsubscribed' AND m.confirmed_at IS NOT NULL))"),
      ),
      left: await countByDay(
        ds,
        memberships()
          .select(utcDay(ds, 'm.unsubscribed_at'), 'day')
          .addSelect('COUNT(*)', 'n')
          .andWhere("m.status = 'unsubscribed' AND m.confirmed_at IS NOT NULL AND m.unsubscribed_at IS NOT NULL"),
      ),
    }),
  };
}

/** A segment's current matches; a filter has no past, so its history counts them by when they subscribed. */
export function segmentMembers(
  ds: DataSource,
  segment: { id: number; name: string },
  matching: () => SelectQueryBuilder<ObjectLiteral>,
): MemberSet {
  const ids = matching().select('s.id');
  return {
    audience: { type: 'segment', id: segment.id, name: segment.name },
    ids,
    profilePage: (afterId, limit) =>
      matching()
        .innerJoin(LIVE_TABLES.profiles, 'p', 'p.subscriber_id = s.id')
        .select('p.*')
        .andWhere('s.id > :ps_after', { ps_after: afterId })
        .orderBy('s.id', 'ASC')
        .limit(limit),
    history: async () => {
      const qb = whereMember(
        ds
          .createQueryBuilder()
          .select(utcDay(ds, 'sh.created_at'), 'day')
          .addSelect('COUNT(*)', 'n')
          .from('subscribers', 'sh'),
        'sh.id',
        { ids } as MemberSet,
      );
      return {
        basis: "today's matches, by the day each subscriber was created",
        joined: await countByDay(ds, qb),
        left: new Map(),
      };
    },
  };
}
