import {
  Alert,
  Anchor,
  Button,
  Grid,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCalendarEvent, IconSend, IconTestPipe } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { campaignsApi, listsApi, segmentsApi, settingsApi } from '../../api/endpoints';
import { ApiError, errorMessage } from '../../api/errors';
import type { Campaign, CampaignSender } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { ConfirmButton } from '../../components/ConfirmButton';
import { notifyError, notifySuccess } from '../../components/notify';
import { LANGUAGES } from '../../i18n';
import { fmtDateTime, fmtNumber } from '../../lib/format';
import { timeZones, zonedToIso } from '../../lib/timezone';
import { PreviewPanel } from './PreviewPanel';
import { readableTags } from '../../lib/readable-tags';

export function ReviewStep({
  campaign,
  onEdit,
  onSent,
  readOnly,
}: {
  campaign: Campaign;
  onEdit?: (step: number) => void;
  onSent?: (c: Campaign) => void;
  readOnly?: boolean;
}) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const client = useQueryClient();
  const lists = useQuery({ queryKey: ['lists'], queryFn: listsApi.all });
  const segments = useQuery({ queryKey: ['segments'], queryFn: segmentsApi.all });
  const settings = useQuery({ queryKey: ['settings'], queryFn: settingsApi.get });
  const count = useQuery({
    queryKey: ['audience-count', JSON.stringify(campaign.audience)],
    queryFn: () =>
      campaignsApi.audienceCount({
        listIds: campaign.audience.listIds,
        segmentId: campaign.audience.segmentId ?? undefined,
        excludeListIds: campaign.audience.excludeListIds,
      }),
  });
  const [testTo, setTestTo] = useState<string[]>(user?.email ? [user.email] : []);
  const [testing, setTesting] = useState(false);
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
  const [date, setDate] = useState(tomorrow.toISOString().slice(0, 10));
  const [time, setTime] = useState('09:00');
  const [zone, setZone] = useState(campaign.timezone || 'UTC');
  const [scheduleError, setScheduleError] = useState<string | null>(null);
  const zones = useMemo(() => timeZones(), []);
  const listName = (id: number) => lists.data?.find((l) => l.id === id)?.name ?? `#${id}`;

  const sendTest = async () => {
    setTesting(true);
    try {
      const r = await campaignsApi.test(campaign.id, testTo);
      notifySuccess(t('review.testSent', { to: r.sent.join(', ') }));
    } catch (e) {
      notifyError(e);
    } finally {
      setTesting(false);
    }
  };

  const schedule = async () => {
    setScheduleError(null);
    try {
      const at = zonedToIso(date, time, zone);
      const c = await campaignsApi.schedule(campaign.id, at);
      client.setQueryData(['campaign', c.id], c);
      void client.invalidateQueries({ queryKey: ['campaigns'] });
      notifySuccess(t('review.scheduled', { when: fmtDateTime(c.scheduledAt) }));
      onSent?.(c);
    } catch (e) {
      setScheduleError(e instanceof ApiError ? e.message : errorMessage(e));
    }
  };

  const sendNow = async () => {
    try {
      const c = await campaignsApi.send(campaign.id);
      // The sending view must not see the cached draft (it would send us back here).
      client.setQueryData(['campaign', c.id], c);
      void client.invalidateQueries({ queryKey: ['campaigns'] });
      onSent?.(c);
    } catch (e) {
      notifyError(e);
    }
  };

  const row = (label: string, value: React.ReactNode, step?: number) => (
    <Table.Tr>
      <Table.Td c="dimmed" w={{ base: 96, sm: 160 }}>
        {label}
      </Table.Td>
      {/* Long addresses wrap anywhere rather than push the page sideways on a phone. */}
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
      <Table.Td ta="right" w={{ base: 48, sm: 80 }}>
        {step !== undefined && onEdit && !readOnly && (
          <Anchor component="button" type="button" size="sm" onClick={() => onEdit(step)}>
            {t('common.edit')}
          </Anchor>
        )}
      </Table.Td>
    </Table.Tr>
  );

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Stack>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              {t('review.title')}
            </Title>
            <Table verticalSpacing={6}>
              <Table.Tbody>
                {row(t('review.kind'), t(`kinds.${campaign.kind}.name`), 0)}
                {row(t('composer.name'), campaign.name, 2)}
                {row(
                  t('composer.subject'),
                  <Text size="sm" fw={600}>
                    {readableTags(campaign.subject, t)}
                  </Text>,
                  2,
                )}
                {row(t('composer.preheader'), campaign.preheader ? readableTags(campaign.preheader, t) : '–', 2)}
                {row(
                  t('review.from'),
                  <Text size="sm" data-testid="review-from">
                    {mailbox(campaign.sender.from)}
                  </Text>,
                  2,
                )}
                {row(
                  t('review.replyTo'),
                  <Text size="sm" data-testid="review-reply-to">
                    {campaign.sender.replyTo ?? campaign.sender.from.address}
                  </Text>,
                  2,
                )}
                {row(
                  t('review.audience'),
                  <Stack gap={2}>
                    <Text size="sm">{campaign.audience.listIds.map(listName).join(', ') || '–'}</Text>
                    {campaign.audience.segmentId && (
                      <Text size="sm">
                        {t('composer.segment')}:{' '}
                        {segments.data?.find((s) => s.id === campaign.audience.segmentId)?.name ??
                          `#${campaign.audience.segmentId}`}
                      </Text>
                    )}
                    {!!campaign.audience.excludeListIds?.length && (
                      <Text size="sm">
                        {t('composer.exclude')}: {campaign.audience.excludeListIds.map(listName).join(', ')}
                      </Text>
                    )}
                  </Stack>,
                  1,
                )}
                {row(
                  t('composer.recipients'),
                  <Text fw={700} data-testid="review-recipients">
                    {count.data ? fmtNumber(count.data.count) : '…'}
                  </Text>,
                )}
                {row(
                  t('composer.language'),
                  LANGUAGES.find((l) => campaign.locale.startsWith(l.value))?.label ?? campaign.locale,
                  2,
                )}
              </Table.Tbody>
            </Table>
          </Paper>

          {settings.data && !settings.data.brand.postalAddress.trim() && (
            <Alert color="yellow" title={t('review.noPostalAddressTitle')} data-testid="review-no-postal-address">
              {t('review.noPostalAddress')}{' '}
              <Anchor component={Link} to="/settings/brand">
                {t('review.noPostalAddressLink')}
              </Anchor>
            </Alert>
          )}

          {!readOnly && (
            <>
              <Paper withBorder p="md">
                <Title order={2} size="h4" mb="xs">
                  {t('review.test')}
                </Title>
                <Group align="flex-end">
                  <TagsInput
                    label={t('review.testTo')}
                    value={testTo}
                    onChange={setTestTo}
                    style={{ flex: 1 }}
                    maxTags={20}
                  />
                  <Button
                    variant="light"
                    leftSection={<IconTestPipe size={16} />}
                    onClick={() => void sendTest()}
                    loading={testing}
                    disabled={!testTo.length}
                  >
                    {t('review.sendTest')}
                  </Button>
                </Group>
              </Paper>

              <Paper withBorder p="md">
                <Title order={2} size="h4" mb="xs">
                  {t('review.when')}
                </Title>
                <Radio.Group value={when} onChange={(v) => setWhen(v as 'now' | 'later')} aria-label={t('review.when')}>
                  <Group>
                    <Radio value="now" label={t('review.now')} />
                    <Radio value="later" label={t('review.later')} />
                  </Group>
                </Radio.Group>
                {when === 'later' ? (
                  <Stack mt="md">
                    <SimpleGrid cols={{ base: 1, sm: 3 }}>
                      <TextInput
                        type="date"
                        label={t('review.date')}
                        value={date}
                        onChange={(e) => setDate(e.currentTarget.value)}
                        required
                      />
                      <TextInput
                        type="time"
                        label={t('review.time')}
                        value={time}
                        onChange={(e) => setTime(e.currentTarget.value)}
                        required
                      />
                      <Select
                        label={t('review.timezone')}
                        data={zones}
                        value={zone}
                        onChange={(v) => v && setZone(v)}
                        searchable
                        allowDeselect={false}
                      />
                    </SimpleGrid>
                    {scheduleError && <Alert color="red">{scheduleError}</Alert>}
                    <Group justify="flex-end">
                      <Button
                        leftSection={<IconCalendarEvent size={16} />}
                        onClick={() => void schedule()}
                        disabled={!date || !time}
                      >
                        {t('review.schedule')}
                      </Button>
                    </Group>
                  </Stack>
                ) : (
                  <Group justify="flex-end" mt="md">
                    <ConfirmButton
                      color="indigo"
                      size="md"
                      leftSection={<IconSend size={18} />}
                      title={t('review.confirmTitle')}
                      message={t('review.confirmMessage', {
                        count: count.data?.count ?? 0,
                        formatted: fmtNumber(count.data?.count),
                        name: campaign.name,
                      })}
                      confirmLabel={t('review.sendNow')}
                      onConfirm={sendNow}
                      data-testid="send-now"
                    >
                      {t('review.sendNow')}
                    </ConfirmButton>
                  </Group>
                )}
              </Paper>
            </>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <PreviewPanel
          title={t('review.finalPreview')}
          queryKey={['saved', campaign.id, campaign.updatedAt]}
          fetchPreview={(s) => campaignsApi.preview(campaign.id, s?.id)}
        />
      </Grid.Col>
    </Grid>
  );
}

/** A mailbox as mail programs show it. */
function mailbox({ name, address }: CampaignSender['from']): string {
  return name ? `${name} <${address}>` : address;
}
