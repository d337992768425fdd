import { INestApplication, Logger } from '@nestjs/common';
import { ApiKeysService } from '../auth/api-keys.service';
import type { AppConfig } from '../config/app-config';
import { TestMailService } from '../mail/test-mail.service';
import { demoListId, sendDemoCampaigns } from '../kinds/demo-campaigns';

/** Loads the demo on a running engine and prints where to look. */
export async function runDemo(app: INestApplication, config: AppConfig): Promise<void> {
  const logger = new Logger('Demo');
  const key = await app.get(ApiKeysService).create('demo');
  await app.get(TestMailService).send('demo@example.com');
  const listId = await demoListId(app);
  if (listId) await sendDemoCampaigns(app, listId);
  const lines = [
    '',
    '  valuemail is running with the demo loaded.',
    '',
    `  API docs     ${config.publicUrl}/api/docs`,
    `  Health       ${config.publicUrl}/health`,
    `  Dev inbox    ${config.publicUrl}/inbox`,
    `  API key      ${key.key}`,
    '',
    `  Try: curl -H "Authorization: Bearer ${key.key}" ${config.publicUrl}/api/keys`,
    '  Stop with Ctrl-C.',
    '',
  ];
  logger.log('demo loaded');
  process.stdout.write(lines.join('\n') + '\n');
}
