import { INestApplication, Logger } from '@nestjs/common';
import { CampaignsService } from '../campaigns/campaigns.service';
import type { CreateCampaignDto } from '../campaigns/dto/campaign.dto';
import { Clock } from '../common/clock';
import type { CampaignKindDefinition } from './kind-definition';
import { KindRegistry } from './kind-registry';

const SUBJECTS: Record<string, string> = {
  discount: 'Spring is here, {{subscriber.name}}: 20% off for you',
  loyalty: 'Your points are waiting, {{subscriber.name}}',
  knowledge: 'Better brewing, a free course and our sommelier',
  service: 'Let us take a few things off your list',
  poll: 'One question, {{subscriber.name}}: would you recommend us?',
  gift: 'A thank-you gift for you',
  contest: 'Win a year of tea',
};

// The demo list is Dutch customers: the poll and the gift speak Dutch (mail and pages), the rest shows English.
const DUTCH: Record<string, { subject: string; content: Record<string, unknown> } | undefined> = {
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
      description:
        'Je bent al een jaar bij ons. Claim een gratis blik Winter Spice van 50 gram; de verzendkosten zijn voor ons.',
    },
  },
};

/** Sample content with dates moved around today, so every link in the demo mails works. */
function demoContent(kind: CampaignKindDefinition, now: Date): Record<string, unknown> {
  return { ...structuredClone(kind.content.sample), ...kind.datesAround?.(now) };
}

/** Creates and sends one campaign of each kind to the list, so the dev inbox shows them all. */
export async function sendDemoCampaigns(app: INestApplication, listId: number): Promise<number[]> {
  const campaigns = app.get(CampaignsService);
  const logger = new Logger('Demo');
  const ids: number[] = [];
  for (const definition of app.get(KindRegistry).all()) {
    const kind = definition.name;
    const dutch = DUTCH[kind];
    const dto = {
      kind,
      name: `Demo: ${kind}${dutch ? ' (Nederlands)' : ''}`,
      subject: dutch?.subject ?? SUBJECTS[kind] ?? `News from Green Leaf Tea, {{subscriber.name}}`,
      fromName: 'Green Leaf Tea',
      fromEmail: 'news@greenleaf.example',
      audience: { listIds: [listId] },
      content: { ...demoContent(definition, app.get(Clock).now()), ...dutch?.content },
      locale: dutch ? 'nl' : 'en',
    } as CreateCampaignDto;
    const created = await campaigns.create(dto);
    await campaigns.act(created.id, 'start');
    ids.push(created.id);
  }
  logger.log(`demo campaigns sent: ${ids.length} kinds to list ${listId}`);
  return ids;
}
