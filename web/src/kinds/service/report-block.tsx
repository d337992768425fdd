import { BarChart } from '@mantine/charts';
import { Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { serviceRequestsApi } from '../../api/endpoints';
import type { ServiceReport, ServiceRequestStatus } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { notifyError } from '../../components/notify';
import { SubscriberLink } from '../../components/SubscriberLink';
import { fmtDateTime } from '../../lib/format';

const REQUEST_STATUSES: ServiceRequestStatus[] = ['new', 'in_progress', 'done'];

export function ServiceBlock({ r, campaignId }: { r: ServiceReport; campaignId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const requests = useQuery({
    queryKey: ['service-requests', campaignId],
    queryFn: () => serviceRequestsApi.list({ campaignId }),
  });
  const change = useMutation({
    mutationFn: ({ id, status }: { id: number; status: ServiceRequestStatus }) =>
      serviceRequestsApi.setStatus(id, status),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['service-requests', campaignId] });
      void client.invalidateQueries({ queryKey: ['kind-report', campaignId] });
    },
    onError: (e) => notifyError(e),
  });
  const data = r.offers.map((o) => ({ offer: o.title, new: o.new, in_progress: o.inProgress, done: o.done }));
  return (
    <Stack>
      <BarChart
        h={Math.max(140, data.length * 50)}
        data={data}
        dataKey="offer"
        orientation="vertical"
        type="stacked"
        yAxisProps={{ width: 160 }}
        withLegend
        series={REQUEST_STATUSES.map((s, i) => ({
          name: s,
          label: t(`requestStatus.${s}`),
          color: ['orange.5', 'blue.5', 'teal.6'][i],
        }))}
        role="img"
        aria-label={t('report.service.perOffer')}
      />
      <Title order={3} size="h5">
        {t('report.service.requests', { count: r.requests })}
      </Title>
      {requests.data?.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('report.noActivity')}
        </Text>
      )}
      {!!requests.data?.length && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('profile.when')}</Table.Th>
                <Table.Th>{t('report.service.offer')}</Table.Th>
                <Table.Th>{t('report.service.subscriber')}</Table.Th>
                <Table.Th>{t('report.service.note')}</Table.Th>
                <Table.Th>{t('report.service.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.data.map((q) => (
                <Table.Tr key={q.id}>
                  <Table.Td>{fmtDateTime(q.createdAt)}</Table.Td>
                  <Table.Td>{q.offerTitle}</Table.Td>
                  <Table.Td>
                    <SubscriberLink id={q.subscriberId} />
                  </Table.Td>
                  <Table.Td>{q.note ?? '–'}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('report.service.statusFor', { id: q.id })}
                      size="xs"
                      w={150}
                      data={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`requestStatus.${s}`) }))}
                      value={q.status}
                      onChange={(v) =>
                        v && v !== q.status && change.mutate({ id: q.id, status: v as ServiceRequestStatus })
                      }
                      allowDeselect={false}
                      disabled={!can.write}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
