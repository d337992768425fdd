import { INestApplication, Logger } from '@nestjs/common';
import { ListsService } from '../audience/lists/lists.service';
import { MembershipsService } from '../audience/lists/memberships.service';
import { SubscribersService } from '../audience/subscribers/subscribers.service';
import { ApiKeysService } from '../auth/api-keys.service';
import type { AppConfig } from '../config/app-config';
import { TestMailService } from '../mail/test-mail.service';
import { CampaignsService } from '../campaigns/campaigns.service';
import { sendDemoCampaigns } from '../kinds/demo-campaigns';
import { ensureDemoAdmin } from './demo-admin';

/** Loads the demo on a running engine and prints where to look. */
export async function runDemo(app: INestApplication, config: AppConfig): Promise<void> {
  const logger = new Logger('Demo');
  const key = await app.get(ApiKeysService).create('demo');
  const admin = await ensureDemoAdmin(app, config);
  await app.get(TestMailService).send('demo@example.com');
  const demoList = await loadDemoAudience(app);
  // One campaign of each kind, the first time only: a restarted demo does not mail everyone again.
  const firstRun = (await app.get(CampaignsService).list({ limit: 1 })).total === 0;
  const campaignIds = firstRun ? await sendDemoCampaigns(app, demoList.id) : [];
  const lines = [
    '',
    '  valuemail is running with the demo loaded.',
    '',
    `  Web app      ${config.publicUrl}/`,
    `  Sign in      ${admin.email}${admin.password ? ` / ${admin.password}` : ` (${admin.note})`}`,
    `  API docs     ${config.publicUrl}/api/docs`,
    `  Health       ${config.publicUrl}/health`,
    `  Dev inbox    ${config.publicUrl}/inbox`,
    `  API key      ${key.key}`,
    `  Demo list    "${demoList.name}" (id ${demoList.id}, ${demoList.members} subscribers)`,
    ...(campaignIds.length
      ? [`  Campaigns    ${campaignIds.length} sent, one of each kind: open the dev inbox and click around`]
      : []),
    '',
    `  Try: curl -H "Authorization: Bearer ${key.key}" ${config.publicUrl}/api/keys`,
    '  Stop with Ctrl-C.',
    '',
  ];
  logger.log('demo loaded');
  process.stdout.write(lines.join('\n') + '\n');
}

const DEMO_CUSTOMERS = [
  { email: 'anna.devries@example.nl', name: 'Anna de Vries', attributes: { city: 'Utrecht', plan: 'pro' } },
  { email: 'bram.jansen@example.nl', name: 'Bram Jansen', attributes: { city: 'Amsterdam', plan: 'free' } },
  { email: 'sanne.bakker@example.nl', name: 'Sanne Bakker', attributes: { city: 'Rotterdam', plan: 'trial' } },
  { email: 'daan.visser@example.nl', name: 'Daan Visser', attributes: { city: 'Utrecht', plan: 'free' } },
  { email: 'lotte.smit@example.nl', name: 'Lotte Smit', attributes: { city: 'Groningen', plan: 'pro' } },
  { email: 'joost.mulder@example.nl', name: 'Joost Mulder', attributes: { city: 'Eindhoven', plan: 'trial' } },
];

/** A single opt-in "Demo customers" list with a handful of Dutch subscribers (once per database). */
async function loadDemoAudience(app: INestApplication): Promise<{ id: number; name: string; members: number }> {
  const loaded = (await app.get(ListsService).all()).find((l) => l.name === 'Demo customers');
  if (loaded) return { id: loaded.id, name: loaded.name, members: DEMO_CUSTOMERS.length };
  const list = await app
    .get(ListsService)
    .create({ name: 'Demo customers', description: 'Loaded by the demo', optIn: 'single', tags: ['demo'] });
  const ids: number[] = [];
  for (const customer of DEMO_CUSTOMERS)
    ids.push((await app.get(SubscribersService).create({ ...customer, locale: 'nl' })).id);
  const result = await app
    .get(MembershipsService)
    .addMany(list.id, { subscriberIds: ids }, { method: 'api', source: 'demo' });
  return { id: list.id, name: list.name, members: result.changed };
}
