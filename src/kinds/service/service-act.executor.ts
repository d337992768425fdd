import { Injectable, OnModuleInit } from '@nestjs/common';
import { ActExecutor, ActExecutors } from '../../acts/act-executors';
import type { PendingAct } from '../../acts/pending-act';
import { KindRecipientResolver } from '../common/kind-recipient';
import { ServiceRequestsService } from './service-requests.service';

/** A person's one click on a service offer: the request is filed, with the note they wrote meanwhile. */
@Injectable()
export class ServiceActExecutor implements ActExecutor, OnModuleInit {
  readonly kind = 'service' as const;
  readonly eventType = 'service_requested' as const;

  constructor(
    private readonly executors: ActExecutors,
    private readonly recipients: KindRecipientResolver,
    private readonly requests: ServiceRequestsService,
  ) {}

  onModuleInit(): void {
    this.executors.register(this);
  }

  async execute(act: PendingAct): Promise<void> {
    const { content } = await this.recipients.campaignOf(act.claims.campaignId, 'service');
    const index = Number(act.payload.offerIndex);
    if (!Number.isInteger(index) || !content.offers[index]) return;
    await this.requests.request(act.claims, content, index, act.occurredAt);
    if (typeof act.payload.note === 'string') await this.requests.addNote(act.claims, index, act.payload.note);
  }
}
