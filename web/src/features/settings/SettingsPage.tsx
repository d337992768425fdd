import { Alert, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../auth/AuthProvider';
import { PageHeader } from '../../components/PageHeader';
import { ApiKeysTab } from './ApiKeysTab';
import { BrandTab } from './BrandTab';
import { DkimTab } from './DkimTab';
import { SmtpTab } from './SmtpTab';
import { TrackingTab } from './TrackingTab';
import { UsersTab } from './UsersTab';
import { WebhooksTab } from './WebhooksTab';

const TABS = ['brand', 'smtp', 'dkim', 'tracking', 'webhooks', 'keys', 'users'] as const;
type Tab = (typeof TABS)[number];

export default function SettingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const tab = useParams().tab as Tab;
  if (!TABS.includes(tab)) return <Navigate to="/settings/brand" replace />;
  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.intro')} />
      {!can.admin && (
        <Alert color="gray" mb="md">
          {t('settings.adminOnly')}
        </Alert>
      )}
      <Tabs value={tab} onChange={(v) => v && navigate(`/settings/${v}`)} keepMounted={false}>
        <Tabs.List mb="md" style={{ overflowX: 'auto', flexWrap: 'nowrap' }}>
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`settings.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="brand">
          <BrandTab />
        </Tabs.Panel>
        <Tabs.Panel value="smtp">
          <SmtpTab />
        </Tabs.Panel>
        <Tabs.Panel value="dkim">
          <DkimTab />
        </Tabs.Panel>
        <Tabs.Panel value="tracking">
          <TrackingTab />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks">
          <WebhooksTab />
        </Tabs.Panel>
        <Tabs.Panel value="keys">
          <ApiKeysTab />
        </Tabs.Panel>
        <Tabs.Panel value="users">
          <UsersTab />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
