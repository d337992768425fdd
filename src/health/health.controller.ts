import { Get, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicController } from '../common/admin-controller.decorator';
import { HealthService } from './health.service';

@PublicController('health', 'health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOkResponse({ description: 'database, redis and smtp reachable; 503 when one is down' })
  async check(@Res() reply: FastifyReply): Promise<void> {
    const report = await this.health.check();
    void reply.status(report.status === 'ok' ? 200 : 503).send(report);
  }
}
