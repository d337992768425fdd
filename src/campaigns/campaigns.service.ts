import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, In, Repository } from 'typeorm';
import { MailingList } from '../audience/mailing-list.entity';
import { MailTransport } from '../mail/mail-transport.service';
import { Clock } from '../common/clock';
import { NotFoundException } from '../common/domain.exception';
import { CampaignRunner } from '../sending/campaign-runner';
import { InvalidContentException } from '../templates/template.exception';
import { KindRegistry } from '../kinds/kind-registry';
import type { CampaignKind } from './campaign-kind';
import { Campaign } from './campaign.entity';
import { CampaignException } from './campaign.exception';
import { CampaignAction } from './campaign-status';
import { applyTransition } from './campaign-transition';
import { AudienceDto, CreateCampaignDto, ListCampaignsQuery, UpdateCampaignDto } from './dto/campaign.dto';
import { LocaleResolver } from '../i18n/locale-resolver';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { Sender, senderOf } from '../mail/sender';

/** A campaign as the API answers it: with the sender its mail goes out as, so no client repeats the fallback rule. */
export type CampaignView = Campaign & { sender: Sender };

@Injectable()
export class CampaignsService {
  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    @InjectRepository(MailingList) private readonly lists: Repository<MailingList>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: CampaignRunner,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly locales: LocaleResolver,
    @InjectConfig() private readonly config: AppConfig,
    private readonly kinds: KindRegistry,
  ) {}

  async create(dto: CreateCampaignDto): Promise<CampaignView> {
    await this.checkAudience(dto.audience);
    if (dto.transport) this.transport.assertKnown(dto.transport);
    const content = this.validContent(dto.kind, dto.content ?? {});
    await this.checkKindLists(dto.kind, content, dto.audience);
    const scheduledAt = dto.scheduledAt ? this.futureDate(dto.scheduledAt) : null;
    const campaign = await this.campaigns.save(
      this.campaigns.create({
        kind: dto.kind,
        name: dto.name,
        subject: dto.subject,
        preheader: dto.preheader ?? '',
        fromName: dto.fromName ?? '',
        fromEmail: dto.fromEmail ?? '',
        replyTo: dto.replyTo || null,
        audience: {
          listIds: dto.audience.listIds,
          segmentId: dto.audience.segmentId ?? null,
          excludeListIds: dto.audience.excludeListIds ?? [],
        },
        content,
        customMjml: dto.customMjml ?? null,
        locale: dto.locale ?? this.locales.defaultLocale,
        timezone: dto.timezone ?? 'UTC',
        transport: dto.transport ?? 'default',
        utm: dto.utm ? { ...dto.utm } : null,
        scheduledAt,
      }),
    );
    if (scheduledAt) await applyTransition(this.dataSource, campaign.id, 'schedule', this.clock.now());
    return this.view(campaign.id);
  }

  async list(
    query: ListCampaignsQuery,
  ): Promise<{ items: CampaignView[]; total: number; page: number; limit: number }> {
    const page = query.page ?? 1;
    const limit = Math.min(query.limit ?? 50, 200);
    const [items, total] = await this.campaigns.findAndCount({
      where: query.status ? { status: query.status } : {},
      order: { id: 'DESC' },
      skip: (page - 1) * limit,
      take: limit,
    });
    return { items: items.map((c) => this.withSender(c)), total, page, limit };
  }

  async get(id: number): Promise<Campaign> {
    const campaign = await this.campaigns.findOneBy({ id });
    if (!campaign) throw new NotFoundException('Campaign', id);
    return campaign;
  }

  async view(id: number): Promise<CampaignView> {
    return this.withSender(await this.get(id));
  }

  async update(id: number, dto: UpdateCampaignDto): Promise<CampaignView> {
    const campaign = await this.get(id);
    if (campaign.status !== 'draft') {
      throw new CampaignException(
        'not_editable',
        `Only a draft can be edited; this campaign is ${campaign.status}. Unschedule it first if it is scheduled.`,
        409,
      );
    }
    if (dto.audience) await this.checkAudience(dto.audience);
    if (dto.transport) this.transport.assertKnown(dto.transport);
    const content = dto.content ? this.validContent(campaign.kind, dto.content) : campaign.content;
    await this.checkKindLists(campaign.kind, content, dto.audience ?? campaign.audience);
    Object.assign(campaign, {
      ...dto,
      ...(dto.replyTo !== undefined ? { replyTo: dto.replyTo || null } : {}),
      ...(dto.content ? { content } : {}),
      ...(dto.audience
        ? {
            audience: {
              listIds: dto.audience.listIds,
              segmentId: dto.audience.segmentId ?? null,
              excludeListIds: dto.audience.excludeListIds ?? [],
            },
          }
        : {}),
    });
    await this.campaigns.save(campaign);
    return this.view(id);
  }

  async remove(id: number): Promise<void> {
    const campaign = await this.get(id);
    if (campaign.status === 'running' || campaign.status === 'paused' || campaign.status === 'scheduled') {
      throw new CampaignException(
        'not_editable',
        `A ${campaign.status} campaign cannot be deleted; cancel it first.`,
        409,
      );
    }
    await this.campaigns.delete({ id });
  }

  async schedule(id: number, scheduledAt: string): Promise<CampaignView> {
    const campaign = await this.get(id);
    const at = this.futureDate(scheduledAt);
    if (campaign.status !== 'draft') await applyTransition(this.dataSource, id, 'schedule', this.clock.now());
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(Campaign).update({ id, status: 'draft' }, { scheduledAt: at });
      await applyTransition(tx, id, 'schedule', this.clock.now());
    });
    return this.view(id);
  }

  async act(id: number, action: Exclude<CampaignAction, 'schedule' | 'finish' | 'fail'>): Promise<CampaignView> {
    switch (action) {
      case 'start':
        await this.runner.start(id);
        break;
      case 'resume':
        await this.runner.resume(id);
        break;
      case 'pause':
      case 'cancel':
      case 'unschedule':
        await applyTransition(this.dataSource, id, action, this.clock.now());
        break;
    }
    return this.view(id);
  }

  private withSender(campaign: Campaign): CampaignView {
    return Object.assign(campaign, { sender: senderOf(campaign, this.config.mailFrom) });
  }

  private async checkAudience(audience: AudienceDto): Promise<void> {
    const ids = [...new Set([...audience.listIds, ...(audience.excludeListIds ?? [])])];
    if (audience.listIds.length === 0 && !audience.segmentId) {
      throw new CampaignException('no_audience', 'audience needs at least one list id or a segment id');
    }
    if (ids.length === 0) return;
    const found = await this.lists.find({ where: { id: In(ids) }, select: { id: true } });
    const missing = ids.filter((id) => !found.some((l) => l.id === id));
    if (missing.length)
      throw new CampaignException(
        'unknown_list',
        `audience names list(s) that do not exist: ${missing.join(', ')}`,
        404,
      );
  }

  // What content alone cannot tell (a list that must exist), asked of the kind.
  private async checkKindLists(
    kind: CampaignKind,
    content: Record<string, unknown>,
    audience: { listIds: number[] },
  ): Promise<void> {
    const definition = this.kinds.get(kind);
    if (definition.checkContent) await definition.checkContent(content, audience);
  }

  private validContent(kind: CampaignKind, content: Record<string, unknown>): Record<string, unknown> {
    const validated = this.kinds.validate(kind, content);
    if (!validated.ok) throw new InvalidContentException(kind, validated.errors);
    return validated.value;
  }

  private futureDate(iso: string): Date {
    const at = new Date(iso);
    if (Number.isNaN(at.getTime()))
      throw new CampaignException('invalid_schedule', `scheduledAt "${iso}" is not a date`);
    if (at.getTime() < this.clock.now().getTime() - 60_000) {
      throw new CampaignException(
        'invalid_schedule',
        `scheduledAt ${iso} is in the past; use "send now" to start immediately`,
      );
    }
    return at;
  }
}
