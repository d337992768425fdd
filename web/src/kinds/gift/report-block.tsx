import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { GiftReport } from '../../api/types';
import { StatCard } from '../../components/StatCard';
import { fmtNumber, fmtRate } from '../../lib/format';

export function GiftBlock({ r }: { r: GiftReport }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      <StatCard label={t('report.gift.claims')} value={fmtNumber(r.claims)} />
      <StatCard label={t('report.gift.claimRate')} value={fmtRate(r.claimRate)} />
      <StatCard
        label={t('report.gift.stock')}
        value={r.stock === null ? t('report.gift.unlimited') : fmtNumber(r.stock)}
      />
      <StatCard label={t('report.gift.stockLeft')} value={r.stockLeft === null ? '–' : fmtNumber(r.stockLeft)} />
    </SimpleGrid>
  );
}
