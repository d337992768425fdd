import { Alert, Anchor, Badge, Button, Code, Group, List, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconDice5, IconLock, IconShieldCheck, IconX } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contestApi } from '../../../api/endpoints';
import { ApiError, errorMessage } from '../../../api/errors';
import type { Campaign, ContestReport, DrawState, DrawVerification } from '../../../api/types';
import { useCan } from '../../../auth/AuthProvider';
import { notifyError } from '../../../components/notify';
import { StatCard } from '../../../components/StatCard';
import { SubscriberLink } from '../../../components/SubscriberLink';
import { fmtDateTime, fmtNumber } from '../../../lib/format';

export function ContestBlock({ campaign, report }: { campaign: Campaign; report?: ContestReport }) {
  const { t } = useTranslation();
  return (
    <Stack>
      {report && (
        <SimpleGrid cols={{ base: 2, md: 4 }}>
          <StatCard label={t('report.contest.entries')} value={<span data-testid="contest-entries">{fmtNumber(report.entries)}</span>} hint={t('report.contest.ofSent', { sent: fmtNumber(report.sent) })} />
          <StatCard label={t('report.contest.bonusEntries')} value={fmtNumber(report.bonusEntries)} />
          <StatCard label={t('report.contest.referrals')} value={fmtNumber(report.referralsCredited)} hint={t('report.contest.pending', { count: report.referralsPending })} />
          <StatCard label={t('report.contest.winners')} value={fmtNumber(report.winners.filter((w) => w.status === 'won').length)} hint={t('report.contest.ends', { when: fmtDateTime(campaign.content.endsAt as string) })} />
        </SimpleGrid>
      )}
      <DrawPanel campaign={campaign} />
    </Stack>
  );
}

