import { BarChart } from '@mantine/charts';
import { Badge, Grid, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { KnowledgeReport } from '../../api/types';
import { Empty } from '../../components/States';
import { fmtNumber } from '../../lib/format';

export function KnowledgeBlock({ r }: { r: KnowledgeReport }) {
  const { t } = useTranslation();
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('report.knowledge.item')}</Table.Th>
              <Table.Th>{t('report.knowledge.topic')}</Table.Th>
              <Table.Th ta="right">{t('report.clicks')}</Table.Th>
              <Table.Th ta="right">{t('report.knowledge.people')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.items.map((i) => (
              <Table.Tr key={i.index}>
                <Table.Td>{i.title}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" size="sm">
                    {i.topic}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{fmtNumber(i.clicks)}</Table.Td>
                <Table.Td ta="right">{fmtNumber(i.uniqueClickers)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Text fw={600} mb="xs">
          {t('report.knowledge.byTopic')}
        </Text>
        {r.topics.length ? (
          <BarChart
            h={Math.max(140, r.topics.length * 40)}
            data={r.topics}
            dataKey="topic"
            orientation="vertical"
            yAxisProps={{ width: 100 }}
            xAxisProps={{ allowDecimals: false }}
            series={[{ name: 'clicks', label: t('report.clicks'), color: 'blue.6' }]}
            role="img"
            aria-label={t('report.knowledge.byTopic')}
          />
        ) : (
          <Empty title={t('report.noActivity')} />
        )}
      </Grid.Col>
    </Grid>
  );
}
