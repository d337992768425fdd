import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EventException } from './event.exception';
import { IdempotencyKey } from './idempotency-key.entity';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

const KEY = /^[\x21-\x7e]{1,200}$/;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Same Idempotency-Key, same answer: the first request's work and its stored
 * answer commit in one transaction, so a retry (or a racing duplicate) gets
 * that answer back and nothing is counted twice.
 */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  static checkKey(key: string | undefined): string {
    if (key === undefined || key === '')
      throw new EventException(
        'idempotency_key_required',
        'the Idempotency-Key header is required (any unique string up to 200 printable characters, e.g. a UUID)',
      );
    if (!KEY.test(key))
      throw new EventException(
        'idempotency_key_required',
        'the Idempotency-Key header must be 1 to 200 printable ASCII characters without spaces',
      );
    return key;
  }

  async run<T>(
    scope: string,
    key: string,
    request: unknown,
    work: (tx: EntityManager) => Promise<{ status: number; body: T }>,
  ): Promise<IdempotentResult<T>> {
    const requestHash = createHash('sha256').update(canonical(request)).digest('hex');
    const stored = await this.find(scope, key, requestHash);
    if (stored) return stored as IdempotentResult<T>;
    try {
      return await this.dataSource.transaction(async (tx) => {
        const result = await work(tx);
        await tx
          .getRepository(IdempotencyKey)
          .insert({ scope, key, requestHash, statusCode: result.status, response: JSON.stringify(result.body) });
        return { ...result, replayed: false };
      });
    } catch (error) {
      // A request with this key that committed meanwhile (unique violation on the
      // key, or its event seen by ours) decides the answer.
      const winner = await this.find(scope, key, requestHash);
      if (winner) return winner as IdempotentResult<T>;
      throw error;
    }
  }

  private async find(scope: string, key: string, requestHash: string): Promise<IdempotentResult<unknown> | undefined> {
    const row = await this.dataSource.getRepository(IdempotencyKey).findOneBy({ scope, key });
    if (!row) return undefined;
    if (row.requestHash !== requestHash) {
      throw new EventException(
        'idempotency_key_reused',
        `Idempotency-Key "${key}" was already used for a different request; use a new key for a new ${scope}`,
        409,
      );
    }
    return { status: row.statusCode, body: JSON.parse(row.response) as unknown, replayed: true };
  }
}
