import { ActionIcon, Button, Fieldset, Group, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CampaignKind } from '../../../api/types';
import type { ComposerForm } from '../composer-values';
import { emptyKnowledgeItem, emptyServiceOffer } from './content';

// One form per kind, fields named as in the kind's content DTO so the API's 400 details
// ("content.items.0.url") land next to the right input.
export function KindForm({ kind, form, disabled }: { kind: CampaignKind; form: ComposerForm; disabled?: boolean }) {
  switch (kind) {
    case 'discount':
      return <DiscountForm form={form} disabled={disabled} />;
    case 'loyalty':
      return <LoyaltyForm form={form} disabled={disabled} />;
    case 'knowledge':
      return <KnowledgeForm form={form} disabled={disabled} />;
    case 'service':
      return <ServiceForm form={form} disabled={disabled} />;
    case 'poll':
      return <PollForm form={form} disabled={disabled} />;
    case 'gift':
      return <GiftForm form={form} disabled={disabled} />;
    case 'contest':
      return <ContestForm form={form} disabled={disabled} />;
  }
}

type P = { form: ComposerForm; disabled?: boolean };

function useField(form: ComposerForm, kind: string) {
  const { t } = useTranslation();
  return (name: string, options: { description?: boolean } = {}) => ({
    label: t(`fields.${kind}.${name.replace(/\.\d+\./g, '.')}`),
    description: options.description ? t(`fields.${kind}.${name.replace(/\.\d+\./g, '.')}Hint`) : undefined,
    ...form.getInputProps(`content.${name}`),
  });
}

function DiscountForm({ form, disabled }: P) {
  const { t } = useTranslation();
  const f = useField(form, 'discount');
  const c = form.getValues().content;
  const offer = c.offerType as string;
  return (
    <Stack>
      <Select
        {...f('offerType')}
        data={['percent', 'amount', 'free_shipping', 'trial'].map((v) => ({ value: v, label: t(`fields.discount.offerTypes.${v}`) }))}
        allowDeselect={false}
        disabled={disabled}
      />
      {(offer === 'percent' || offer === 'amount') && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput {...f('value')} min={0} max={offer === 'percent' ? 100 : undefined} suffix={offer === 'percent' ? ' %' : undefined} required disabled={disabled} />
          {offer === 'amount' && <TextInput {...f('currency')} maxLength={3} required disabled={disabled} />}
        </SimpleGrid>
      )}
      {offer === 'trial' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...f('trialPlan')} required disabled={disabled} />
          <NumberInput {...f('trialDays')} min={1} max={365} required disabled={disabled} />
        </SimpleGrid>
      )}
      {offer !== 'trial' && (
        <Fieldset legend={t('fields.discount.codes')}>
          <Stack>
            <SegmentedControl
              aria-label={t('fields.discount.codeMode')}
              data={[
                { value: 'unique', label: t('fields.discount.codeModes.unique') },
                { value: 'shared', label: t('fields.discount.codeModes.shared') },
              ]}
              {...form.getInputProps('content.codeMode')}
              disabled={disabled}
            />
            {c.codeMode === 'shared' ? <TextInput {...f('sharedCode')} required disabled={disabled} /> : <TextInput {...f('codePattern', { description: true })} disabled={disabled} />}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NumberInput {...f('minOrder')} min={0} disabled={disabled} />
              {offer !== 'amount' && <TextInput {...f('currency')} maxLength={3} disabled={disabled} />}
            </SimpleGrid>
          </Stack>
        </Fieldset>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="datetime-local" {...f('validFrom')} disabled={disabled} />
        <TextInput type="datetime-local" {...f('validUntil')} disabled={disabled} />
      </SimpleGrid>
      <TextInput {...f('headline')} required disabled={disabled} />
      <Textarea {...f('body')} autosize minRows={3} required disabled={disabled} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput {...f('shopUrl')} placeholder="https://" disabled={disabled} />
        <TextInput {...f('shopLabel')} disabled={disabled} />
      </SimpleGrid>
    </Stack>
  );
}

