import { ActionIcon, Button, Fieldset, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useField, type KindFormProps } from '../field';

export function PollForm({ form, disabled }: KindFormProps) {
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
      <TextInput
        {...f('question')}
        required
        disabled={disabled}
        placeholder={c.type === 'nps' ? t('fields.poll.npsPlaceholder') : undefined}
      />
      {c.type === 'choice' && (
        <Fieldset legend={t('fields.poll.choicesTitle')}>
          <Stack gap="xs">
            {choices.map((_, i) => (
              <Group key={i} wrap="nowrap" align="flex-end">
                <TextInput
                  {...form.getInputProps(`content.choices.${i}`)}
                  label={t('fields.poll.choice', { n: i + 1 })}
                  style={{ flex: 1 }}
                  disabled={disabled}
                />
                {choices.length > 2 && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => form.removeListItem('content.choices', i)}
                    aria-label={t('fields.poll.removeChoice', { n: i + 1 })}
                    mb={4}
                    disabled={disabled}
                  >
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
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => form.insertListItem('content.choices', '')}
                w="fit-content"
                disabled={disabled}
              >
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
