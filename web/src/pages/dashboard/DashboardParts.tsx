import { Anchor, Badge, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DashboardPlate } from '../../api/types';
import { useNames } from '../../components/Pickers';
import { formatDate, formatQty, today } from '../../format';

// The dashboard's building blocks: a panel with a count, its rows, and rows of plates.

/** Whole days from today to a YYYY-MM-DD date (negative once past). */
export function daysUntil(date: string, from = today()): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function ExpiryHint({ date }: { date: string | null }) {
  const { t } = useTranslation();
  if (!date) return null;
  const days = daysUntil(date);
  const text = days < 0 ? t('dashboard.expired') : days === 0 ? t('dashboard.today') : days === 1 ? t('dashboard.tomorrow') : t('dashboard.inDays', { count: days });
  return (
    <Text size="xs" fw={600} c={days <= 1 ? 'red.7' : 'orange.7'} style={{ whiteSpace: 'nowrap' }}>
      {text}
    </Text>
  );
}

/** A panel with a count in its title, up to 20 rows, and a link to the whole list. */
export function Panel({ title, count, more, testId, empty, rows, children }: { title: string; count?: number; more?: { to: string; label: string }; testId: string; empty: string; rows: number; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} data-testid={testId}>
      <Group justify="space-between" mb="xs" wrap="nowrap" gap="xs">
        <Title order={4} style={{ minWidth: 0 }}>
          {title}
        </Title>
        {count !== undefined && (
          <Text fw={700} fz={22} c={count > 0 ? undefined : 'dimmed'} data-testid={`${testId}-count`}>
            {count}
          </Text>
        )}
      </Group>
      {rows === 0 ? (
        <Text c="dimmed" size="sm">
          {empty}
        </Text>
      ) : (
        <Stack gap={0}>{children}</Stack>
      )}
      {more && (
        <Anchor component={Link} to={more.to} size="sm" mt="xs" display="inline-block">
          {more.label}
        </Anchor>
      )}
    </Paper>
  );
}

export function Row({ left, right, testId }: { left: ReactNode; right: ReactNode; testId?: string }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="sm" py={6} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid={testId}>
      <Box style={{ minWidth: 0 }}>{left}</Box>
      <Box style={{ flexShrink: 0, textAlign: 'right' }}>{right}</Box>
    </Group>
  );
}

export function PlateRows({ plates, withExpiry }: { plates: DashboardPlate[]; withExpiry?: boolean }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  return plates.map((plate) => (
    <Row
      key={plate.id}
      testId="dashboard-plate"
      left={
        <>
          <Group gap={6} wrap="nowrap">
            <Anchor component={Link} to={`/license-plates/${plate.id}`} ff="monospace" fw={600} size="sm">
              {plate.number}
            </Anchor>
            {plate.qaStatus === 'hold' && (
              <Badge size="xs" color="orange" variant="filled" data-testid="dashboard-plate-held">
                {t('recall.trace.held')}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" truncate>
            {names.productName(plate.productId)} · {t('fields.lot')} {plate.lot}
          </Text>
        </>
      }
      right={
        <>
          <Text size="sm">
            {formatQty(plate.qty, names.product(plate.productId)?.uom, i18n.language)}
          </Text>
          {withExpiry ? <ExpiryHint date={plate.expiryDate} /> : <Text size="xs" c="dimmed">{formatDate(plate.expiryDate, i18n.language)}</Text>}
        </>
      }
    />
  ));
}
