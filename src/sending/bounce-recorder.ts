import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { emailHash } from '../audience/email-address';
import type { SuppressionReason } from '../audience/suppression.entity';
import { isPostgres, sql } from '../common/db/sql-dialect';

/** Marks an address bounced or complained and puts it on the suppression list. */
@Injectable()
export class BounceRecorder {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async suppressSubscriber(subscriberId: number, status: 'bounced' | 'complained' | 'unsubscribed', detail: string): Promise<void> {
    const ds = this.dataSource;
    await ds.transaction(async (tx) => {
      const rows: Array<{ email: string | null }> = await tx.query(sql(ds, 'SELECT email FROM subscribers WHERE id = ?'), [subscriberId]);
      await tx.query(sql(ds, 'UPDATE subscribers SET status = ? WHERE id = ?'), [status, subscriberId]);
      const email = rows[0]?.email;
      if (email) await this.suppressAddress(tx.query.bind(tx), email, status, detail);
    });
  }

  private async suppressAddress(query: (q: string, p: unknown[]) => Promise<unknown>, email: string, reason: SuppressionReason, detail: string): Promise<void> {
    const ds = this.dataSource;
    const conflict = isPostgres(ds) ? 'ON CONFLICT (email_hash) DO NOTHING' : '';
    const insert = isPostgres(ds) ? 'INSERT INTO' : 'INSERT OR IGNORE INTO';
    await query(sql(ds, `${insert} suppressions (email_hash, reason, detail) VALUES (?, ?, ?) ${conflict}`), [emailHash(email), reason, detail.slice(0, 200)]);
  }
}
