import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Clock } from '../../common/clock';
import { ConsentRecord } from '../consent/consent-record.entity';
import { ListMembership } from '../list-membership.entity';
import { nextMembershipStatus } from '../lists/membership-transition';
import { Subscriber } from '../subscriber.entity';
import { Suppression } from '../suppression.entity';
import { ImportError } from './import-error.entity';
import { ImportMode, ImportRun } from './import-run.entity';

/** One valid CSV row, ready to write. */
export interface ImportRow {
  line: number;
  email: string;
  hash: string;
  name?: string;
  externalId?: string;
  locale?: string;
  attributes: Record<string, string>;
}

export interface RowError {
  line: number;
  reason: string;
  value: string | null;
  hash: string | null;
}

export interface BatchProgress {
  linesDone: number;
  rowsRead: number;
  bytesRead: number;
}

export interface BatchCounts {
  imported: number;
  updated: number;
  skipped: number;
  failed: number;
}

/**
 * Writes one batch in one transaction, together with the run's counters and
 * checkpoint: a retried job resumes after the last committed batch, never
 * counting or inserting a row twice.
 */
@Injectable()
export class ImportBatchWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async write(run: ImportRun, rows: ImportRow[], errors: RowError[], progress: BatchProgress): Promise<BatchCounts> {
    return this.dataSource.transaction(async (manager) => {
      const counts: BatchCounts = { imported: 0, updated: 0, skipped: 0, failed: 0 };
      const rejected = [...errors];
      const suppressed = await this.suppressed(manager, rows.map((r) => r.hash));
      const accepted = rows.filter((r) => {
        const reason = suppressed.get(r.hash);
        if (reason) rejected.push({ line: r.line, reason: reason === 'erased' ? 'erased address (GDPR erasure): may not be re-added' : `suppressed address (${reason})`, value: r.email, hash: r.hash });
        return !reason;
      });
      const existing = await this.existing(manager, accepted.map((r) => r.hash));
      const toInsert = run.mode === 'update' ? [] : accepted.filter((r) => !existing.has(r.hash));
      const toUpdate = run.mode === 'add' ? [] : accepted.filter((r) => existing.has(r.hash));
      counts.skipped = accepted.length - toInsert.length - toUpdate.length;

      if (toInsert.length) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(Subscriber)
          .values(toInsert.map((r) => ({ email: r.email, emailHash: r.hash, name: r.name ?? '', attributes: r.attributes, status: 'active' as const, externalId: r.externalId ?? null, locale: r.locale || 'en' })))
          .updateEntity(false)
          .execute();
        counts.imported = toInsert.length;
      }
      for (const r of toUpdate) {
        const current = existing.get(r.hash)!;
        const changes: Partial<Subscriber> = { attributes: { ...current.attributes, ...r.attributes } };
        if (r.name) changes.name = r.name;
        if (r.externalId) changes.externalId = r.externalId;
        if (r.locale) changes.locale = r.locale;
        await manager.update(Subscriber, { id: current.id }, changes as QueryDeepPartialEntity<Subscriber>);
      }
      counts.updated = toUpdate.length;

      if (run.listId !== null && (toInsert.length || toUpdate.length)) {
        const ids = [...(await this.existing(manager, toInsert.map((r) => r.hash))).values(), ...toUpdate.map((r) => existing.get(r.hash)!)].map((s) => s.id);
        await this.join(manager, run, ids);
      }
      if (rejected.length) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(ImportError)
          .values(rejected.map((e) => ({ importId: run.id, line: e.line, reason: e.reason.slice(0, 200), value: e.value?.slice(0, 254) ?? null, emailHash: e.hash })))
          .updateEntity(false)
          .execute();
      }
      counts.failed = rejected.length;
      await manager
        .createQueryBuilder()
        .update(ImportRun)
        .set({
          linesDone: progress.linesDone,
          rowsRead: () => `rows_read + ${Number(progress.rowsRead)}`,
          bytesRead: progress.bytesRead,
          imported: () => `imported + ${counts.imported}`,
          updated: () => `updated + ${counts.updated}`,
          skipped: () => `skipped + ${counts.skipped}`,
          failed: () => `failed + ${counts.failed}`,
        })
        .where('id = :id', { id: run.id })
        .execute();
      return counts;
    });
  }

  private async suppressed(manager: EntityManager, hashes: string[]): Promise<Map<string, string>> {
    if (!hashes.length) return new Map();
    const rows = await manager.find(Suppression, { where: { emailHash: In(hashes) }, select: { emailHash: true, reason: true } });
    return new Map(rows.map((r) => [r.emailHash, r.reason]));
  }

  private async existing(manager: EntityManager, hashes: string[]): Promise<Map<string, Pick<Subscriber, 'id' | 'attributes'>>> {
    if (!hashes.length) return new Map();
    const rows = await manager.find(Subscriber, { where: { emailHash: In(hashes) }, select: { id: true, emailHash: true, attributes: true } });
    return new Map(rows.map((r) => [r.emailHash!, r]));
  }

  // Joins the import's list; existing memberships (including unsubscribed ones) are left alone.
  private async join(manager: EntityManager, run: ImportRun, subscriberIds: number[]): Promise<void> {
    const listId = run.listId!;
    const already = await manager.find(ListMembership, { where: { listId, subscriberId: In(subscriberIds) }, select: { subscriberId: true } });
    const have = new Set(already.map((m) => m.subscriberId));
    const status = nextMembershipStatus(undefined, { type: 'subscribe', optIn: 'single', method: 'import' })!;
    const now = this.clock.now();
    const fresh = subscriberIds.filter((id) => !have.has(id));
    if (!fresh.length) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(ListMembership)
      .values(fresh.map((subscriberId) => ({ listId, subscriberId, status, confirmedAt: now, unsubscribedAt: null })))
      .updateEntity(false)
      .execute();
    await manager
      .createQueryBuilder()
      .insert()
      .into(ConsentRecord)
      .values(fresh.map((subscriberId) => ({ subscriberId, listId, action: 'subscribe' as const, method: 'import' as const, source: `import:${run.id}`, ip: null, userAgent: null, at: now })))
      .updateEntity(false)
      .execute();
  }
}