function LoyaltyForm({ form, disabled }: P) {
  const { t } = useTranslation();
  const f = useField(form, 'loyalty');
  const rewards = (form.getValues().content.rewards as Array<unknown>) ?? [];
  return (
    <Stack>
      <TextInput {...f('headline')} required disabled={disabled} />
      <Textarea {...f('body')} autosize minRows={3} required disabled={disabled} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput {...f('bonusPoints', { description: true })} min={0} disabled={disabled} />
        <Select
          {...f('bonusMode')}
          data={[
            { value: 'on_click', label: t('fields.loyalty.bonusModes.on_click') },
            { value: 'at_send', label: t('fields.loyalty.bonusModes.at_send') },
          ]}
          allowDeselect={false}
          disabled={disabled}
        />
      </SimpleGrid>
      <Fieldset legend={t('fields.loyalty.rewardsTitle')}>
        <Stack>
          {rewards.map((_, i) => (
            <Group key={i} align="flex-end" wrap="nowrap">
              <NumberInput {...f(`rewards.${i}.points`)} min={1} w={140} disabled={disabled} />
              <TextInput {...f(`rewards.${i}.label`)} style={{ flex: 1 }} disabled={disabled} />
              <ActionIcon variant="subtle" color="red" onClick={() => form.removeListItem('content.rewards', i)} aria-label={t('fields.loyalty.removeReward')} mb={4} disabled={disabled}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          {rewards.length < 10 && (
            <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('content.rewards', { points: 500, label: '' })} w="fit-content" disabled={disabled}>
              {t('fields.loyalty.addReward')}
            </Button>
          )}
        </Stack>
      </Fieldset>
    </Stack>
  );
}

function KnowledgeForm({ form, disabled }: P) {
  const { t } = useTranslation();
  const f = useField(form, 'knowledge');
  const items = (form.getValues().content.items as Array<unknown>) ?? [];
  return (
    <Stack>
      <Textarea {...f('intro')} autosize minRows={2} required disabled={disabled} />
      {items.map((_, i) => (
        <Paper key={i} withBorder p="sm" bg="gray.0">
          <Stack gap="xs">
            <Group justify="space-between">
              <Text fw={600} size="sm">
                {t('fields.knowledge.item', { n: i + 1 })}
              </Text>
              {items.length > 1 && (
                <ActionIcon variant="subtle" color="red" onClick={() => form.removeListItem('content.items', i)} aria-label={t('fields.knowledge.removeItem', { n: i + 1 })} disabled={disabled}>
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput {...f(`items.${i}.title`)} required disabled={disabled} />
              <Select
                {...f(`items.${i}.type`)}
                data={['article', 'course', 'forum', 'tip', 'expert'].map((v) => ({ value: v, label: t(`fields.knowledge.types.${v}`) }))}
                allowDeselect={false}
                disabled={disabled}
              />
            </SimpleGrid>
            <Textarea {...f(`items.${i}.summary`)} autosize minRows={2} required disabled={disabled} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput {...f(`items.${i}.url`)} placeholder="https://" required disabled={disabled} />
              <TextInput {...f(`items.${i}.topic`, { description: true })} required disabled={disabled} />
            </SimpleGrid>
            <TextInput {...f(`items.${i}.imageUrl`)} placeholder="https://" disabled={disabled} />
          </Stack>
        </Paper>
      ))}
      {items.length < 20 && (
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('content.items', emptyKnowledgeItem())} w="fit-content" disabled={disabled}>
          {t('fields.knowledge.addItem')}
        </Button>
      )}
    </Stack>
  );
}

function ServiceForm({ form, disabled }: P) {
  const { t } = useTranslation();
  const f = useField(form, 'service');
  const offers = (form.getValues().content.offers as Array<unknown>) ?? [];
  return (
    <Stack>
      <Textarea {...f('intro')} autosize minRows={2} required disabled={disabled} />
      {offers.map((_, i) => (
        <Paper key={i} withBorder p="sm" bg="gray.0">
          <Stack gap="xs">
            <Group justify="space-between">
              <Text fw={600} size="sm">
                {t('fields.service.offer', { n: i + 1 })}
              </Text>
              {offers.length > 1 && (
                <ActionIcon variant="subtle" color="red" onClick={() => form.removeListItem('content.offers', i)} aria-label={t('fields.service.removeOffer', { n: i + 1 })} disabled={disabled}>
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput {...f(`offers.${i}.title`)} required disabled={disabled} />
              <TextInput {...f(`offers.${i}.actionLabel`)} required disabled={disabled} />
            </SimpleGrid>
            <Textarea {...f(`offers.${i}.description`)} autosize minRows={2} required disabled={disabled} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput {...f(`offers.${i}.topic`)} required disabled={disabled} />
              <TextInput {...f(`offers.${i}.question`, { description: true })} disabled={disabled} />
            </SimpleGrid>
          </Stack>
        </Paper>
      ))}
      {offers.length < 10 && (
        <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('content.offers', emptyServiceOffer())} w="fit-content" disabled={disabled}>
          {t('fields.service.addOffer')}
        </Button>
      )}
    </Stack>
  );
}

function PollForm({ form, disabled }: P) {
  const { t } = useTranslation();
  const f = useField(form, 'poll');
  const c = form.getValues().content;
  const choices = (c.choices as string[]) ?? [];
  return (
    <Stack>
      <Select
        {...f('type')}
        data={['nps', 'csat', 'choice', 'yesno'].map((v) => ({ value: v, label: t(`fields.poll.types.${v}`) }))}
        allowDeselect={false}
        disabled={disabled}
        data-testid="poll-type"
      />
      <TextInput {...f('question')} required disabled={disabled} placeholder={c.type === 'nps' ? t('fields.poll.npsPlaceholder') : undefined} />
      {c.type === 'choice' && (
        <Fieldset legend={t('fields.poll.choicesTitle')}>
          <Stack gap="xs">
            {choices.map((_, i) => (
              <Group key={i} wrap="nowrap" align="flex-end">
                <TextInput {...form.getInputProps(`content.choices.${i}`)} label={t('fields.poll.choice', { n: i + 1 })} style={{ flex: 1 }} disabled={disabled} />
                {choices.length > 2 && (
                  <ActionIcon variant="subtle" color="red" onClick={() => form.removeListItem('content.choices', i)} aria-label={t('fields.poll.removeChoice', { n: i + 1 })} mb={4} disabled={disabled}>
                    <IconTrash size={16} />
                  </ActionIcon>
                )}
              </Group>
            ))}
            {typeof form.errors['content.choices'] === 'string' && (
              <Text size="xs" c="red.8">
                {form.errors['content.choices']}
              </Text>
            )}
            {choices.length < 10 && (
              <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('content.choices', '')} w="fit-content" disabled={disabled}>
                {t('fields.poll.addChoice')}
              </Button>
            )}
          </Stack>
        </Fieldset>
      )}
      <TextInput {...f('commentPrompt', { description: true })} disabled={disabled} />
      <TextInput type="datetime-local" {...f('closesAt', { description: true })} disabled={disabled} />
    </Stack>
  );
}

function GiftForm({ form, disabled }: P) {
  const { t } = useTranslation();
  const f = useField(form, 'gift');
  const c = form.getValues().content;
  return (
    <Stack>
      <TextInput {...f('title')} required disabled={disabled} />
      <Textarea {...f('description')} autosize minRows={3} required disabled={disabled} />
      <Select
        {...f('giftType')}
        data={['code', 'download', 'shipped'].map((v) => ({ value: v, label: t(`fields.gift.types.${v}`) }))}
        allowDeselect={false}
        disabled={disabled}
      />
      {c.giftType === 'download' && <TextInput {...f('downloadUrl')} placeholder="https://" required disabled={disabled} />}
      {c.giftType === 'code' && <TextInput {...f('codePattern', { description: true })} disabled={disabled} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput {...f('stock', { description: true })} min={1} disabled={disabled} />
        <TextInput type="datetime-local" {...f('claimDeadline')} disabled={disabled} />
      </SimpleGrid>
      <TextInput {...f('imageUrl')} placeholder="https://" disabled={disabled} />
    </Stack>
  );
}

function ContestForm({ form, disabled }: P) {
  const f = useField(form, 'contest');
  return (
    <Stack>
      <TextInput {...f('title')} required disabled={disabled} />
      <TextInput {...f('prize')} required disabled={disabled} />
      <Textarea {...f('rules')} autosize minRows={3} required disabled={disabled} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="datetime-local" {...f('startsAt')} required disabled={disabled} />
        <TextInput type="datetime-local" {...f('endsAt')} required disabled={disabled} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput {...f('winners')} min={1} max={1000} required disabled={disabled} />
        <NumberInput {...f('referralBonusEntries', { description: true })} min={0} max={100} required disabled={disabled} />
      </SimpleGrid>
      <TextInput {...f('entryQuestion', { description: true })} disabled={disabled} />
    </Stack>
  );
}
