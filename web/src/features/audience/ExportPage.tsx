import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listsApi, segmentsApi } from '../../api/endpoints';
import { PageHeader } from '../../components/PageHeader';
import { Empty, Loading } from '../../components/States';

// Exports stream from the server page by page (constant memory), so a plain download link is all it takes.
export default function ExportPage() {
  const { t } = useTranslation();
  const lists = useQuery({ queryKey: ['lists'], queryFn: listsApi.all });
  const segments = useQuery({ queryKey: ['segments'], queryFn: segmentsApi.all });
  const section = (
    title: string,
    items: Array<{ id: number; name: string; href: string }> | undefined,
    loading: boolean,
  ) => (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {loading && <Loading />}
      {items?.length === 0 && <Empty title={t('export.nothing')} />}
      <Stack gap="xs">
        {items?.map((item) => (
          <Group key={item.id} justify="space-between" wrap="nowrap">
            <Text size="sm" truncate>
              {item.name}
            </Text>
            <Button
              component="a"
              href={item.href}
              download
              size="xs"
              variant="light"
              leftSection={<IconDownload size={14} />}
              aria-label={t('export.downloadNamed', { name: item.name })}
            >
              CSV
            </Button>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
  return (
    <>
      <PageHeader title={t('export.title')} description={t('export.intro')} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {section(
          t('nav.lists'),
          lists.data?.map((l) => ({ id: l.id, name: l.name, href: listsApi.exportUrl(l.id) })),
          lists.isLoading,
        )}
        {section(
          t('nav.segments'),
          segments.data?.map((s) => ({ id: s.id, name: s.name, href: segmentsApi.exportUrl(s.id) })),
          segments.isLoading,
        )}
      </SimpleGrid>
    </>
  );
}
