import { INestApplication, Logger } from '@nestjs/common';
import { CampaignsService } from '../campaigns/campaigns.service';
import type { CreateCampaignDto } from '../campaigns/dto/campaign.dto';
import { BUILT_IN_KINDS, BuiltInKind, sampleContent } from './kind-content.registry';

const SUBJECTS: Record<BuiltInKind, string> = {
  discount: 'Spring is here, {{subscriber.name}}: 20% off for you',
  loyalty: 'Your points are waiting, {{subscriber.name}}',
  knowledge: 'Better brewing, a free course and our sommelier',
  service: 'Let us take a few things off your list',
  poll: 'One question, {{subscriber.name}}: would you recommend us?',
  gift: 'A thank-you gift for you',
  contest: 'Win a year of tea',
};

// The demo list is Dutch customers: the poll and the gift speak Dutch (mail and pages), the rest shows English.
const DUTCH: Partial<Record<BuiltInKind, { subject: string; content: Record<string, unknown> }>> = {
  poll: {
    subject: 'Eén vraag, {{subscriber.name}}: zou je ons aanraden?',
    content: {
      question: 'Hoe waarschijnlijk is het dat je Green Leaf Tea aanraadt aan een vriend of collega?',
      commentPrompt: 'Wat is de belangrijkste reden voor je score?',
    },
  },
  gift: {
    subject: 'Een bedankje voor jou',
    content: {
      title: 'Een blik van onze wintermelange, als bedankje',
      description: 'Je bent al een jaar bij ons. Claim een gratis blik Winter Spice van 50 gram; de verzendkosten zijn voor ons.',
    },
  },
};

/** Sample content with dates moved around today, so every link in the demo mails works. */
function demoContent(kind: BuiltInKind, now: Date): Record<string, unknown> {
  const content: Record<string, unknown> = { ...sampleContent(kind) };
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  if (kind === 'discount') Object.assign(content, { validFrom: inDays(-1), validUntil: inDays(30) });
  if (kind === 'contest') Object.assign(content, { startsAt: inDays(-1), endsAt: inDays(14) });
  if (kind === 'poll') Object.assign(content, { closesAt: inDays(30) });
  if (kind === 'gift') Object.assign(content, { claimDeadline: inDays(30) });
  return content;
}

/** Creates and sends one campaign of each kind to the list, so the dev inbox shows all seven. */
export async function sendDemoCampaigns(app: INestApplication, listId: number): Promise<number[]> {
  const campaigns = app.get(CampaignsService);
  const logger = new Logger('Demo');
  const ids: number[] = [];
  for (const kind of BUILT_IN_KINDS) {
    const dutch = DUTCH[kind];
    const dto = {
      kind, name: `Demo: ${kind}${dutch ? ' (Nederlands)' : ''}`, subject: dutch?.subject ?? SUBJECTS[kind], fromName: 'Green Leaf Tea', fromEmail: 'news@greenleaf.example',
      audience: { listIds: [listId] }, content: { ...demoContent(kind, new Date()), ...dutch?.content }, locale: dutch ? 'nl' : 'en',
    } as CreateCampaignDto;
    const created = await campaigns.create(dto);
    await campaigns.act(created.id, 'start');
    ids.push(created.id);
  }
  logger.log(`demo campaigns sent: ${ids.length} kinds to list ${listId}`);
  return ids;
}
