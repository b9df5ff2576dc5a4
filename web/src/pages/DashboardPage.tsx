import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Dashboard } from '../api/types';
import { useSession } from '../auth/session';
import { LiveBadge } from '../components/LiveBadge';
import { PageHeader } from '../components/PageHeader';
import { QueryState } from '../components/QueryState';
import { DashboardPanels } from './dashboard/DashboardPanels';
import { Shortcuts } from './dashboard/Shortcuts';
import { WorkOrderCounts } from './dashboard/WorkOrderCounts';
import { NcrPanel } from './quality/NcrPanel';

/** The organization's figures of the moment: refetched whenever a live event arrives (see api/events.tsx), else every minute. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { me, can } = useSession();
  const dashboard = useQuery({ queryKey: ['/dashboard'], queryFn: ({ signal }) => api<Dashboard>('/dashboard', { signal }), refetchInterval: 60_000 });
  const data = dashboard.data;
  return (
    <>
      <PageHeader title={t('dashboard.greeting', { name: me?.user.name.split(' ')[0] ?? '' })} description={me?.organization.name} actions={<LiveBadge />} />
      <Stack gap="lg">
        <QueryState query={dashboard}>
          {data && (
            <Stack gap="md">
              <WorkOrderCounts data={data} />
              {can('quality') && <NcrPanel />}
              <DashboardPanels data={data} />
            </Stack>
          )}
        </QueryState>
        <Shortcuts />
      </Stack>
    </>
  );
}
