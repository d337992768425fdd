import { BarChart } from '@mantine/charts';
import { Accordion, Badge, Button, Group, Stack, Table, Text, Timeline } from '@mantine/core';
import { IconClick, IconMail, IconMailOpened } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { subscribersApi } from '../../../api/endpoints';
import { SCORE_NAMES, type TimelineEvent, type ValueExplanation } from '../../../api/types';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { fmtDateTime, fmtNumber } from '../../../lib/format';
import { eventSentence, machineSentence } from './event-sentence';

function eventIcon(type: string) {
  if (type === 'open') return <IconMailOpened size={14} />;
  if (type === 'click' || type.endsWith('_click')) return <IconClick size={14} />;
  return <IconMail size={14} />;
}

export function EventTimeline({ subscriberId }: { subscriberId: number }) {
  const { t } = useTranslation();
  const events = useInfiniteQuery({
    queryKey: ['subscriber', subscriberId, 'timeline'],
    queryFn: ({ pageParam }) => subscribersApi.timeline(subscriberId, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  if (events.isLoading) return <Loading />;
  if (events.error) return <ErrorState error={events.error} />;
  const items: TimelineEvent[] = events.data?.pages.flatMap((p) => p.items) ?? [];
  if (!items.length) return <Empty title={t('profile.noEvents')} />;
  return (
    <Stack>
      <Timeline bulletSize={24} lineWidth={2}>
        {items.map((e) => (
          <Timeline.Item
            key={e.id}
            bullet={eventIcon(e.type)}
            title={
              <Group gap="xs">
                <Text fw={600} size="sm">
                  {eventSentence(e, t)}
                </Text>
                {e.machine && (
                  <Badge size="xs" color="gray">
                    {t('profile.machine')}
                  </Badge>
                )}
              </Group>
            }
          >
            <Text size="xs" c="dimmed">
              {fmtDateTime(e.occurredAt)}
              {e.campaignId ? (
                <>
                  {' · '}
                  {e.campaignName !== null ? (
                    <Link to={`/campaigns/${e.campaignId}/report`}>
                      {t('timeline.fromCampaign', { name: e.campaignName })}
                    </Link>
                  ) : (
                    t('timeline.fromDeletedCampaign')
                  )}
                </>
              ) : null}
            </Text>
            {e.machine && (
              <Text size="xs" c="dimmed">
                {machineSentence(e, t)}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
      {events.hasNextPage && (
        <Button
          variant="light"
          onClick={() => void events.fetchNextPage()}
          loading={events.isFetchingNextPage}
          w="fit-content"
        >
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}

export function PointsPanel({ subscriberId }: { subscriberId: number }) {
  const { t } = useTranslation();
  const points = useQuery({
    queryKey: ['subscriber', subscriberId, 'points'],
    queryFn: () => subscribersApi.points(subscriberId),
  });
  if (points.isLoading) return <Loading />;
  if (points.error) return <ErrorState error={points.error} />;
  const p = points.data!;
  return (
    <Stack>
      <Text>
        {t('profile.balance')}: <strong data-testid="points-balance">{fmtNumber(p.balance)}</strong>
      </Text>
      {p.history.length === 0 ? (
        <Empty title={t('profile.noPoints')} />
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('profile.when')}</Table.Th>
              <Table.Th>{t('profile.entryType')}</Table.Th>
              <Table.Th ta="right">{t('profile.points')}</Table.Th>
              <Table.Th>{t('profile.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.history.map((h) => (
              <Table.Tr key={h.id}>
                <Table.Td>{fmtDateTime(h.createdAt)}</Table.Td>
                <Table.Td>{t(`pointsType.${h.type}`, { defaultValue: h.type })}</Table.Td>
                <Table.Td ta="right" c={h.points < 0 ? 'red.7' : 'teal.8'}>
                  {h.points > 0 ? '+' : ''}
                  {fmtNumber(h.points)}
                </Table.Td>
                <Table.Td>{h.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

export function InterestsPanel({ subscriberId, profile }: { subscriberId: number; profile?: ValueExplanation }) {
  const { t } = useTranslation();
  // The value profile has decayed interests; without it (scores not computed), the knowledge module's own view.
  const interests = useQuery({
    queryKey: ['subscriber', subscriberId, 'interests'],
    queryFn: () => subscribersApi.interests(subscriberId),
    enabled: !profile,
  });
  const topics = profile ? profile.interests : (interests.data?.topics ?? []);
  if (!profile && interests.isLoading) return <Loading />;
  if (!topics.length) return <Empty title={t('profile.noInterests')}>{t('profile.noInterestsHint')}</Empty>;
  const data = topics.map((x) => ({ topic: x.topic, score: Math.round(x.score * 100) / 100 }));
  return (
    <BarChart
      h={Math.max(160, data.length * 36)}
      data={data}
      dataKey="topic"
      orientation="vertical"
      series={[{ name: 'score', label: t('profile.interest'), color: 'blue.6' }]}
      yAxisProps={{ width: 120 }}
      role="img"
      aria-label={t('profile.interests')}
    />
  );
}

export function ConsentPanel({ subscriberId }: { subscriberId: number }) {
  const { t } = useTranslation();
  const consent = useQuery({
    queryKey: ['subscriber', subscriberId, 'consent'],
    queryFn: () => subscribersApi.consent(subscriberId),
  });
  if (consent.isLoading) return <Loading />;
  if (consent.error) return <ErrorState error={consent.error} />;
  if (!consent.data?.length) return <Empty title={t('profile.noConsent')} />;
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('profile.when')}</Table.Th>
            <Table.Th>{t('profile.action')}</Table.Th>
            <Table.Th>{t('profile.method')}</Table.Th>
            <Table.Th>{t('profile.list')}</Table.Th>
            <Table.Th>{t('profile.source')}</Table.Th>
            <Table.Th>IP</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {consent.data.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>{fmtDateTime(c.at)}</Table.Td>
              <Table.Td>{t(`consentAction.${c.action}`)}</Table.Td>
              <Table.Td>{t(`consentMethod.${c.method}`)}</Table.Td>
              <Table.Td>{c.listId ? <Link to={`/audience/lists/${c.listId}`}>#{c.listId}</Link> : '–'}</Table.Td>
              <Table.Td>{c.source ?? '–'}</Table.Td>
              <Table.Td>{c.ip ?? '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ExplainPanel({ profile }: { profile: ValueExplanation }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('profile.explainIntro')}
      </Text>
      <Accordion variant="separated">
        {SCORE_NAMES.map((name) => {
          const s = profile.scores[name];
          if (!s) return null;
          return (
            <Accordion.Item key={name} value={name}>
              <Accordion.Control>
                <Group justify="space-between" pr="md">
                  <Text fw={600}>{t(`dimensions.${name}`)}</Text>
                  <Text size="sm">
                    {fmtNumber(s.score, 1)} · {t('profile.events', { count: s.eventCount })}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Table.ScrollContainer minWidth={560}>
                  <Table verticalSpacing={4}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('profile.when')}</Table.Th>
                        <Table.Th>{t('profile.event')}</Table.Th>
                        <Table.Th>{t('profile.campaignCol')}</Table.Th>
                        <Table.Th ta="right">{t('profile.contribution')}</Table.Th>
                        <Table.Th ta="right">{t('profile.share')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {s.events.map((e) => (
                        <Table.Tr key={e.eventId}>
                          <Table.Td>{fmtDateTime(e.occurredAt)}</Table.Td>
                          <Table.Td>{t(`events.${e.type}`, { defaultValue: e.type })}</Table.Td>
                          <Table.Td>
                            {e.campaignId ? (
                              <Link to={`/campaigns/${e.campaignId}/report`}>
                                {e.campaignName ?? `#${e.campaignId}`}
                              </Link>
                            ) : (
                              '–'
                            )}
                          </Table.Td>
                          <Table.Td ta="right">
                            {fmtNumber(e.strength)} × {fmtNumber(e.weight, 2)} × {fmtNumber(e.decay, 3)} ={' '}
                            <strong>{fmtNumber(e.contribution, 2)}</strong>
                          </Table.Td>
                          <Table.Td ta="right">{fmtNumber(e.share * 100, 1)}%</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {s.otherEvents.count > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('profile.otherEvents', { count: s.otherEvents.count })}
                  </Text>
                )}
                {s.decayedSum > 0 && (
                  <Text size="xs" mt={4} data-testid={`how-scored-${name}`}>
                    {t('profile.howScored', {
                      sum: fmtNumber(s.decayedSum, 2),
                      halfLife: s.halfLifeDays,
                      score: fmtNumber(s.score, 1),
                    })}
                  </Text>
                )}
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
    </Stack>
  );
}
