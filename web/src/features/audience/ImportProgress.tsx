import { Alert, Anchor, Button, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconDownload } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { importsApi } from '../../api/endpoints';
import type { ImportProgress } from '../../api/types';
import { StatCard } from '../../components/StatCard';
import { previewCsv } from '../../lib/csv-preview';
import { addSample, etaSeconds, formatDuration, rateOf, type ProgressSample } from '../../lib/eta';
import { fmtNumber } from '../../lib/format';

export function ImportRunView({ id, onAnother, onDone }: { id: number; onAnother: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const samples = useRef<ProgressSample[]>([]);
  const run = useQuery({
    queryKey: ['import', id],
    queryFn: () => importsApi.progress(id),
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'finished' || q.state.data.status === 'failed') ? false : 1000,
  });
  const p: ImportProgress | undefined = run.data;
  useEffect(() => {
    if (p) samples.current = addSample(samples.current, { at: Date.now(), done: p.bytesRead });
    if (p?.status === 'finished') void client.invalidateQueries({ queryKey: ['subscribers'] });
    if (p?.status === 'finished' || p?.status === 'failed') onDone();
  }, [p, client, onDone]);
  if (!p) return null;
  const done = p.status === 'finished' || p.status === 'failed';
  // Bytes drive the bar (the row count is unknown until the end); the server's rows/s is the rate shown.
  const bytesRate = rateOf(samples.current);
  const eta = done ? 0 : (etaSeconds(p.bytesTotal - p.bytesRead, bytesRate) ?? p.etaSeconds);
  const units = { s: t('units.s'), min: t('units.min'), h: t('units.h') };
  return (
    <Stack mt="md" data-testid="import-progress">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {p.fileName}
        </Title>
        <Text
          fw={600}
          c={p.status === 'failed' ? 'red' : p.status === 'finished' ? 'teal' : undefined}
          data-testid="import-status"
        >
          {t(`import.status.${p.status}`)}
        </Text>
      </Group>
      <Progress.Root size={22} aria-label={t('import.progress')}>
        <Progress.Section
          value={p.percent}
          color={p.status === 'failed' ? 'red' : p.status === 'finished' ? 'teal' : 'indigo'}
          animated={!done}
        >
          <Progress.Label>{fmtNumber(p.percent, 1)}%</Progress.Label>
        </Progress.Section>
      </Progress.Root>
      <Text size="sm" c="dimmed" aria-live="polite">
        {done
          ? t('import.took', {
              time:
                p.startedAt && p.finishedAt
                  ? formatDuration((Date.parse(p.finishedAt) - Date.parse(p.startedAt)) / 1000, units)
                  : '–',
            })
          : t('import.rateEta', { rate: fmtNumber(p.rate), eta: eta === null ? '…' : formatDuration(eta, units) })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <StatCard label={t('import.rowsRead')} value={fmtNumber(p.rowsRead)} />
        <StatCard label={t('import.imported')} value={fmtNumber(p.imported)} color="teal.8" />
        <StatCard label={t('import.updated')} value={fmtNumber(p.updated)} />
        <StatCard label={t('import.skipped')} value={fmtNumber(p.skipped)} />
        <StatCard
          label={t('import.failed')}
          value={<span data-testid="import-failed">{fmtNumber(p.failed)}</span>}
          color={p.failed ? 'red.8' : undefined}
        />
      </SimpleGrid>
      {p.error && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />}>
          {p.error}
        </Alert>
      )}
      {done && (
        <Group>
          {p.failed > 0 && (
            <Button
              component="a"
              href={importsApi.errorsUrl(id)}
              download
              leftSection={<IconDownload size={16} />}
              color="red"
              variant="light"
              data-testid="bad-rows"
            >
              {t('import.badRows', { count: p.failed })}
            </Button>
          )}
          {p.status === 'finished' && p.failed === 0 && (
            <Text c="teal.8" size="sm">
              <IconCheck size={14} /> {t('import.allGood')}
            </Text>
          )}
          {p.status === 'finished' && p.imported + p.updated > 0 && (
            <Anchor component={Link} to={`/audience/subscribers?importRunId=${id}`} data-testid="imported-people">
              {t('import.openPeople', { count: p.imported + p.updated })}
            </Anchor>
          )}
          {p.listId && (
            <Anchor component={Link} to={`/audience/lists/${p.listId}`}>
              {t('import.openList')}
            </Anchor>
          )}
          <Button variant="default" onClick={onAnother}>
            {t('import.another')}
          </Button>
        </Group>
      )}
      {done && p.failed > 0 && <BadRowsPreview id={id} />}
    </Stack>
  );
}

/** The first lines of the bad-row report, so the marketer sees why without opening a spreadsheet. */
function BadRowsPreview({ id }: { id: number }) {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: ['import', id, 'errors'],
    queryFn: async () => {
      const response = await fetch(importsApi.errorsUrl(id), { credentials: 'same-origin' });
      if (!response.ok) throw new Error(response.statusText);
      return previewCsv(await response.text(), 20);
    },
  });
  if (!report.data) return null;
  return (
    <Table withTableBorder striped data-testid="bad-rows-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('import.line')}</Table.Th>
          <Table.Th>{t('import.reason')}</Table.Th>
          <Table.Th>{t('subscribers.email')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.data.rows.map((row, i) => (
          <Table.Tr key={i}>
            <Table.Td>{row[0]}</Table.Td>
            <Table.Td>{row[1]}</Table.Td>
            <Table.Td>{row[2]}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
