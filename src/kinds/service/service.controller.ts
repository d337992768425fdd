import { IsOmittable } from '../../common/omittable';
import { Body, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController, ApiOkResponse, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AdminController, PublicController } from '../../common/admin-controller.decorator';
import { SERVICE_PATH } from './service.paths';
import { LocaleResolver } from '../../i18n/locale-resolver';
import { ActGate } from '../../acts/act-gate';
import { field, formHtml, formPage, messagePage, sendHtml, sendNotFound } from '../common/kind-pages';
import { KindRecipient, KindRecipientResolver } from '../common/kind-recipient';
import { SERVICE_REQUEST_STATUSES, ServiceRequest, ServiceRequestStatus } from './service-request.entity';
import { ServiceRequestsService } from './service-requests.service';
import { IdParam } from '../../common/whole-number';
import { IsWholeNumber } from '../../common/whole-number';

export class UpdateServiceRequestDto {
  @ApiProperty({ enum: SERVICE_REQUEST_STATUSES })
  @IsIn(SERVICE_REQUEST_STATUSES)
  status: ServiceRequestStatus;
}

export class ListServiceRequestsQuery {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsWholeNumber()
  campaignId?: number;

  @ApiPropertyOptional({ enum: SERVICE_REQUEST_STATUSES })
  @IsOmittable()
  @IsIn(SERVICE_REQUEST_STATUSES)
  status?: ServiceRequestStatus;
}

export class ServiceRequestDto {
  @ApiProperty() id: number;
  @ApiProperty() campaignId: number;
  @ApiProperty() subscriberId: number;
  @ApiProperty() deliveryId: number;
  @ApiProperty() offerIndex: number;
  @ApiProperty() offerTitle: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ enum: SERVICE_REQUEST_STATUSES }) status: ServiceRequestStatus;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;

  static of(r: ServiceRequest): ServiceRequestDto {
    const { id, campaignId, subscriberId, deliveryId, offerIndex, offerTitle, note, status, createdAt, updatedAt } = r;
    return { id, campaignId, subscriberId, deliveryId, offerIndex, offerTitle, note, status, createdAt, updatedAt };
  }
}

export class ServiceOfferRequests {
  @ApiProperty() index: number;
  @ApiProperty() title: string;
  @ApiProperty() topic: string;
  @ApiProperty() requests: number;
  @ApiProperty() new: number;
  @ApiProperty() inProgress: number;
  @ApiProperty() done: number;
}

export class ServiceReport {
  @ApiProperty() campaignId: number;
  @ApiProperty() sent: number;
  @ApiProperty() requests: number;
  @ApiProperty({ type: [ServiceOfferRequests] }) offers: ServiceOfferRequests[];
}

@AdminController('service-requests', 'kinds')
export class ServiceRequestsController {
  constructor(private readonly requests: ServiceRequestsService) {}

  @Get()
  @ApiOkResponse({ type: [ServiceRequestDto] })
  async list(@Query() query: ListServiceRequestsQuery): Promise<ServiceRequestDto[]> {
    return (await this.requests.list(query)).map((r) => ServiceRequestDto.of(r));
  }

  @Patch(':id')
  @ApiOkResponse({ type: ServiceRequestDto })
  async update(@IdParam() id: number, @Body() dto: UpdateServiceRequestDto): Promise<ServiceRequestDto> {
    return ServiceRequestDto.of(await this.requests.setStatus(id, dto.status));
  }
}

@AdminController('campaigns', 'kinds')
export class ServiceReportController {
  constructor(private readonly requests: ServiceRequestsService) {}

  @Get(':id/report/service')
  @ApiOkResponse({ type: ServiceReport })
  report(@IdParam() id: number): Promise<ServiceReport> {
    return this.requests.report(id);
  }
}

/** /s/{token}/{offer}: GET shows the offer and posts by script; the POST records the request, then takes an optional note. */
@ApiExcludeController()
@PublicController(SERVICE_PATH)
export class ServicePublicController {
  constructor(
    private readonly recipients: KindRecipientResolver,
    private readonly requests: ServiceRequestsService,
    private readonly locales: LocaleResolver,
    private readonly gate: ActGate,
  ) {}

  @Get(':token/:offer')
  async show(@Param('token') token: string, @Param('offer') raw: string, @Res() reply: FastifyReply): Promise<void> {
    const found = await this.resolve(token, raw);
    if (!found) return sendNotFound(reply, this.locales);
    await this.requestByLink(token, found.r, found.index, reply, 'link');
  }

  @Post(':token/:offer/note')
  async note(
    @Param('token') token: string,
    @Param('offer') raw: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const found = await this.resolve(token, raw);
    if (!found) return sendNotFound(reply, this.locales);
    const { t } = found.r;
    const text = field(body, 'note', 2000);
    const kept =
      text &&
      ((await this.gate.addToPending('service', found.r.claims, 'note', text)) ||
        (await this.requests.addNote(found.r.claims, found.index, text)));
    if (text && !kept) return sendHtml(reply, 409, messagePage(t, t.t('page.service.useLinkFirst'), []));
    sendHtml(reply, 200, messagePage(t, t.t('page.thankYou'), [t.t('page.service.noteThanks')]));
  }

  /** Pages from before one-click requests were judged posted here: the same way. */
  @Post(':token/:offer')
  async request(@Param('token') token: string, @Param('offer') raw: string, @Res() reply: FastifyReply): Promise<void> {
    const found = await this.resolve(token, raw);
    if (!found) return sendNotFound(reply, this.locales);
    await this.requestByLink(token, found.r, found.index, reply, 'form');
  }

  /** The request is filed once the scanner rules have judged the click (ServiceActExecutor); the person is answered at once. */
  private async requestByLink(
    token: string,
    r: KindRecipient<'service'>,
    index: number,
    reply: FastifyReply,
    how: 'link' | 'form',
  ): Promise<void> {
    const { t } = r;
    const offer = r.content.offers[index];
    await this.gate.propose('service', r.claims, `${SERVICE_PATH}/${index}`, { offerIndex: index }, how);
    sendHtml(
      reply,
      200,
      formPage(
        t,
        t.t('page.service.onIt', { offer: offer.title }),
        [t.t('page.service.requested')],
        formHtml(`/${SERVICE_PATH}/${token}/${index}/note`, t.t('page.service.sendNote'), [
          { name: 'note', label: offer.question ?? t.t('page.service.notePrompt'), type: 'textarea' },
        ]),
      ),
    );
  }

  private async resolve(token: string, raw: string) {
    const r = await this.recipients.resolve(token, 'service');
    const index = /^\d{1,2}$/.test(raw) ? Number(raw) : -1;
    if (!r || index < 0 || index >= r.content.offers.length) return undefined;
    return { r, index };
  }
}