// The auditable draw: commit to a secret seed (its hash is published), draw after the closing date from a
// frozen snapshot, then anyone can verify seed, snapshot and winners.
function DrawPanel({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verification, setVerification] = useState<DrawVerification | null>(null);
  const state = useQuery({
    queryKey: ['contest-draw', campaign.id],
    queryFn: async () => {
      try {
        return await contestApi.state(campaign.id);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404 && e.code === 'contest_no_commitment') return null;
        throw e;
      }
    },
  });
  const run = async (name: string, call: () => Promise<unknown>) => {
    setBusy(name);
    setError(null);
    try {
      const result = await call();
      if (name === 'verify') setVerification(result as DrawVerification);
      await state.refetch();
      void client.invalidateQueries({ queryKey: ['kind-report', campaign.id] });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const s: DrawState | null | undefined = state.data;
  const ended = Date.now() >= new Date(campaign.content.endsAt as string).getTime();
  return (
    <Paper withBorder p="md" data-testid="draw-panel">
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5">
            {t('report.contest.draw')}
          </Title>
          <Anchor href={`/c/draw/${campaign.id}`} target="_blank" size="sm">
            {t('report.contest.publicPage')}
          </Anchor>
        </Group>
        <List spacing="xs" size="sm" center>
          <List.Item icon={<StepIcon done={!!s} />}>
            {s ? (
              <>
                {t('report.contest.committed', { when: fmtDateTime(s.committedAt) })} <Code>{s.seedHash.slice(0, 16)}…</Code>
              </>
            ) : (
              t('report.contest.commitHint')
            )}
          </List.Item>
          <List.Item icon={<StepIcon done={!!s?.drawnAt} />}>
            {s?.drawnAt ? t('report.contest.drawn', { when: fmtDateTime(s.drawnAt), entries: fmtNumber(s.entries) }) : ended ? t('report.contest.drawHint') : t('report.contest.notEnded', { when: fmtDateTime(campaign.content.endsAt as string) })}
          </List.Item>
          <List.Item icon={<StepIcon done={!!verification?.ok} failed={verification ? !verification.ok : false} />}>{t('report.contest.verifyHint')}</List.Item>
        </List>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group>
          {can.write && !s && (
            <Button leftSection={<IconLock size={16} />} loading={busy === 'commit'} onClick={() => void run('commit', () => contestApi.commit(campaign.id))} data-testid="draw-commit">
              {t('report.contest.commit')}
            </Button>
          )}
          {can.write && s && !s.drawnAt && (
            <Button leftSection={<IconDice5 size={16} />} loading={busy === 'draw'} onClick={() => void run('draw', () => contestApi.draw(campaign.id))} disabled={!ended} data-testid="draw-winners">
              {t('report.contest.drawButton')}
            </Button>
          )}
          {s?.drawnAt && (
            <Button variant="light" leftSection={<IconShieldCheck size={16} />} loading={busy === 'verify'} onClick={() => void run('verify', () => contestApi.verify(campaign.id))} data-testid="draw-verify">
              {t('report.contest.verify')}
            </Button>
          )}
        </Group>
        {verification && (
          <Alert color={verification.ok ? 'teal' : 'red'} title={verification.ok ? t('report.contest.verified') : t('report.contest.notVerified')} data-testid="draw-verification">
            <Stack gap={2}>
              <Check ok={verification.seedMatchesCommitment} label={t('report.contest.seedMatches')} />
              <Check ok={verification.snapshotMatchesHash} label={t('report.contest.snapshotMatches')} />
              <Check ok={verification.winnersMatch} label={t('report.contest.winnersMatch')} />
            </Stack>
          </Alert>
        )}
        {s?.drawnAt && (
          <>
            <Text size="xs" c="dimmed">
              {t('report.contest.seed')}: <Code>{s.seed}</Code> · {t('report.contest.snapshot')}: <Code>{s.snapshotHash}</Code>
            </Text>
            <Table data-testid="winners">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('report.service.subscriber')}</Table.Th>
                  <Table.Th>{t('report.service.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.winners.map((w) => (
                  <Table.Tr key={`${w.position}-${w.subscriberId}`}>
                    <Table.Td>{w.position}</Table.Td>
                    <Table.Td>
                      <SubscriberLink id={w.subscriberId} />
                    </Table.Td>
                    <Table.Td>
                      <Badge color={w.status === 'won' ? 'teal' : 'gray'} variant="light">
                        {t(`report.contest.winnerStatus.${w.status}`, { defaultValue: w.status })}
                      </Badge>
                      {w.reason && (
                        <Text size="xs" c="dimmed">
                          {w.reason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{can.write && w.status === 'won' && <Disqualify campaignId={campaign.id} subscriberId={w.subscriberId} onDone={() => void state.refetch()} />}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Paper>
  );
}

function StepIcon({ done, failed }: { done: boolean; failed?: boolean }) {
  return (
    <ThemeIcon size={20} radius="xl" color={failed ? 'red' : done ? 'teal' : 'gray'} variant={done || failed ? 'filled' : 'light'}>
      {failed ? <IconX size={12} /> : <IconCheck size={12} />}
    </ThemeIcon>
  );
}

function Check({ ok, label }: { ok: boolean; label: string }) {
  return (
    <Group gap={6}>
      {ok ? <IconCheck size={16} color="var(--mantine-color-teal-7)" /> : <IconX size={16} color="var(--mantine-color-red-7)" />}
      <Text size="sm">{label}</Text>
    </Group>
  );
}

function Disqualify({ campaignId, subscriberId, onDone }: { campaignId: number; subscriberId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button size="xs" variant="subtle" color="red" onClick={open}>
        {t('report.contest.disqualify')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('report.contest.disqualifyTitle', { id: subscriberId })}>
        <Stack>
          <Text size="sm">{t('report.contest.disqualifyHint')}</Text>
          <TextInput label={t('report.contest.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={busy}
              disabled={!reason.trim()}
              onClick={async () => {
                setBusy(true);
                try {
                  await contestApi.disqualify(campaignId, subscriberId, reason.trim());
                  close();
                  onDone();
                } catch (e) {
                  notifyError(e);
                } finally {
                  setBusy(false);
                }
              }}
            >
              {t('report.contest.disqualify')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
