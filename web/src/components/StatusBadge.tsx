import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const colors: Record<string, string> = {
  draft: 'gray',
  approved: 'blue',
  partially_received: 'yellow',
  received: 'teal',
  cancelled: 'gray',
  planned: 'gray',
  released: 'blue',
  in_progress: 'teal',
  on_hold: 'orange',
  completed: 'green',
  closed: 'dark',
  available: 'teal',
  consumed: 'gray',
  shipped: 'indigo',
  merged: 'gray',
  pending: 'yellow',
  hold: 'orange',
  rejected: 'red',
  active: 'teal',
  inactive: 'gray',
  disabled: 'red',
  confirmed: 'blue',
  allocated: 'cyan',
  partially_allocated: 'yellow',
  picking: 'violet',
  open: 'blue',
  done: 'teal',
};

/** The colour a status is shown in. */
export function statusColor(status: string): string {
  return colors[status] ?? 'gray';
}

/** A status in its colour and the person's language. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={colors[status] ?? 'gray'} variant="light" radius="sm" style={{ textTransform: 'none', minWidth: 'max-content' }}>
      {t(`status.${status}` as 'status.draft', { defaultValue: status })}
    </Badge>
  );
}
