import { Anchor, Button, Paper, Table, Text } from '@mantine/core';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { segmentsApi } from '../../api/endpoints';
import { useCan } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState, Loading } from '../../components/States';
import { fmtDate } from '../../lib/format';

export default function SegmentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const segments = useQuery({ queryKey: ['segments'], queryFn: segmentsApi.all });
  return (
    <>
      <PageHeader
        title={t('segments.title')}
        description={t('segments.intro')}
        actions={
          can.write && (
            <Button component={Link} to="/audience/segments/new" leftSection={<IconPlus size={16} />}>
              {t('segments.new')}
            </Button>
          )
        }
      />
      <Paper withBorder p="md">
        {segments.isLoading && <Loading />}
        {segments.error && <ErrorState error={segments.error} />}
        {segments.data?.length === 0 && <Empty title={t('segments.none')}>{t('segments.noneHint')}</Empty>}
        {!!segments.data?.length && (
          <Table.ScrollContainer minWidth={560}>
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('segments.name')}</Table.Th>
                  <Table.Th>{t('segments.updated')}</Table.Th>
                  <Table.Th>
                    <span className="sr-only">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {segments.data.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/audience/segments/${s.id}`} fw={600}>
                        {s.name}
                      </Anchor>
                      {s.description && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {s.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{fmtDate(s.updatedAt)}</Table.Td>
                    <Table.Td ta="right">
                      <Button
                        component="a"
                        href={segmentsApi.exportUrl(s.id)}
                        variant="subtle"
                        size="xs"
                        leftSection={<IconDownload size={14} />}
                        download
                      >
                        {t('lists.exportCsv')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}
