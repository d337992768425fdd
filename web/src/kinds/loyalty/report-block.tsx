import { SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LoyaltyReport } from '../../api/types';
import { StatCard } from '../../components/StatCard';
import { fmtNumber } from '../../lib/format';

export function LoyaltyBlock({ r }: { r: LoyaltyReport }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      <StatCard
        label={t('report.loyalty.bonusCredited')}
        value={fmtNumber(r.bonusCredited)}
        hint={t('report.loyalty.ofSent', { sent: fmtNumber(r.sent) })}
      />
      <StatCard label={t('report.loyalty.pointsIssued')} value={fmtNumber(r.pointsIssued)} />
      <StatCard label={t('report.loyalty.redemptionsAfter')} value={fmtNumber(r.redemptionsAfter)} />
      <StatCard label={t('report.loyalty.pointsRedeemed')} value={fmtNumber(r.pointsRedeemedAfter)} />
    </SimpleGrid>
  );
}
