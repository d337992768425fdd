import { BarChart, RadarChart } from '@mantine/charts';
import {
  Accordion, Badge, Button, Code, Grid, Group, Paper, RingProgress, Select, SimpleGrid, Stack, Table, Tabs, Text, Timeline, Title, Tooltip,
} from '@mantine/core';
import { IconClick, IconMail, IconMailOpened, IconStar, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { subscribersApi } from '../../api/endpoints';
import { SUBSCRIBER_STATUSES, VALUE_DIMENSIONS, type EventItem, type Subscriber, type ValueExplanation, SCORE_NAMES } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { ConfirmButton } from '../../components/ConfirmButton';
import { notifyError, notifySuccess } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { Empty, ErrorState, Loading } from '../../components/States';
import { fmtDateTime, fmtMoney, fmtNumber } from '../../lib/format';
import { STATUS_COLORS } from './SubscribersPage';

const NPS_COLORS = { promoter: 'teal', passive: 'yellow', detractor: 'red' } as const;

export default function SubscriberPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const subscriber = useQuery({ queryKey: ['subscriber', id], queryFn: () => subscribersApi.get(id) });
  const value = useQuery({ queryKey: ['subscriber', id, 'value'], queryFn: () => subscribersApi.value(id), retry: false });

  if (subscriber.isLoading) return <Loading />;
  if (subscriber.error) return <ErrorState error={subscriber.error} />;
  const s = subscriber.data!;
  return (
    <>
      <PageHeader
        title={s.name || s.email || `#${s.id}`}
        crumbs={[{ label: t('nav.subscribers'), to: '/audience/subscribers' }, { label: s.email ?? `#${s.id}` }]}
        badge={
          <Badge color={STATUS_COLORS[s.status]} variant="light">
            {t(`subscriberStatus.${s.status}`)}
          </Badge>
        }
        description={s.email ?? t('subscribers.erased')}
        actions={<SubscriberActions subscriber={s} />}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <ValueCard profile={value.data} error={value.error} loading={value.isLoading} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <LtvCard profile={value.data} />
            <DetailsCard subscriber={s} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Paper withBorder p="md" mt="md">
        <Tabs defaultValue="timeline" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="timeline">{t('profile.timeline')}</Tabs.Tab>
            <Tabs.Tab value="points">{t('profile.points')}</Tabs.Tab>
            <Tabs.Tab value="interests">{t('profile.interests')}</Tabs.Tab>
            <Tabs.Tab value="consent">{t('profile.consent')}</Tabs.Tab>
            {value.data && <Tabs.Tab value="explain">{t('profile.explain')}</Tabs.Tab>}
          </Tabs.List>
          <Tabs.Panel value="timeline" pt="md">
            <EventTimeline subscriberId={id} />
          </Tabs.Panel>
          <Tabs.Panel value="points" pt="md">
            <PointsPanel subscriberId={id} />
          </Tabs.Panel>
          <Tabs.Panel value="interests" pt="md">
            <InterestsPanel subscriberId={id} profile={value.data} />
          </Tabs.Panel>
          <Tabs.Panel value="consent" pt="md">
            <ConsentPanel subscriberId={id} />
          </Tabs.Panel>
          {value.data && (
            <Tabs.Panel value="explain" pt="md">
              <ExplainPanel profile={value.data} />
            </Tabs.Panel>
          )}
        </Tabs>
      </Paper>
    </>
  );
}

function SubscriberActions({ subscriber: s }: { subscriber: Subscriber }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const navigate = useNavigate();
  const update = useMutation({
    mutationFn: (status: Subscriber['status']) => subscribersApi.update(s.id, { status }),
    onSuccess: () => {
      notifySuccess(t('common.saved'));
      void client.invalidateQueries({ queryKey: ['subscriber', s.id] });
    },
    onError: (e) => notifyError(e),
  });
  if (!can.write || s.erasedAt) return null;
  return (
    <>
      <Select
        aria-label={t('subscribers.status')}
        data={SUBSCRIBER_STATUSES.map((v) => ({ value: v, label: t(`subscriberStatus.${v}`) }))}
        value={s.status}
        onChange={(v) => v && v !== s.status && update.mutate(v as Subscriber['status'])}
        allowDeselect={false}
        w={170}
      />
      <ConfirmButton
        variant="light"
        leftSection={<IconTrash size={16} />}
        title={t('subscribers.eraseTitle')}
        message={t('subscribers.eraseMessage', { email: s.email })}
        confirmLabel={t('subscribers.erase')}
        onConfirm={async () => {
          try {
            await subscribersApi.remove(s.id, true);
            notifySuccess(t('subscribers.erasedNotice'));
            void client.invalidateQueries({ queryKey: ['subscribers'] });
            navigate('/audience/subscribers');
          } catch (e) {
            notifyError(e);
          }
        }}
      >
        {t('subscribers.erase')}
      </ConfirmButton>
    </>
  );
}

