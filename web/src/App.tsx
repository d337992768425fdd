import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { ApiError } from './api/errors';
import { AuthProvider } from './auth/AuthProvider';
import { RequireAuth } from './auth/RequireAuth';
import { SignInPage } from './auth/SignInPage';
import { Loading } from './components/States';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './layout/NotFoundPage';
import { cssVariables, theme } from './theme';

const DashboardPage = lazy(() => import('./features/dashboard/DashboardPage'));
const SubscribersPage = lazy(() => import('./features/audience/SubscribersPage'));
const SubscriberPage = lazy(() => import('./features/audience/SubscriberPage'));
const ListsPage = lazy(() => import('./features/audience/ListsPage'));
const ListPage = lazy(() => import('./features/audience/ListPage'));
const SegmentsPage = lazy(() => import('./features/audience/SegmentsPage'));
const SegmentEditorPage = lazy(() => import('./features/audience/SegmentEditorPage'));
const ImportPage = lazy(() => import('./features/audience/ImportPage'));
const ExportPage = lazy(() => import('./features/audience/ExportPage'));
const CampaignsPage = lazy(() => import('./features/campaigns/CampaignsPage'));
const NewCampaignPage = lazy(() => import('./features/campaigns/NewCampaignPage'));
const ComposerPage = lazy(() => import('./features/campaigns/ComposerPage'));
const SendingPage = lazy(() => import('./features/campaigns/SendingPage'));
const ReportPage = lazy(() => import('./features/campaigns/ReportPage'));
const SettingsPage = lazy(() => import('./features/settings/SettingsPage'));
const ProfilePage = lazy(() => import('./features/profile/ProfilePage'));

// Contrast: Mantine's "dimmed" grey is 3.3:1 on white; gray.7 passes WCAG AA for small text.
const page = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      refetchOnWindowFocus: false,
      // Retry what may pass on a second try (network, 5xx); a 4xx answer will not change.
      retry: (count, error) => count < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
  },
});

const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: page(<DashboardPage />) },
      { path: 'audience', element: <Navigate to="/audience/subscribers" replace /> },
      { path: 'audience/subscribers', element: page(<SubscribersPage />) },
      { path: 'audience/subscribers/:id', element: page(<SubscriberPage />) },
      { path: 'audience/lists', element: page(<ListsPage />) },
      { path: 'audience/lists/:id', element: page(<ListPage />) },
      { path: 'audience/segments', element: page(<SegmentsPage />) },
      { path: 'audience/segments/new', element: page(<SegmentEditorPage />) },
      { path: 'audience/segments/:id', element: page(<SegmentEditorPage />) },
      { path: 'audience/import', element: page(<ImportPage />) },
      { path: 'audience/export', element: page(<ExportPage />) },
      { path: 'campaigns', element: page(<CampaignsPage />) },
      { path: 'campaigns/new', element: page(<NewCampaignPage />) },
      { path: 'campaigns/new/:kind', element: page(<ComposerPage />) },
      { path: 'campaigns/:id/edit', element: page(<ComposerPage />) },
      { path: 'campaigns/:id/sending', element: page(<SendingPage />) },
      { path: 'campaigns/:id/report', element: page(<ReportPage />) },
      { path: 'campaigns/:id', element: page(<SendingPage />) },
      { path: 'settings', element: <Navigate to="/settings/brand" replace /> },
      { path: 'settings/:tab', element: page(<SettingsPage />) },
      { path: 'profile', element: page(<ProfilePage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariables}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
