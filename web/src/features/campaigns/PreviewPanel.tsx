import { Alert, Group, Loader, Paper, SegmentedControl, Select, Stack, Tabs, Text } from '@mantine/core';
import { useDebouncedValue, useElementSize } from '@mantine/hooks';
import { IconDeviceDesktop, IconDeviceMobile } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribersApi } from '../../api/endpoints';
import { ApiError, errorMessage } from '../../api/errors';
import type { RenderedPreview, Subscriber } from '../../api/types';

const WIDTHS = { desktop: 680, mobile: 375 } as const;
const FRAME_HEIGHT = 720;

/** The rendered email: desktop or mobile width, or its text part. `fetchPreview` gets the chosen subscriber (or none: a sample). */
/** Links in the preview open nowhere: the frame is sandboxed without popups, and a target keeps them out of the frame itself. */
export function inertLinks(html: string): string {
  return /<head[^>]*>/i.test(html)
    ? html.replace(/<head([^>]*)>/i, '<head$1><base target="_blank">')
    : `<base target="_blank">${html}`;
}

export function PreviewPanel({
  queryKey,
  fetchPreview,
  enabled = true,
  onError,
  title,
}: {
  queryKey: unknown[];
  fetchPreview: (subscriber: Subscriber | undefined, signal: AbortSignal) => Promise<RenderedPreview>;
  enabled?: boolean;
  onError?: (error: ApiError) => void;
  title?: string;
}) {
  const { t } = useTranslation();
  const [width, setWidth] = useState<keyof typeof WIDTHS>('desktop');
  // The mail is drawn at its real width and scaled down to fit the panel, so nothing is cut off.
  const { ref: frameBox, width: boxWidth } = useElementSize();
  const scale = boxWidth > 0 ? Math.min(1, boxWidth / WIDTHS[width]) : 1;
  const [subscriberId, setSubscriberId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const people = useQuery({
    queryKey: ['subscribers', { q: debouncedSearch, limit: 20, status: 'active' }],
    queryFn: ({ signal }) =>
      subscribersApi.list({ q: debouncedSearch || undefined, limit: 20, status: 'active' }, signal),
    placeholderData: keepPreviousData,
  });
  const chosen = people.data?.items.find((s) => String(s.id) === subscriberId);
  const subscriber = useQuery({
    queryKey: ['subscriber', Number(subscriberId)],
    queryFn: () => subscribersApi.get(Number(subscriberId)),
    enabled: !!subscriberId,
    initialData: chosen,
  });
  const preview = useQuery({
    queryKey: ['preview', ...queryKey, subscriberId],
    queryFn: async ({ signal }) => {
      try {
        return await fetchPreview(subscriber.data, signal);
      } catch (e) {
        if (e instanceof ApiError) onError?.(e);
        throw e;
      }
    },
    enabled: enabled && (!subscriberId || !!subscriber.data),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const data = preview.data;
  const options = (people.data?.items ?? [])
    .filter((s) => s.email)
    .map((s) => ({ value: String(s.id), label: s.name ? `${s.name} <${s.email}>` : s.email! }));
  if (chosen && !options.some((o) => o.value === String(chosen.id)))
    options.unshift({ value: String(chosen.id), label: chosen.email ?? '' });

  return (
    <Paper withBorder p="md" data-testid="preview-panel">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Text fw={600}>{title ?? t('composer.preview')}</Text>
            {preview.isFetching && <Loader size="xs" role="status" aria-label={t('composer.rendering')} />}
          </Group>
          <SegmentedControl
            size="xs"
            value={width}
            onChange={(v) => setWidth(v as keyof typeof WIDTHS)}
            aria-label={t('composer.width')}
            data={[
              {
                value: 'desktop',
                label: (
                  <Group gap={4} wrap="nowrap">
                    <IconDeviceDesktop size={14} aria-hidden />
                    {t('composer.desktop')}
                  </Group>
                ),
              },
              {
                value: 'mobile',
                label: (
                  <Group gap={4} wrap="nowrap">
                    <IconDeviceMobile size={14} aria-hidden />
                    {t('composer.mobile')}
                  </Group>
                ),
              },
            ]}
          />
        </Group>
        <Select
          label={t('composer.previewFor')}
          placeholder={t('composer.sampleSubscriber')}
          data={options}
          value={subscriberId}
          onChange={setSubscriberId}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          clearable
          nothingFoundMessage={t('composer.nobodyFound')}
          size="xs"
          data-testid="preview-subscriber"
        />
        {data && (
          <Text size="sm">
            <Text span c="dimmed">
              {t('composer.subjectLabel')}:
            </Text>{' '}
            <strong data-testid="preview-subject">{data.subject}</strong>
          </Text>
        )}
        {preview.error && (
          <Alert color={preview.error instanceof ApiError && preview.error.status === 400 ? 'yellow' : 'red'} p="xs">
            <Text size="xs">
              {preview.error instanceof ApiError && preview.error.status === 400
                ? t('composer.previewIncomplete')
                : errorMessage(preview.error)}
            </Text>
          </Alert>
        )}
        <Tabs defaultValue="html">
          <Tabs.List>
            <Tabs.Tab value="html">HTML</Tabs.Tab>
            <Tabs.Tab value="text">{t('composer.textPart')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="html" pt="xs">
            <div style={{ background: 'var(--mantine-color-gray-1)', padding: 8, borderRadius: 8 }}>
              <div
                ref={frameBox}
                style={{ width: '100%', height: data ? FRAME_HEIGHT * scale : undefined, overflow: 'hidden' }}
              >
                {data ? (
                  <iframe
                    title={t('composer.previewFrame')}
                    srcDoc={inertLinks(data.html)}
                    sandbox=""
                    className="vm-preview-frame"
                    style={{
                      width: WIDTHS[width],
                      height: FRAME_HEIGHT,
                      transform: `scale(${scale})`,
                      transformOrigin: 'top left',
                      marginLeft: scale < 1 ? 0 : undefined,
                    }}
                    data-testid="preview-frame"
                  />
                ) : (
                  <Text size="sm" c="dimmed" p="md">
                    {preview.isLoading ? t('composer.rendering') : t('composer.previewEmpty')}
                  </Text>
                )}
              </div>
            </div>
          </Tabs.Panel>
          <Tabs.Panel value="text" pt="xs">
            <pre className="vm-pre" data-testid="preview-text">
              {data?.text ?? ''}
            </pre>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Paper>
  );
}
