import { Alert, Badge, Button, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconChartBar,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlayerStop,
  IconCalendarOff,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router-dom';
import { campaignsApi } from '../../api/endpoints';
import type { Campaign, CampaignProgress } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { ConfirmButton } from '../../components/ConfirmButton';
import { notifyError } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { StatCard } from '../../components/StatCard';
import { CampaignStatusBadge } from '../../components/StatusBadge';
import { ErrorState, Loading } from '../../components/States';
import { addSample, etaSeconds, formatDuration, rateOf, type ProgressSample } from '../../lib/eta';
import { fmtDateTime, fmtNumber } from '../../lib/format';
import { webKind } from '../../kinds/registry';
import { shownProgress } from './progress';
import { isLive, useCampaignProgress } from './use-campaign-progress';
import { readableTags } from '../../lib/readable-tags';

export default function SendingPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  // Always fresh: a cached draft would redirect to the composer.
  const campaign = useQuery({
    queryKey: ['campaign', id],
    queryFn: () => campaignsApi.get(id),
    staleTime: 0,
    refetchOnMount: 'always',
  });
  if (campaign.isLoading || (campaign.isFetching && campaign.data?.status === 'draft')) return <Loading />;
  if (campaign.error) return <ErrorState error={campaign.error} />;
  const c = campaign.data!;
  if (c.status === 'draft') return <Navigate to={`/campaigns/${id}/edit`} replace />;
  return (
    <>
      <PageHeader
        title={c.name}
        crumbs={[{ label: t('nav.campaigns'), to: '/campaigns' }, { label: c.name }]}
        badge={
          <Badge color={webKind(c.kind).color} variant="light" leftSection={webKind(c.kind).icon(14)}>
            {t(`kinds.${c.kind}.name`)}
          </Badge>
        }
        description={readableTags(c.subject, t)}
        actions={
          <Button
            component={Link}
            to={`/campaigns/${id}/report`}
            variant="default"
            leftSection={<IconChartBar size={16} />}
          >
            {t('sending.report')}
          </Button>
        }
      />
      <LiveProgress campaign={c} />
    </>
  );
}

