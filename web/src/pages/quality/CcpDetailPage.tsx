import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconDeviceTablet } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import type { Ccp, CcpReading } from '../../api/floor-quality';
import { useRecord } from '../../api/queries';
import { DataList } from '../../components/DataList';
import { Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, formatNumber } from '../../format';
import { useLimits } from './CcpsPage';
import { ControlChart } from './ControlChart';

const periods = [1, 7, 30] as const;

/** One CCP: its control chart over a period, and the readings behind it (deviations first to the eye). */
export function CcpDetailPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const limits = useLimits();
  const [days, setDays] = useState<(typeof periods)[number]>(7);
  const ccp = useRecord<Ccp>(`/haccp/ccps/${id}`);
  // The window starts at a whole minute, so the query key stays put between renders.
  const from = useMemo(() => new Date(Math.floor(Date.now() / 60_000) * 60_000 - days * 86_400_000).toISOString(), [days]);
  const readings = useQuery({
    queryKey: [`/haccp/ccps/${id}/readings`, from],
    queryFn: ({ signal }) => api<{ items: CcpReading[] }>(`/haccp/ccps/${id}/readings`, { query: { from }, signal }),
  });
  const items = readings.data?.items ?? [];
  return (
    <QueryState query={ccp}>
      {ccp.data && (
        <>
          <PageHeader
            title={`${ccp.data.code} · ${ccp.data.name}`}
            description={`${ccp.data.hazard} · ${t('haccp.limits')}: ${limits(ccp.data)}`}
            actions={
              <Button component={Link} to={`/haccp/${id}/reading`} leftSection={<IconDeviceTablet size={18} />}>
                {t('haccp.takeReading')}
              </Button>
            }
          />
          <Stack>
            <SegmentedControl
              value={String(days)}
              onChange={(value) => setDays(Number(value) as (typeof periods)[number])}
              data={periods.map((count) => ({ value: String(count), label: t('haccp.days', { count }) }))}
              style={{ alignSelf: 'flex-start' }}
            />
            <Section title={t('haccp.chart')}>
              <QueryState query={readings}>{items.length === 0 ? <Text c="dimmed">{t('haccp.noReadings')}</Text> : <ControlChart ccp={ccp.data} readings={items} />}</QueryState>
            </Section>
            <Section title={t('haccp.readings')}>
              <DataList
                testId="ccp-readings"
                rows={[...items].reverse()}
                rowKey={(reading) => reading.id}
                empty={t('haccp.noReadings')}
                columns={[
                  { key: 'at', header: t('haccp.takenAt'), render: (reading) => formatDateTime(reading.takenAt, i18n.language) },
                  { key: 'value', header: t('haccp.value'), align: 'right', render: (reading) => `${formatNumber(reading.value, i18n.language)} ${ccp.data.unit}` },
                  {
                    key: 'verdict',
                    header: t('fields.status'),
                    render: (reading) => (
                      <Group gap={4}>
                        <Text size="sm" c={reading.withinLimits ? 'teal.7' : 'red.7'} fw={reading.withinLimits ? 400 : 700}>
                          {reading.withinLimits ? t('haccp.within') : t('haccp.outside')}
                        </Text>
                      </Group>
                    ),
                  },
                  { key: 'note', header: t('haccp.note'), render: (reading) => reading.note ?? '', hideOnPhone: true },
                ]}
              />
            </Section>
          </Stack>
        </>
      )}
    </QueryState>
  );
}
