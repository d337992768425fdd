import {
  AppShell,
  Avatar,
  Badge,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook,
  IconCheck,
  IconChevronDown,
  IconDashboard,
  IconDownload,
  IconFilter,
  IconLanguage,
  IconList,
  IconLogout,
  IconMail,
  IconSettings,
  IconUpload,
  IconUser,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterLink, Outlet, useLocation } from 'react-router-dom';
import { authApi } from '../api/endpoints';
import { useAuth } from '../auth/AuthProvider';
import { notifyError, notifySuccess } from '../components/notify';
import { LANGUAGES, type Language } from '../i18n';
import { Logo } from './Logo';

interface Item {
  to: string;
  label: string;
  icon: ReactNode;
  /** active for deeper paths too */
  prefix?: boolean;
}

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { user, signOut, can, replace } = useAuth();
  // One click from any screen; saved on the account so it follows the user, and said in the new language.
  const switchLanguage = async (locale: Language) => {
    try {
      replace(await authApi.updateMe({ locale }));
      notifySuccess(i18n.t('common.saved', { lng: locale }));
    } catch (e) {
      notifyError(e);
    }
  };
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();

  const groups: Array<{ label: string; items: Item[] }> = [
    { label: '', items: [{ to: '/', label: t('nav.dashboard'), icon: <IconDashboard size={18} /> }] },
    {
      label: t('nav.audience'),
      items: [
        { to: '/audience/subscribers', label: t('nav.subscribers'), icon: <IconUsers size={18} />, prefix: true },
        { to: '/audience/lists', label: t('nav.lists'), icon: <IconList size={18} />, prefix: true },
        { to: '/audience/segments', label: t('nav.segments'), icon: <IconFilter size={18} />, prefix: true },
        ...(can.write
          ? [{ to: '/audience/import', label: t('nav.import'), icon: <IconUpload size={18} />, prefix: true }]
          : []),
        { to: '/audience/export', label: t('nav.export'), icon: <IconDownload size={18} /> },
      ],
    },
    {
      label: t('nav.campaigns'),
      items: [{ to: '/campaigns', label: t('nav.allCampaigns'), icon: <IconMail size={18} />, prefix: true }],
    },
    {
      label: t('nav.admin'),
      items: [{ to: '/settings', label: t('nav.settings'), icon: <IconSettings size={18} />, prefix: true }],
    },
  ];

  const isActive = (item: Item) =>
    item.prefix ? location.pathname.startsWith(item.to) : location.pathname === item.to;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main" className="vm-skip-link">
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label={t('nav.toggle')} />
            <RouterLink to="/" aria-label={t('nav.home')} style={{ textDecoration: 'none' }}>
              <Logo />
            </RouterLink>
          </Group>
          <Menu position="bottom-end" width={220} withinPortal>
            <Menu.Target>
              {/* Named by what it shows (the user) and what it is, so speech input can say the visible name. */}
              <UnstyledButton className="vm-user-button">
                <Group gap={8} wrap="nowrap">
                  <Avatar size={30} radius="xl" color="indigo" aria-hidden>
                    {(user?.name || user?.email || '?').slice(0, 1).toUpperCase()}
                  </Avatar>
                  <Stack gap={0} visibleFrom="sm">
                    <Text size="sm" fw={600} lh={1.2}>
                      {user?.name || user?.email}
                    </Text>
                    <Text size="xs" c="dimmed" lh={1.2}>
                      {user ? t(`roles.${user.role}`) : ''}
                    </Text>
                  </Stack>
                  <IconChevronDown size={14} aria-hidden />
                  <VisuallyHidden>{t('nav.accountMenu')}</VisuallyHidden>
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Label>{user?.email}</Menu.Label>
              <Menu.Item component={RouterLink} to="/profile" leftSection={<IconUser size={16} />}>
                {t('nav.profile')}
              </Menu.Item>
              <Menu.Label>
                <Group gap={6}>
                  <IconLanguage size={14} aria-hidden />
                  {t('profile.language')}
                </Group>
              </Menu.Label>
              {LANGUAGES.map((l) => (
                <Menu.Item
                  key={l.value}
                  lang={l.value}
                  onClick={() => void switchLanguage(l.value)}
                  rightSection={i18n.language === l.value ? <IconCheck size={14} aria-hidden /> : null}
                  aria-current={i18n.language === l.value ? 'true' : undefined}
                  data-testid={`language-${l.value}`}
                >
                  {l.label}
                </Menu.Item>
              ))}
              <Menu.Divider />
              <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()} data-testid="sign-out">
                {t('nav.signOut')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        <AppShell.Section grow component={ScrollArea}>
          <nav>
            {groups.map((group) => (
              <Stack key={group.label || 'top'} gap={2} mb="sm">
                {group.label && (
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs">
                    {group.label}
                  </Text>
                )}
                {group.items.map((item) => (
                  <NavLink
                    key={item.to}
                    component={RouterLink}
                    to={item.to}
                    label={item.label}
                    leftSection={item.icon}
                    active={isActive(item)}
                    onClick={close}
                    aria-current={isActive(item) ? 'page' : undefined}
                    style={{ borderRadius: 6 }}
                  />
                ))}
              </Stack>
            ))}
          </nav>
        </AppShell.Section>
        <AppShell.Section>
          {user?.role === 'viewer' && (
            <Badge color="gray" variant="light" fullWidth leftSection={<IconAddressBook size={12} />}>
              {t('nav.readOnly')}
            </Badge>
          )}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
