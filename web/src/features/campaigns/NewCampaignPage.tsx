import { Badge, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { WEB_KINDS } from '../../kinds/registry';
import { DIMENSION_COLORS } from './dimension-colors';

export default function NewCampaignPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title={t('composer.pickKind')}
        description={t('composer.pickKindIntro')}
        crumbs={[{ label: t('nav.campaigns'), to: '/campaigns' }, { label: t('composer.new') }]}
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3, xl: 4 }} role="list">
        {WEB_KINDS.map((meta) => {
          const kind = meta.name;
          return (
            <UnstyledButton
              key={kind}
              role="listitem"
              onClick={() => navigate(`/campaigns/new/${kind}`)}
              aria-label={`${t(`kinds.${kind}.name`)}: ${t(`kinds.${kind}.value`)}`}
              data-testid={`kind-${kind}`}
            >
              <Paper withBorder p="lg" className="vm-kind-card">
                <Stack gap="sm">
                  <Group justify="space-between" align="flex-start">
                    <ThemeIcon size={44} radius="md" variant="light" color={meta.color}>
                      {meta.icon(26)}
                    </ThemeIcon>
                    <Group gap={4}>
                      {meta.dimensions.map((d) => (
                        <Badge key={d} size="sm" variant="dot" color={DIMENSION_COLORS[d].split('.')[0]}>
                          {t(`dimensions.${d}`)}
                        </Badge>
                      ))}
                    </Group>
                  </Group>
                  <Title order={2} size="h4">
                    {t(`kinds.${kind}.name`)}
                  </Title>
                  <Text size="sm" fw={500}>
                    {t(`kinds.${kind}.value`)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t(`kinds.${kind}.does`)}
                  </Text>
                </Stack>
              </Paper>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
    </>
  );
}
