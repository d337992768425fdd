import { Badge, Code, Group, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LtvExplanation, ValueExplanation } from '../../../api/types';
import { fmtDate, fmtMoney, fmtNumber, fmtRate } from '../../../lib/format';

/** Predicted LTV with its factors, beside the historical value, and how the model got t. */
export function LtvCard({ profile }: { profile?: ValueExplanation }) {
  const { t } = useTranslation();
  if (!profile) return null;
  const l = profile.ltv;
  const currency = l.currency || 'EUR';
  const model = l.tSource === 'model';
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={0}>
          <Title order={2} size="h4">
            LTV
          </Title>
          <Text size="xs" c="dimmed">
            {t(model ? 'profile.ltvPredicted' : 'profile.ltvFixed')}
          </Text>
        </Stack>
        <Text fw={700} fz={24} data-testid="ltv">
          {fmtMoney(l.value, currency)}
        </Text>
      </Group>
      <Text size="sm" mt="xs" data-testid="ltv-historical">
        {t('profile.ltvHistorical', { value: fmtMoney(l.historical.value, currency), orders: l.orders, revenue: fmtMoney(l.revenue, currency) })}
      </Text>
      <Text size="sm" c="dimmed" mt="xs">
        {t('profile.ltvFormula')}
      </Text>
      <Table withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td><Code>S</Code> {t('profile.ltvS')}</Table.Td>
            <Table.Td ta="right">{fmtMoney(l.S, currency)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td><Code>C</Code> {t(model ? 'profile.ltvC' : 'profile.ltvCObserved')}</Table.Td>
            <Table.Td ta="right">{fmtNumber(l.C, 3)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td><Code>P</Code> {t('profile.ltvP')}</Table.Td>
            <Table.Td ta="right">{fmtNumber(l.P * 100, 1)}%</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td><Code>t</Code> {t('profile.ltvT')}</Table.Td>
            <Table.Td ta="right">
              <Tooltip label={t(model ? 'profile.ltvTModel' : 'profile.ltvTSetting')}>
                <Text span data-testid="ltv-t">{fmtNumber(l.t, 2)} <Badge size="xs" variant="light">{l.tSource}</Badge></Text>
              </Tooltip>
            </Table.Td>
          </Table.Tr>
          {l.model.pAlive !== null && (
            <Table.Tr>
              <Table.Td>{t('profile.ltvPAlive')}</Table.Td>
              <Table.Td ta="right" data-testid="ltv-palive">{fmtRate(l.model.pAlive, 0)}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <ModelNotes l={l} />
    </Paper>
  );
}

function ModelNotes({ l }: { l: LtvExplanation }) {
  const { t } = useTranslation();
  const m = l.model;
  if (m.x === null || m.tx === null || m.T === null || m.pAlive === null) {
    return <Text size="xs" c="dimmed" mt="xs">{t('profile.ltvNoOrders')}</Text>;
  }
  const f = m.fit;
  const params = { r: fmtNumber(f.r, 3), alpha: fmtNumber(f.alpha, 3), a: fmtNumber(f.a, 3), b: fmtNumber(f.b, 3) };
  const numbers = { rate: fmtNumber(m.purchaseRate, 2), active: fmtNumber(m.activeMonths, 1), horizon: m.horizonMonths, t: fmtNumber(l.t, 2) };
  const sentence = l.tSource === 'setting'
    ? t('profile.ltvSentenceSetting', { t: fmtNumber(l.t, 0), pAlive: fmtRate(m.pAlive, 0) })
    : m.x === 0
      ? t('profile.ltvSentenceNew', numbers)
      : t('profile.ltvSentenceAlive', { ...numbers, count: Math.round((m.T - m.tx) * 10) / 10, silence: fmtNumber(m.T - m.tx, 1), pAlive: fmtRate(m.pAlive, 0), pAliveShare: fmtNumber(m.pAlive, 3) });
  return (
    <Stack gap={4} mt="xs">
      <Text size="sm" data-testid="ltv-sentence">{sentence}</Text>
      <Text size="xs" c="dimmed">{t('profile.ltvInputs', { x: m.x, tx: fmtNumber(m.tx, 2), T: fmtNumber(m.T, 2) })}</Text>
      <Text size="xs" c="dimmed" data-testid="ltv-fit">
        {f.source === 'fit'
          ? t('profile.ltvFit', { ...params, customers: f.customers, date: fmtDate(f.fittedAt) })
          : t('profile.ltvPrior', { ...params, customers: f.customersWithOrders })}
      </Text>
    </Stack>
  );
}
