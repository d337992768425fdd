import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useField, type KindFormProps } from '../field';

export function LoyaltyForm({ form, disabled }: KindFormProps) {
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
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => form.removeListItem('content.rewards', i)}
                aria-label={t('fields.loyalty.removeReward')}
                mb={4}
                disabled={disabled}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
          {rewards.length < 10 && (
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem('content.rewards', { points: 500, label: '' })}
              w="fit-content"
              disabled={disabled}
            >
              {t('fields.loyalty.addReward')}
            </Button>
          )}
        </Stack>
      </Fieldset>
    </Stack>
  );
}
