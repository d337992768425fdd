import { Anchor, Badge, Pagination, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { contestApi } from '../../api/endpoints';
import { Empty, ErrorState, Loading } from '../../components/States';
import { fmtDateTime, fmtNumber } from '../../lib/format';

function Person({ id, email }: { id: number; email: string | null }) {
  const { t } = useTranslation();
  if (!email) return <Text c="dimmed">{t('report.contest.erased')}</Text>;
  return (
    <Anchor component={Link} to={`/audience/subscribers/${id}`}>
      {email}
    </Anchor>
  );
}

/** Who entered the contest, in order of entry, with their chances, whom they brought and how the draw went. */
export function ContestEntrantsTable({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const data = useQuery({
    queryKey: ['contest', campaignId, 'entrants', page],
    queryFn: () => contestApi.entrants(campaignId, page),
    placeholderData: keepPreviousData,
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('report.contest.people')}
        {data.data ? ` (${fmtNumber(data.data.total)})` : ''}
      </Title>
      {data.isLoading ? (
        <Loading />
      ) : data.error ? (
        <ErrorState error={data.error} />
      ) : !data.data?.total ? (
        <Empty title={t('report.contest.noEntrants')} />
      ) : (
        <Stack>
          <Table.ScrollContainer minWidth={560}>
            <Table data-testid="contest-entrants">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('report.contest.colPerson')}</Table.Th>
                  <Table.Th>{t('report.contest.colEntered')}</Table.Th>
                  <Table.Th>{t('report.contest.colAnswer')}</Table.Th>
                  <Table.Th ta="right">{t('report.contest.colChances')}</Table.Th>
                  <Table.Th ta="right">{t('report.contest.colReferrals')}</Table.Th>
                  <Table.Th>{t('report.contest.colResult')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.data.items.map((e) => (
                  <Table.Tr key={e.subscriberId}>
                    <Table.Td>
                      <Person id={e.subscriberId} email={e.email} />
                    </Table.Td>
                    <Table.Td>{fmtDateTime(e.enteredAt)}</Table.Td>
                    <Table.Td>{e.answer ?? '–'}</Table.Td>
                    <Table.Td ta="right">{fmtNumber(e.chances)}</Table.Td>
                    <Table.Td ta="right">
                      {e.referralsPending
                        ? t('report.contest.broughtPending', {
                            credited: fmtNumber(e.referralsCredited),
                            pending: fmtNumber(e.referralsPending),
                          })
                        : fmtNumber(e.referralsCredited)}
                    </Table.Td>
                    <Table.Td>
                      {e.winnerStatus === 'won' && (
                        <Badge color="teal" variant="light">
                          {t('report.contest.won', { position: e.winnerPosition })}
                        </Badge>
                      )}
                      {e.winnerStatus === 'disqualified' && (
                        <Badge color="gray" variant="light">
                          {t('report.contest.disqualified')}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {data.data.total > data.data.limit && (
            <Pagination
              size="sm"
              total={Math.ceil(data.data.total / data.data.limit)}
              value={page}
              onChange={setPage}
            />
          )}
        </Stack>
      )}
    </Paper>
  );
}

/** Who brought whom: pending until the friend confirms their subscription, then credited. */
export function ContestReferralsTable({ campaignId }: { campaignId: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const data = useQuery({
    queryKey: ['contest', campaignId, 'referrals', page],
    queryFn: () => contestApi.referrals(campaignId, page),
    placeholderData: keepPreviousData,
  });
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="sm">
        {t('report.contest.referralList')}
        {data.data ? ` (${fmtNumber(data.data.total)})` : ''}
      </Title>
      {data.isLoading ? (
        <Loading />
      ) : data.error ? (
        <ErrorState error={data.error} />
      ) : !data.data?.total ? (
        <Empty title={t('report.contest.noReferrals')} />
      ) : (
        <Stack>
          <Table.ScrollContainer minWidth={520}>
            <Table data-testid="contest-referrals">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('report.contest.colReferrer')}</Table.Th>
                  <Table.Th>{t('report.contest.colFriend')}</Table.Th>
                  <Table.Th>{t('report.contest.colStatus')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.data.items.map((r) => (
                  <Table.Tr key={r.referredSubscriberId}>
                    <Table.Td>
                      <Person id={r.referrerSubscriberId} email={r.referrerEmail} />
                    </Table.Td>
                    <Table.Td>
                      <Person id={r.referredSubscriberId} email={r.referredEmail} />
                    </Table.Td>
                    <Table.Td>
                      {r.status === 'credited'
                        ? t('report.contest.referralCredited', { when: fmtDateTime(r.creditedAt) })
                        : t('report.contest.referralPending')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {data.data.total > data.data.limit && (
            <Pagination
              size="sm"
              total={Math.ceil(data.data.total / data.data.limit)}
              value={page}
              onChange={setPage}
            />
          )}
        </Stack>
      )}
    </Paper>
  );
}