function LiveProgress({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const samples = useRef<ProgressSample[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const progress = useCampaignProgress(campaign.id);
  const p: CampaignProgress | undefined = progress.data;
  useEffect(() => {
    if (!p) return;
    samples.current = addSample(samples.current, { at: Date.now(), done: p.sent + p.failed + p.suppressed });
    if (p.status !== campaign.status) void client.invalidateQueries({ queryKey: ['campaign', campaign.id] });
  }, [p, campaign.status, campaign.id, client]);

  if (progress.error) return <ErrorState error={progress.error} retry={() => void progress.refetch()} />;
  if (!p) return <Loading />;
  const done = p.sent + p.failed + p.suppressed;
  const fraction = shownProgress(p);
  const smoothed = rateOf(samples.current);
  const rate = p.status === 'running' ? (smoothed ?? p.rate) : 0;
  const eta = p.status === 'running' ? (etaSeconds(p.queued + p.sending, rate) ?? p.etaSeconds) : null;
  const units = { s: t('units.s'), min: t('units.min'), h: t('units.h') };

  const act = async (name: string, call: () => Promise<Campaign>) => {
    setBusy(name);
    try {
      await call();
      await Promise.all([
        progress.refetch(),
        client.invalidateQueries({ queryKey: ['campaign', campaign.id] }),
        client.invalidateQueries({ queryKey: ['campaigns'] }),
      ]);
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack>
      <Paper withBorder p="lg">
        <Stack>
          <Group justify="space-between" wrap="wrap">
            <Group gap="sm">
              <Title order={2} size="h4">
                {t('sending.title')}
              </Title>
              <CampaignStatusBadge status={p.status} />
            </Group>
            {can.write && (
              <Group gap="xs">
                {p.status === 'running' && (
                  <Button
                    variant="default"
                    leftSection={<IconPlayerPause size={16} />}
                    loading={busy === 'pause'}
                    onClick={() => void act('pause', () => campaignsApi.pause(campaign.id))}
                  >
                    {t('sending.pause')}
                  </Button>
                )}
                {p.status === 'paused' && (
                  <Button
                    leftSection={<IconPlayerPlay size={16} />}
                    loading={busy === 'resume'}
                    onClick={() => void act('resume', () => campaignsApi.resume(campaign.id))}
                  >
                    {t('sending.resume')}
                  </Button>
                )}
                {p.status === 'scheduled' && (
                  <Button
                    variant="default"
                    leftSection={<IconCalendarOff size={16} />}
                    loading={busy === 'unschedule'}
                    onClick={() => void act('unschedule', () => campaignsApi.unschedule(campaign.id))}
                  >
                    {t('sending.unschedule')}
                  </Button>
                )}
                {isLive(p.status) && (
                  <ConfirmButton
                    variant="light"
                    leftSection={<IconPlayerStop size={16} />}
                    title={t('sending.cancelTitle')}
                    message={t('sending.cancelMessage')}
                    confirmLabel={t('sending.cancel')}
                    onConfirm={() => act('cancel', () => campaignsApi.cancel(campaign.id))}
                  >
                    {t('sending.cancel')}
                  </ConfirmButton>
                )}
              </Group>
            )}
          </Group>
          {p.status === 'scheduled' && (
            <Text>
              {t('sending.scheduledFor', { when: fmtDateTime(campaign.scheduledAt), zone: campaign.timezone })}
            </Text>
          )}
          {p.waitingForSmtp && (
            <Alert
              color="orange"
              icon={<IconAlertTriangle size={18} />}
              title={t('sending.waitingForSmtp', { since: fmtDateTime(p.waitingForSmtp.since) })}
              data-testid="waiting-for-smtp"
            >
              {t('sending.waitingForSmtpBody', {
                reason: p.waitingForSmtp.reason,
                next: fmtDateTime(p.waitingForSmtp.nextProbeAt),
              })}
            </Alert>
          )}
          {p.statusReason && (
            <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
              {p.statusReason}
            </Alert>
          )}
          <Progress.Root size={28}>
            <Progress.Section
              aria-label={t('sending.progress')}
              value={fraction * 100}
              color={p.status === 'finished' ? 'teal.9' : p.status === 'paused' ? 'yellow.9' : 'indigo'}
              animated={p.status === 'running'}
            >
              <Progress.Label data-testid="sending-percent">{Math.floor(fraction * 100)}%</Progress.Label>
            </Progress.Section>
          </Progress.Root>
          <Group justify="space-between" wrap="wrap">
            <Text size="sm" aria-live="polite">
              {t('sending.doneOf', { done: fmtNumber(done), total: fmtNumber(p.total) })}
              {!p.audienceComplete && p.status !== 'scheduled' ? ` · ${t('sending.preparing')}` : ''}
            </Text>
            <Text size="sm" c="dimmed">
              {p.status === 'running'
                ? t('sending.rateEta', {
                    rate: fmtNumber(rate, 1),
                    eta: eta === null ? '…' : formatDuration(eta, units),
                  })
                : p.status === 'finished'
                  ? t('sending.finishedAt', { when: fmtDateTime(campaign.finishedAt) })
                  : ''}
            </Text>
          </Group>
        </Stack>
      </Paper>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
        <StatCard
          label={t('sending.sent')}
          value={<span data-testid="sent-count">{fmtNumber(p.sent)}</span>}
          color="teal.8"
        />
        <StatCard
          label={t('sending.sending')}
          value={<span data-testid="sending-count">{fmtNumber(p.sending)}</span>}
          hint={t('sending.sendingHint')}
          color={p.sending ? 'indigo.8' : undefined}
        />
        <StatCard label={t('sending.queued')} value={fmtNumber(p.queued)} />
        <StatCard label={t('sending.failed')} value={fmtNumber(p.failed)} color={p.failed ? 'red.8' : undefined} />
        <StatCard label={t('sending.suppressed')} value={fmtNumber(p.suppressed)} hint={t('sending.suppressedHint')} />
        <StatCard
          label={t('sending.uncertain')}
          value={fmtNumber(p.uncertain)}
          hint={t('sending.uncertainHint')}
          color={p.uncertain ? 'orange.8' : undefined}
        />
      </SimpleGrid>
      {p.status === 'finished' && (
        <Alert color="teal" title={t('sending.finished')}>
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">{t('sending.finishedHint')}</Text>
            <Button
              component={Link}
              to={`/campaigns/${campaign.id}/report`}
              leftSection={<IconChartBar size={16} />}
              data-testid="open-report"
            >
              {t('sending.report')}
            </Button>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}
