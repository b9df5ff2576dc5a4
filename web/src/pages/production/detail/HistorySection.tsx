import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WorkOrder } from '../../../api/types';
import { Section } from '../../../components/Detail';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTime } from '../../../format';

export function HistorySection({ order }: { order: WorkOrder }) {
  const { t, i18n } = useTranslation();
  const history = order.history ?? [];
  return (
    <Section title={t('workOrders.history')}>
      {history.length === 0 ? (
        <Text c="dimmed" size="sm">
          —
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={history.length}>
          {history.map((entry, index) => (
            <Timeline.Item key={index} title={<StatusBadge status={entry.to} />}>
              <Text size="xs" c="dimmed">
                {formatDateTime(entry.at, i18n.language)}
                {entry.reason ? ` · ${entry.reason}` : ''}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Section>
  );
}
