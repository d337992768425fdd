import { Paper, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { campaignsApi } from '../../../api/endpoints';
import type { Campaign, CampaignKind } from '../../../api/types';
import { ErrorState, Loading } from '../../../components/States';
import { webKind } from '../../../kinds/registry';

/** The kind's own results (GET /api/campaigns/:id/report/<kind>). */
export function KindBlock({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const report = useQuery({
    queryKey: ['kind-report', campaign.id],
    queryFn: () => campaignsApi.kindReport(campaign.id, campaign.kind as CampaignKind),
    refetchInterval: 15_000,
  });
  const { ReportBlock } = webKind(campaign.kind);
  return (
    <Paper withBorder p="md" data-testid="kind-block">
      <Title order={2} size="h4" mb="md">
        {t(`report.kindTitle.${campaign.kind}`)}
      </Title>
      {report.isLoading && <Loading />}
      {report.error && <ErrorState error={report.error} />}
      <ReportBlock campaign={campaign} report={report.data} />
    </Paper>
  );
}
