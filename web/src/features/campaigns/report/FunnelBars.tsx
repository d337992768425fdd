import { Box, Group, Stack, Text, Tooltip } from '@mantine/core';
import { fmtNumber, fmtRate } from '../../../lib/format';

export interface FunnelStep {
  key: string;
  label: string;
  count: number;
  rate: number;
  /** A grey tail after the bar: e.g. recipients opened only by machines, shown beside the people. */
  extra?: { count: number; label: string };
}

/**
 * The funnel as centred bars, each as wide as its share of the first step. Bars rather than a funnel shape:
 * a kind's action need not follow a click (a poll is answered from the email), so a step can be wider than
 * the one before it, which a funnel polygon draws as nonsense.
 */
export function FunnelBars({ steps, 'aria-label': label }: { steps: FunnelStep[]; 'aria-label'?: string }) {
  const max = Math.max(1, ...steps.map((s) => s.count + (s.extra?.count ?? 0)));
  const colors = ['indigo.8', 'indigo.6', 'violet.6', 'grape.6', 'grape.5'];
  return (
    <Stack gap={6} role="list" aria-label={label} data-testid="funnel">
      {steps.map((s, i) => {
        const width = (s.count / max) * 100;
        const extra = s.extra ? (s.extra.count / max) * 100 : 0;
        return (
          <Group
            key={s.key}
            gap="sm"
            wrap="nowrap"
            role="listitem"
            aria-label={`${s.label}: ${fmtNumber(s.count)} (${fmtRate(s.rate)})`}
          >
            <Text size="sm" w={{ base: 96, sm: 150 }} style={{ flexShrink: 0 }} truncate>
              {s.label}
            </Text>
            <Box style={{ flex: 1, display: 'flex', justifyContent: 'center', minWidth: 40 }}>
              <Box
                style={{
                  display: 'flex',
                  width: `${Math.max(width + extra, 1)}%`,
                  height: 26,
                  borderRadius: 4,
                  overflow: 'hidden',
                  transition: 'width 200ms',
                }}
              >
                <Box bg={colors[i % colors.length]} style={{ flex: `${Math.max(width, 0.0001)} 0 0` }} />
                {s.extra && s.extra.count > 0 && (
                  <Tooltip label={`${s.extra.label}: ${fmtNumber(s.extra.count)}`}>
                    <Box bg="gray.4" style={{ flex: `${extra} 0 0` }} />
                  </Tooltip>
                )}
              </Box>
            </Box>
            <Text size="sm" fw={600} w={{ base: 48, sm: 70 }} ta="right" style={{ flexShrink: 0 }}>
              {fmtNumber(s.count)}
            </Text>
            <Text size="sm" c="dimmed" w={{ base: 48, sm: 60 }} ta="right" style={{ flexShrink: 0 }}>
              {fmtRate(s.rate)}
            </Text>
          </Group>
        );
      })}
    </Stack>
  );
}
