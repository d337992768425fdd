import { Loader, MultiSelect, Paper, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUsers } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { campaignsApi, listsApi, segmentsApi } from '../../api/endpoints';
import { ErrorState } from '../../components/States';
import { fmtNumber } from '../../lib/format';
import { audienceOf, type ComposerForm } from './composer-values';

export function AudienceStep({ form }: { form: ComposerForm }) {
  const { t } = useTranslation();
  const lists = useQuery({ queryKey: ['lists'], queryFn: listsApi.all });
  const segments = useQuery({ queryKey: ['segments'], queryFn: segmentsApi.all });
  const v = form.values;
  const audience = audienceOf(v);
  const [debounced] = useDebouncedValue(JSON.stringify(audience), 300);
  const hasAudience = v.listIds.length > 0 || !!v.segmentId;
  const count = useQuery({
    queryKey: ['audience-count', debounced],
    queryFn: ({ signal }) => campaignsApi.audienceCount(JSON.parse(debounced), signal),
    enabled: hasAudience,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const listData = (lists.data ?? []).map((l) => ({ value: String(l.id), label: l.name }));
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('composer.audienceTitle')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('composer.audienceIntro')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <MultiSelect
          label={t('composer.lists')}
          data={listData}
          searchable
          {...form.getInputProps('listIds')}
          data-testid="audience-lists"
        />
        <Select
          label={t('composer.segment')}
          description={t('composer.segmentHint')}
          data={(segments.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
          searchable
          clearable
          {...form.getInputProps('segmentId')}
          data-testid="audience-segment"
        />
        <MultiSelect
          label={t('composer.exclude')}
          data={listData}
          searchable
          {...form.getInputProps('excludeListIds')}
        />
      </SimpleGrid>
      <Paper withBorder p="md" bg="indigo.0">
        <Group gap="sm">
          <IconUsers size={22} aria-hidden />
          <Text>{t('composer.recipients')}</Text>
          <Text fw={700} fz={24} aria-live="polite" data-testid="recipient-count">
            {hasAudience ? (count.data ? fmtNumber(count.data.count) : '…') : '–'}
          </Text>
          {count.isFetching && <Loader size="xs" role="status" aria-label={t('segments.counting')} />}
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {t('composer.recipientsHint')}
        </Text>
        {count.error && <ErrorState error={count.error} compact />}
      </Paper>
    </Stack>
  );
}
