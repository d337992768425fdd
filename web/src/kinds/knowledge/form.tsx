import { ActionIcon, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { emptyKnowledgeItem } from './content';
import { useField, type KindFormProps } from '../field';

export function KnowledgeForm({ form, disabled }: KindFormProps) {
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
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => form.removeListItem('content.items', i)}
                  aria-label={t('fields.knowledge.removeItem', { n: i + 1 })}
                  disabled={disabled}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput {...f(`items.${i}.title`)} required disabled={disabled} />
              <Select
                {...f(`items.${i}.type`)}
                data={['article', 'course', 'forum', 'tip', 'expert'].map((v) => ({
                  value: v,
                  label: t(`fields.knowledge.types.${v}`),
                }))}
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
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem('content.items', emptyKnowledgeItem())}
          w="fit-content"
          disabled={disabled}
        >
          {t('fields.knowledge.addItem')}
        </Button>
      )}
    </Stack>
  );
}
