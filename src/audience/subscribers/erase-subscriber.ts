import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { AudienceException } from '../audience.exception';
import { ConsentRecord } from '../consent/consent-record.entity';
import { emailHash } from '../email-address';
import { ImportError } from '../imports/import-error.entity';
import { ListMembership } from '../list-membership.entity';
import { Subscriber } from '../subscriber.entity';
import { ErasureHooks } from './erasure-hooks';
import { SuppressionsService } from './suppressions.service';

/**
 * GDPR Art. 17: removes the person's data everywhere in one transaction and
 * keeps only the SHA-256 of the address on the suppression list, so the
 * address is never mailed or re-added again.
 */
@Injectable()
export class EraseSubscriber {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly suppressions: SuppressionsService,
    private readonly clock: Clock,
    private readonly hooks: ErasureHooks,
  ) {}

  async execute(id: number): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const subscriber = await manager.findOne(Subscriber, { where: { id } });
      if (!subscriber) throw AudienceException.notFound('Subscriber', id);
      if (subscriber.erasedAt) return;
      const hash = subscriber.email ? emailHash(subscriber.email) : subscriber.emailHash;
      if (hash) {
        await this.suppressions.add(hash, 'erased', '', manager);
        await manager.delete(ImportError, { emailHash: hash });
      }
      await manager.update(
        Subscriber,
        { id },
        {
          email: null,
          emailHash: null,
          name: '',
          firstName: '',
          lastName: '',
          attributes: {},
          timezone: null,
          externalId: null,
          status: 'unsubscribed',
          erasedAt: this.clock.now(),
        },
      );
      await manager.delete(ListMembership, { subscriberId: id });
      // The consent trail stays as anonymous evidence of what happened, without IP or device.
      await manager.update(ConsentRecord, { subscriberId: id }, { ip: null, userAgent: null });
      await this.hooks.run(id, hash, manager);
    });
  }
}
