import { ActionIcon, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { emptyServiceOffer } from './content';
import { useField, type KindFormProps } from '../field';

export function ServiceForm({ form, disabled }: KindFormProps) {
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
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={() => form.removeListItem('content.offers', i)}
                  aria-label={t('fields.service.removeOffer', { n: i + 1 })}
                  disabled={disabled}
                >
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
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => form.insertListItem('content.offers', emptyServiceOffer())}
          w="fit-content"
          disabled={disabled}
        >
          {t('fields.service.addOffer')}
        </Button>
      )}
    </Stack>
  );
}
