import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { Suppression, SuppressionReason } from '../suppression.entity';

@Injectable()
export class SuppressionsService {
  constructor(@InjectRepository(Suppression) private readonly suppressions: Repository<Suppression>) {}

  find(hash: string): Promise<Suppression | null> {
    return this.suppressions.findOne({ where: { emailHash: hash } });
  }

  async findMany(hashes: string[], manager?: EntityManager): Promise<Map<string, SuppressionReason>> {
    if (!hashes.length) return new Map();
    const repo = manager ? manager.getRepository(Suppression) : this.suppressions;
    const rows = await repo.find({ where: { emailHash: In(hashes) }, select: { emailHash: true, reason: true } });
    return new Map(rows.map((r) => [r.emailHash, r.reason]));
  }

  /** Adds or strengthens a suppression; erasure and blocklisting win over softer reasons. */
  async add(hash: string, reason: SuppressionReason, detail = '', manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(Suppression) : this.suppressions;
    const existing = await repo.findOne({ where: { emailHash: hash } });
    if (!existing) {
      await repo.insert({ emailHash: hash, reason, detail: detail.slice(0, 200) });
    } else if (reason === 'erased' || reason === 'blocklisted') {
      await repo.update({ emailHash: hash }, { reason, detail: detail.slice(0, 200) });
    }
  }

  /** Lifts a suppression of one of the given reasons (never an erasure). */
  async lift(hash: string, reasons: SuppressionReason[], manager?: EntityManager): Promise<void> {
    const repo = manager ? manager.getRepository(Suppression) : this.suppressions;
    await repo.delete({ emailHash: hash, reason: In(reasons.filter((r) => r !== 'erased')) });
  }
}