function ValueCard({ profile, error, loading }: { profile?: ValueExplanation; error: unknown; loading: boolean }) {
  const { t } = useTranslation();
  if (loading) return <Paper withBorder p="md"><Loading /></Paper>;
  if (error || !profile) return <Paper withBorder p="md"><ErrorState error={error} compact /></Paper>;
  const score = (d: (typeof SCORE_NAMES)[number]) => profile.scores[d]?.score ?? 0;
  const radar = VALUE_DIMENSIONS.map((d) => ({ dimension: t(`dimensions.${d}`), value: Math.round(score(d)) }));
  const nps = profile.satisfaction.nps;
  const csat = profile.satisfaction.csat;
  return (
    <Paper withBorder p="md" h="100%">
      <Title order={2} size="h4" mb="sm">
        {t('profile.value')}
      </Title>
      <Grid align="center">
        <Grid.Col span={{ base: 12, sm: 7 }}>
          <RadarChart h={260} data={radar} dataKey="dimension" series={[{ name: 'value', label: t('profile.value'), color: 'indigo.5', opacity: 0.35 }]} withPolarRadiusAxis polarRadiusAxisProps={{ domain: [0, 100], tick: false, axisLine: false }} radarChartProps={{ outerRadius: '62%' }} aria-label={t('profile.valueRadar')} data-testid="value-radar" />
          <SimpleGrid cols={4} spacing={4}>
            {VALUE_DIMENSIONS.map((d) => (
              <Stack key={d} gap={0} align="center">
                <Text size="xs" c="dimmed">
                  {t(`dimensions.${d}`)}
                </Text>
                <Text fw={700}>{fmtNumber(score(d), 1)}</Text>
              </Stack>
            ))}
          </SimpleGrid>
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <Stack align="center" gap="md">
            <RingProgress
              size={130}
              thickness={12}
              roundCaps
              sections={[{ value: score('engagement'), color: 'indigo' }]}
              label={
                <Stack gap={0} align="center">
                  <Text fw={700} size="xl">
                    {fmtNumber(score('engagement'), 1)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('profile.engagement')}
                  </Text>
                </Stack>
              }
            />
            {profile.scores.engagement?.tier && (
              <Badge variant="light">{t(`profile.tiers.${profile.scores.engagement.tier}`, { defaultValue: profile.scores.engagement.tier })}</Badge>
            )}
            <Group gap="xs">
              <Text size="sm">{t('profile.nps')}</Text>
              {nps ? (
                <Badge color={NPS_COLORS[nps.class]} data-testid="nps-class">
                  {t(`npsClass.${nps.class}`)} · {nps.score}
                </Badge>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('profile.noAnswer')}
                </Text>
              )}
            </Group>
            <Group gap="xs">
              <Text size="sm">CSAT</Text>
              <Text size="sm" fw={600}>
                {csat ? `${csat.score} / 5` : '–'}
              </Text>
            </Group>
            <Group gap="xs">
              <IconStar size={16} aria-hidden />
              <Text size="sm">{t('profile.pointsBalance', { points: fmtNumber(profile.loyalty.balance) })}</Text>
            </Group>
            {profile.trial.status !== 'none' && (
              <Badge variant="outline" color="green">
                {t(`profile.trialStatus.${profile.trial.status}`)}
              </Badge>
            )}
            {profile.excluded.machineEvents > 0 && (
              <Text size="xs" c="dimmed" ta="center">
                {t('profile.machineExcluded', { count: profile.excluded.machineEvents })}
              </Text>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Paper>
  );
}

function LtvCard({ profile }: { profile?: ValueExplanation }) {
  const { t } = useTranslation();
  if (!profile) return null;
  const l = profile.ltv;
  const currency = l.currency || 'EUR';
  return (
    <Paper withBorder p="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          LTV
        </Title>
        <Text fw={700} fz={24} data-testid="ltv">
          {fmtMoney(l.value, currency)}
        </Text>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t('profile.ltvFormula', { orders: l.orders, revenue: fmtMoney(l.revenue, currency) })}
      </Text>
      <Table withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td><Code>S</Code> {t('profile.ltvS')}</Table.Td>
            <Table.Td ta="right">{fmtMoney(l.S, currency)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td><Code>C</Code> {t('profile.ltvC')}</Table.Td>
            <Table.Td ta="right">{fmtNumber(l.C, 2)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td><Code>P</Code> {t('profile.ltvP')}</Table.Td>
            <Table.Td ta="right">{fmtNumber(l.P * 100, 1)}%</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td><Code>t</Code> {t('profile.ltvT')}</Table.Td>
            <Table.Td ta="right">
              {fmtNumber(l.t, 1)} {l.tSource && l.tSource !== 'observed' ? <Tooltip label={t('profile.ltvTSetting')}><Text span c="dimmed">*</Text></Tooltip> : null}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function DetailsCard({ subscriber: s }: { subscriber: Subscriber }) {
  const { t } = useTranslation();
  const attributes = Object.entries(s.attributes ?? {});
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">
        {t('profile.details')}
      </Title>
      <Table withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          <Table.Tr><Table.Td c="dimmed">{t('subscribers.locale')}</Table.Td><Table.Td>{s.locale}</Table.Td></Table.Tr>
          <Table.Tr><Table.Td c="dimmed">{t('subscribers.externalId')}</Table.Td><Table.Td>{s.externalId ?? '–'}</Table.Td></Table.Tr>
          <Table.Tr><Table.Td c="dimmed">{t('subscribers.added')}</Table.Td><Table.Td>{fmtDateTime(s.createdAt)}</Table.Td></Table.Tr>
          <Table.Tr><Table.Td c="dimmed">{t('subscribers.tracking')}</Table.Td><Table.Td>{s.trackingOptOut ? t('subscribers.trackingOff') : t('subscribers.trackingOn')}</Table.Td></Table.Tr>
          {attributes.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Td c="dimmed">{k}</Table.Td>
              <Table.Td>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

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
  const items: EventItem[] = events.data?.pages.flatMap((p) => p.items) ?? [];
  if (!items.length) return <Empty title={t('profile.noEvents')} />;
  return (
    <Stack>
      <Timeline bulletSize={24} lineWidth={2}>
        {items.map((e) => (
          <Timeline.Item key={e.id} bullet={eventIcon(e.type)} title={<Group gap="xs"><Text fw={600} size="sm">{t(`events.${e.type}`, { defaultValue: e.type })}</Text>{e.machine && <Badge size="xs" color="gray">{t('profile.machine')}{e.machineReason ? `: ${e.machineReason}` : ''}</Badge>}</Group>}>
            <Text size="xs" c="dimmed">
              {fmtDateTime(e.occurredAt)}
              {e.campaignId ? (
                <>
                  {' · '}
                  <Link to={`/campaigns/${e.campaignId}/report`}>{t('profile.campaign', { id: e.campaignId })}</Link>
                </>
              ) : null}
            </Text>
            {Object.keys(e.data ?? {}).length > 0 && (
              <Text size="xs" c="dimmed" lineClamp={2}>
                {Object.entries(e.data).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' · ')}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
      {events.hasNextPage && (
        <Button variant="light" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage} w="fit-content">
          {t('common.loadMore')}
        </Button>
      )}
    </Stack>
  );
}

function PointsPanel({ subscriberId }: { subscriberId: number }) {
  const { t } = useTranslation();
  const points = useQuery({ queryKey: ['subscriber', subscriberId, 'points'], queryFn: () => subscribersApi.points(subscriberId) });
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

function InterestsPanel({ subscriberId, profile }: { subscriberId: number; profile?: ValueExplanation }) {
  const { t } = useTranslation();
  // The value profile has decayed interests; without it (scores not computed), the knowledge module's own view.
  const interests = useQuery({ queryKey: ['subscriber', subscriberId, 'interests'], queryFn: () => subscribersApi.interests(subscriberId), enabled: !profile });
  const topics = profile ? profile.interests : (interests.data?.topics ?? []);
  if (!profile && interests.isLoading) return <Loading />;
  if (!topics.length) return <Empty title={t('profile.noInterests')}>{t('profile.noInterestsHint')}</Empty>;
  const data = topics.map((x) => ({ topic: x.topic, score: Math.round(x.score * 100) / 100 }));
  return <BarChart h={Math.max(160, data.length * 36)} data={data} dataKey="topic" orientation="vertical" series={[{ name: 'score', label: t('profile.interest'), color: 'blue.6' }]} yAxisProps={{ width: 120 }} aria-label={t('profile.interests')} />;
}

function ConsentPanel({ subscriberId }: { subscriberId: number }) {
  const { t } = useTranslation();
  const consent = useQuery({ queryKey: ['subscriber', subscriberId, 'consent'], queryFn: () => subscribersApi.consent(subscriberId) });
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

function ExplainPanel({ profile }: { profile: ValueExplanation }) {
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
                          <Table.Td>{e.campaignId ? <Link to={`/campaigns/${e.campaignId}/report`}>{e.campaignName ?? `#${e.campaignId}`}</Link> : '–'}</Table.Td>
                          <Table.Td ta="right">
                            {fmtNumber(e.strength)} × {fmtNumber(e.weight, 2)} × {fmtNumber(e.decay, 3)} = <strong>{fmtNumber(e.contribution, 2)}</strong>
                          </Table.Td>
                          <Table.Td ta="right">{fmtNumber(e.share * 100, 1)}%</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {s.otherEvents.count > 0 && <Text size="xs" c="dimmed">{t('profile.otherEvents', { count: s.otherEvents.count })}</Text>}
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
    </Stack>
  );
}
