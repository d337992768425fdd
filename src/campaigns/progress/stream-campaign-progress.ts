import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { isFinal } from '../campaign-status';
import type { CampaignProgressDto } from '../dto/campaign.dto';
import { ReadCampaignProgress } from './read-campaign-progress';

export const PROGRESS_INTERVAL_MS = 1000;

/**
 * GET /api/campaigns/:id/progress/stream: the progress as server-sent events,
 * one `progress` event a second, then `end` once the campaign is finished,
 * cancelled or failed, and the response ends (the client closes its
 * EventSource on `end`; one that reconnects anyway gets 204, which stops it). The next reading is asked for
 * only after the previous one was written, so a slow database never piles up
 * readings; a client that goes away stops the readings at once.
 */
@Injectable()
export class StreamCampaignProgress implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ProgressStream');
  private readonly open = new Set<() => void>();

  constructor(private readonly progress: ReadCampaignProgress) {}

  /** Streams being written now. */
  get openStreams(): number {
    return this.open.size;
  }

  /** `reconnect`: the client sent Last-Event-ID, so it is an EventSource reconnecting by itself. */
  async execute(campaignId: number, reply: FastifyReply, reconnect = false): Promise<void> {
    // Read before the stream starts, so an unknown campaign is an ordinary 404.
    const first = await this.progress.execute(campaignId);
    if (reconnect && isFinal(first.status)) {
      // It saw the end already: 204 is the one answer that stops an EventSource from reconnecting.
      await reply.status(204).send();
      return;
    }
    // From here on Fastify leaves the response to us: headers, writes, the end.
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // Proxies (nginx) would otherwise buffer the events.
      'X-Accel-Buffering': 'no',
    });
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    let sequence = 0;
    const stop = () => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      this.open.delete(stop);
      raw.end();
    };
    this.open.add(stop);
    raw.on('close', stop);
    const send = (event: string, data: unknown) => {
      if (!closed) raw.write(`id: ${++sequence}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const emit = (p: CampaignProgressDto) => {
      send('progress', p);
      if (isFinal(p.status)) {
        send('end', { campaignId, status: p.status });
        stop();
        return;
      }
      timer = setTimeout(() => void next(), PROGRESS_INTERVAL_MS);
    };
    const next = async () => {
      if (closed) return;
      try {
        const p = await this.progress.execute(campaignId);
        if (!closed) emit(p);
      } catch (error) {
        // The campaign was deleted, or the database is away: say so and end; EventSource reconnects by itself.
        this.logger.warn(`progress stream of campaign ${campaignId} ended: ${(error as Error).message}`);
        send('unavailable', { message: 'The progress could not be read; reconnect to continue.' });
        stop();
      }
    };
    emit(first);
  }

  /** Open streams would keep the HTTP server from closing. */
  beforeApplicationShutdown(): void {
    for (const stop of [...this.open]) stop();
  }
}
