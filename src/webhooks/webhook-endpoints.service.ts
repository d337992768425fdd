import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { EventLogFollower } from '../events/event-log.follower';
import { disableWebhookEndpoint } from './disable-webhook-endpoint';
import {
  CreatedWebhookDto,
  CreateWebhookDto,
  RotatedSecretDto,
  UpdateWebhookDto,
  WebhookDto,
} from './dto/webhook-endpoint.dto';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import { SecretBox } from '../secrets/secret-box';
import { generateWebhookSecret, WEBHOOK_SECRET_PURPOSE } from './webhook-signature';
import { WebhookTargetGuard } from './webhook-target.guard';
import { WebhookException } from './webhook.exception';

const ALL = ['*'];
export const DEFAULT_ROTATION_OVERLAP_HOURS = 24;

function normaliseEvents(events: string[] | undefined): string[] {
  if (!events || events.includes('*')) return ALL;
  return [...new Set(events)];
}

/** `secret` is the opened (plain) secret: only its ends are shown. */
function toWebhookDto(e: WebhookEndpoint, secret: string, now: Date): WebhookDto {
  return {
    id: e.id,
    name: e.name,
    url: e.url,
    description: e.description,
    events: e.events,
    includeMachine: e.includeMachine,
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt,
    consecutiveFailures: e.consecutiveFailures,
    lastSuccessAt: e.lastSuccessAt,
    lastFailureAt: e.lastFailureAt,
    secretHint: `${secret.slice(0, secret.startsWith('whsec_') ? 6 : 0)}…${secret.slice(-4)}`,
    previousSecretUntil:
      e.previousSecret && e.previousSecretUntil && e.previousSecretUntil > now ? e.previousSecretUntil : null,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
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
    private readonly box: SecretBox,
  ) {}

  async create(dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    const url = await this.guard.assertAllowed(dto.url);
    const secret = dto.secret ?? generateWebhookSecret();
    const saved = await this.repo().save(
      this.repo().create({
        name: dto.name.trim(),
        url,
        secret: this.box.seal(secret, WEBHOOK_SECRET_PURPOSE),
        description: dto.description ?? '',
        events: normaliseEvents(dto.events),
        includeMachine: dto.includeMachine ?? false,
        enabled: dto.enabled ?? true,
        consecutiveFailures: 0,
        // From the current end of the log: a new endpoint gets no history.
        startAfterEventId: await this.follower.head(),
      }),
    );
    return { ...(await this.show(saved.id)), secret };
  }

  async list(): Promise<WebhookDto[]> {
    return (await this.repo().find({ order: { id: 'ASC' } })).map((e) => this.toDto(e));
  }

  async show(id: number): Promise<WebhookDto> {
    return this.toDto(await this.get(id));
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
      Object.assign(changes, {
        enabled: true,
        disabledReason: null,
        disabledAt: null,
        consecutiveFailures: 0,
        startAfterEventId: await this.follower.head(),
      });
    }
    await this.dataSource.transaction(async (tx) => {
      if (Object.keys(changes).length > 0) await tx.update(WebhookEndpoint, { id }, changes);
      if (dto.enabled === false) await disableWebhookEndpoint(tx, id, null, this.clock.now());
    });
    return this.show(id);
  }

  /**
   * A new secret signs from now on; for `overlapHours` the previous one signs
   * too (both signatures in the header), so receivers can switch without a
   * rejected delivery. 0 ends the old secret at once.
   */
  async rotateSecret(id: number, overlapHours = DEFAULT_ROTATION_OVERLAP_HOURS): Promise<RotatedSecretDto> {
    const endpoint = await this.get(id);
    const secret = generateWebhookSecret();
    const now = this.clock.now();
    const previousSecretUntil = overlapHours > 0 ? new Date(now.getTime() + overlapHours * 3_600_000) : null;
    await this.repo().update(
      { id, secret: endpoint.secret },
      {
        secret: this.box.seal(secret, WEBHOOK_SECRET_PURPOSE),
        previousSecret: previousSecretUntil ? endpoint.secret : null,
        previousSecretUntil,
      },
    );
    return { id, secret, previousSecretUntil };
  }

  async remove(id: number): Promise<void> {
    await this.get(id);
    await this.repo().delete({ id });
  }

  private toDto(e: WebhookEndpoint): WebhookDto {
    return toWebhookDto(e, this.box.open(e.secret, WEBHOOK_SECRET_PURPOSE), this.clock.now());
  }

  private repo() {
    return this.dataSource.getRepository(WebhookEndpoint);
  }
}
