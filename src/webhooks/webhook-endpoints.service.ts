import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { EventLogFollower } from '../events/event-log.follower';
import { disableWebhookEndpoint } from './disable-webhook-endpoint';
import { CreatedWebhookDto, CreateWebhookDto, RotatedSecretDto, UpdateWebhookDto, WebhookDto } from './dto/webhook-endpoint.dto';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { generateWebhookSecret } from './webhook-signature';
import { WebhookTargetGuard } from './webhook-target.guard';
import { WebhookException } from './webhook.exception';

const ALL = ['*'];

function normaliseEvents(events: string[] | undefined): string[] {
  if (!events || events.includes('*')) return ALL;
  return [...new Set(events)];
}

export function toWebhookDto(e: WebhookEndpoint): WebhookDto {
  return {
    id: e.id, name: e.name, url: e.url, description: e.description, events: e.events, includeMachine: e.includeMachine, enabled: e.enabled,
    disabledReason: e.disabledReason, disabledAt: e.disabledAt, consecutiveFailures: e.consecutiveFailures,
    lastSuccessAt: e.lastSuccessAt, lastFailureAt: e.lastFailureAt,
    secretHint: `${e.secret.slice(0, e.secret.startsWith('whsec_') ? 6 : 0)}…${e.secret.slice(-4)}`,
    createdAt: e.createdAt, updatedAt: e.updatedAt,
  };
}

/** Webhook endpoints: create (secret shown once), change, enable again, rotate the secret, delete. */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly guard: WebhookTargetGuard,
    private readonly follower: EventLogFollower,
    private readonly clock: Clock,
  ) {}

  async create(dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    const url = await this.guard.assertAllowed(dto.url);
    const secret = dto.secret ?? generateWebhookSecret();
    const saved = await this.repo().save(this.repo().create({
      name: dto.name.trim(),
      url,
      secret,
      description: dto.description ?? '',
      events: normaliseEvents(dto.events),
      includeMachine: dto.includeMachine ?? false,
      enabled: dto.enabled ?? true,
      consecutiveFailures: 0,
      // From the current end of the log: a new endpoint gets no history.
      startAfterEventId: await this.follower.head(),
    }));
    return { ...toWebhookDto(await this.get(saved.id)), secret };
  }

  list(): Promise<WebhookDto[]> {
    return this.repo().find({ order: { id: 'ASC' } }).then((all) => all.map(toWebhookDto));
  }

  async get(id: number): Promise<WebhookEndpoint> {
    const endpoint = await this.repo().findOneBy({ id });
    if (!endpoint) throw WebhookException.notFound('Webhook', id);
    return endpoint;
  }

  async update(id: number, dto: UpdateWebhookDto): Promise<WebhookDto> {
    const endpoint = await this.get(id);
    const changes: Partial<WebhookEndpoint> = {};
    if (dto.name !== undefined) changes.name = dto.name.trim();
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.url !== undefined) changes.url = await this.guard.assertAllowed(dto.url);
    if (dto.events !== undefined) changes.events = normaliseEvents(dto.events);
    if (dto.includeMachine !== undefined) changes.includeMachine = dto.includeMachine;
    if (dto.enabled === true && !endpoint.enabled) {
      // Enabled again: a clean slate, and only what happens from now on.
      Object.assign(changes, { enabled: true, disabledReason: null, disabledAt: null, consecutiveFailures: 0, startAfterEventId: await this.follower.head() });
    }
    await this.dataSource.transaction(async (tx) => {
      if (Object.keys(changes).length > 0) await tx.update(WebhookEndpoint, { id }, changes);
      if (dto.enabled === false) await disableWebhookEndpoint(tx, id, null, this.clock.now());
    });
    return toWebhookDto(await this.get(id));
  }

  async rotateSecret(id: number): Promise<RotatedSecretDto> {
    await this.get(id);
    const secret = generateWebhookSecret();
    await this.repo().update({ id }, { secret });
    return { id, secret };
  }

  async remove(id: number): Promise<void> {
    await this.get(id);
    await this.repo().delete({ id });
  }

  private repo() {
    return this.dataSource.getRepository(WebhookEndpoint);
  }
}
