import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  List,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconCheck,
  IconDice5,
  IconDownload,
  IconLock,
  IconShieldCheck,
  IconSnowflake,
  IconX,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { contestApi } from '../../api/endpoints';
import { ApiError, errorMessage } from '../../api/errors';
import type { Campaign, DrawState, DrawVerification } from '../../api/types';
import { useCan } from '../../auth/AuthProvider';
import { notifyError } from '../../components/notify';
import { SubscriberLink } from '../../components/SubscriberLink';
import { fmtDateTime, fmtNumber } from '../../lib/format';

// The draw nobody can steer: lock in a secret number (and a future public random number) before the close,
// freeze the entries after it, draw once the public number is out; anyone checks it with the audit file.
export function DrawPanel({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [verification, setVerification] = useState<DrawVerification | null>(null);
  const [useBeacon, setUseBeacon] = useState(true);
  const [beaconValue, setBeaconValue] = useState('');
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
      void client.invalidateQueries({ queryKey: ['contest', campaign.id] });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const s: DrawState | null | undefined = state.data;
  const endsAt = campaign.content.endsAt as string;
  const ended = Date.now() >= new Date(endsAt).getTime();
  const beacon = s?.beacon ?? null;
  const beaconOut = beacon ? Date.now() >= new Date(beacon.at).getTime() : true;
  const short = (hash: string | null) => (hash ? <Code>{hash.slice(0, 16)}…</Code> : null);
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
        <Text size="sm">{t('report.contest.intro')}</Text>
        <List spacing="sm" size="sm" center>
          <List.Item icon={<StepIcon done={!!s} />}>
            {s ? (
              <Stack gap={2}>
                <span>
                  {t('report.contest.lockedIn', { when: fmtDateTime(s.committedAt) })} {short(s.seedHash)}
                </span>
                {beacon ? (
                  <span>
                    {t('report.contest.beaconNamed', { round: beacon.round, when: fmtDateTime(beacon.at) })}{' '}
                    <Anchor href={beacon.url} target="_blank" size="sm">
                      drand
                    </Anchor>
                  </span>
                ) : null}
              </Stack>
            ) : (
              <Stack gap={6}>
                <span>{ended ? t('report.contest.lockInLate') : t('report.contest.lockInHint')}</span>
                {can.write && (
                  <Checkbox
                    checked={useBeacon || ended}
                    disabled={ended}
                    onChange={(e) => setUseBeacon(e.currentTarget.checked)}
                    label={t('report.contest.useBeacon')}
                    description={t('report.contest.useBeaconHint')}
                    data-testid="draw-use-beacon"
                  />
                )}
              </Stack>
            )}
          </List.Item>
          <List.Item icon={<StepIcon done={!!s?.frozenAt} />}>
            {s?.frozenAt ? (
              <span>
                {t('report.contest.frozen', { when: fmtDateTime(s.frozenAt), entries: fmtNumber(s.entries) })}{' '}
                {short(s.snapshotHash)}
              </span>
            ) : ended ? (
              beacon ? (
                t('report.contest.freezeBefore', { when: fmtDateTime(beacon.at) })
              ) : (
                t('report.contest.freezeHint')
              )
            ) : (
              t('report.contest.notEnded', { when: fmtDateTime(endsAt) })
            )}
          </List.Item>
          <List.Item icon={<StepIcon done={!!s?.drawnAt} />}>
            {s?.drawnAt
              ? t('report.contest.drawn', { when: fmtDateTime(s.drawnAt), entries: fmtNumber(s.entries) })
              : beacon && !beaconOut
                ? t('report.contest.waitForBeacon', { when: fmtDateTime(beacon.at) })
                : t('report.contest.drawHint')}
          </List.Item>
          <List.Item icon={<StepIcon done={!!verification?.ok} failed={verification ? !verification.ok : false} />}>
            <Stack gap={4}>
              <span>{t('report.contest.checkHint')}</span>
              {s?.drawnAt && <Code block>node scripts/verify-draw.js contest-{campaign.id}-draw-audit.json</Code>}
            </Stack>
          </List.Item>
        </List>
        {s?.caveats.map((c) => (
          <Alert
            key={c.code}
            color="yellow"
            title={t(`report.contest.caveat.${c.code}.title`)}
            data-testid={`draw-caveat-${c.code}`}
          >
            {t(`report.contest.caveat.${c.code}.body`)}
          </Alert>
        ))}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {can.write && s && !s.drawnAt && beacon && beaconOut && (
          <TextInput
            label={t('report.contest.beaconValue', { round: beacon.round })}
            description={
              <>
                {t('report.contest.beaconValueHint')}{' '}
                <Anchor href={beacon.url} target="_blank" size="xs">
                  {beacon.url}
                </Anchor>
              </>
            }
            value={beaconValue}
            onChange={(e) => setBeaconValue(e.currentTarget.value)}
            data-testid="draw-beacon-value"
          />
        )}
        <Group>
          {can.write && !s && (
            <Button
              leftSection={<IconLock size={16} />}
              loading={busy === 'commit'}
              onClick={() =>
                void run('commit', () => contestApi.commit(campaign.id, { useBeacon: useBeacon || ended }))
              }
              data-testid="draw-commit"
            >
              {t('report.contest.commit')}
            </Button>
          )}
          {can.write && s && !s.frozenAt && ended && (
            <Button
              variant="light"
              leftSection={<IconSnowflake size={16} />}
              loading={busy === 'freeze'}
              onClick={() => void run('freeze', () => contestApi.freeze(campaign.id))}
              data-testid="draw-freeze"
            >
              {t('report.contest.freeze')}
            </Button>
          )}
          {can.write && s && !s.drawnAt && (
            <Button
              leftSection={<IconDice5 size={16} />}
              loading={busy === 'draw'}
              onClick={() =>
                void run('draw', () => contestApi.draw(campaign.id, beacon ? { beaconValue: beaconValue.trim() } : {}))
              }
              disabled={!ended || !beaconOut || (!!beacon && !beaconValue.trim())}
              data-testid="draw-winners"
            >
              {t('report.contest.drawButton')}
            </Button>
          )}
          {s?.frozenAt && (
            <Button
              component="a"
              href={`/c/draw/${campaign.id}/audit.json`}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
              data-testid="draw-audit-download"
            >
              {t('report.contest.downloadAudit')}
            </Button>
          )}
          {s?.drawnAt && (
            <Button
              variant="light"
              leftSection={<IconShieldCheck size={16} />}
              loading={busy === 'verify'}
              onClick={() => void run('verify', () => contestApi.verify(campaign.id))}
              data-testid="draw-verify"
            >
              {t('report.contest.verify')}
            </Button>
          )}
        </Group>
        {verification && (
          <Alert
            color={verification.ok ? 'teal' : 'red'}
            title={verification.ok ? t('report.contest.verified') : t('report.contest.notVerified')}
            data-testid="draw-verification"
          >
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
              {t('report.contest.seed')}: <Code>{s.seed}</Code>
              {beacon?.value ? (
                <>
                  {' '}
                  · {t('report.contest.beaconUsed')}: <Code>{beacon.value}</Code>
                </>
              ) : null}
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
                    <Table.Td ta="right">
                      {can.write && w.status === 'won' && (
                        <Disqualify
                          campaignId={campaign.id}
                          subscriberId={w.subscriberId}
                          onDone={() => void state.refetch()}
                        />
                      )}
                    </Table.Td>
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
    <ThemeIcon
      size={20}
      radius="xl"
      color={failed ? 'red' : done ? 'teal' : 'gray'}
      variant={done || failed ? 'filled' : 'light'}
    >
      {failed ? <IconX size={12} /> : <IconCheck size={12} />}
    </ThemeIcon>
  );
}

function Check({ ok, label }: { ok: boolean; label: string }) {
  return (
    <Group gap={6}>
      {ok ? (
        <IconCheck size={16} color="var(--mantine-color-teal-7)" />
      ) : (
        <IconX size={16} color="var(--mantine-color-red-7)" />
      )}
      <Text size="sm">{label}</Text>
    </Group>
  );
}

function Disqualify({
  campaignId,
  subscriberId,
  onDone,
}: {
  campaignId: number;
  subscriberId: number;
  onDone: () => void;
}) {
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
          <TextInput
            label={t('report.contest.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            data-autofocus
          />
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
