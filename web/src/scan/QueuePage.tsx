import { Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '../api/problem-text';
import { QuantityInput } from '../components/QuantityInput';
import { formatNumber, formatUnit } from '../format';
import type { QueuedAction } from './offline/db';
import { discardAction, flushOutbox, retryAction } from './offline/outbox';
import { useOnline, useOutbox } from './offline/useOutbox';
import { ScanShell } from './ScanShell';

/** What the person saw, in their language now: quantities with the locale's decimals, units translated. */
function localSummary(summary: QueuedAction['summary'], language: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(summary)) values[name] = typeof value === 'number' ? formatNumber(value, language) : String(value);
  if (typeof summary.uom === 'string') values.uom = formatUnit(summary.uom, language);
  return values;
}

const stateColor = { pending: 'yellow.8', refused: 'red.8', sent: 'teal.8' } as const;

/** A refused action: the server's reason, and what the person can do (discard, or change the quantity and send again). */
function Refused({ action }: { action: QueuedAction }) {
  const { t } = useTranslation();
  const [qty, setQty] = useState<number | string>(typeof action.body.qty === 'number' ? action.body.qty : '');
  const hasQty = typeof action.body.qty === 'number';
  return (
    <Stack gap="xs" mt="xs">
      <Alert color="red" variant="filled" data-testid="refusal">
        <Text fw={700} size="lg">{action.refusal && problemText({ type: '', title: '', ...action.refusal })}</Text>
      </Alert>
      <Text size="md">{t('scan.queue.whatToDo')}</Text>
      {hasQty && <QuantityInput size="lg" label={t('fields.qty')} value={qty} onChange={setQty} data-testid="refused-qty" />}
      <Stack gap="xs">
        <Button size="lg" color="dark" variant="outline" onClick={() => void discardAction(action.id!)} data-testid="discard">
          {t('scan.queue.discard')}
        </Button>
        <Button size="lg" color="dark" onClick={() => void retryAction(action.id!, hasQty ? { ...action.body, qty: Number(qty) } : undefined)} data-testid="retry">
          {t('scan.queue.retry')}
        </Button>
      </Stack>
    </Stack>
  );
}

/** Everything this device holds: waiting to be sent, refused by the server, and the last ones sent. */
export function QueuePage() {
  const { t, i18n } = useTranslation();
  const online = useOnline();
  const actions = [...useOutbox()].reverse();
  return (
    <ScanShell title={t('scan.queue.title')}>
      <Stack gap="sm">
        <Button size="lg" onClick={() => void flushOutbox()} disabled={!online} data-testid="send-now">
          {t('scan.queue.sendNow')}
        </Button>
        {actions.length === 0 && <Text size="lg">{t('scan.queue.empty')}</Text>}
        {actions.map((action) => (
          <Card key={action.id} withBorder padding="sm" data-testid={`action-${action.state}`}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text fw={700} size="lg">
                {t(`scan.queue.kind.${action.kind}` as "scan.queue.kind.move", localSummary(action.summary, i18n.language) as { lp: string; location: string })}
              </Text>
              <Badge size="lg" color={stateColor[action.state]} style={{ flexShrink: 0 }}>
                {t(`scan.queue.state.${action.state}`)}
              </Badge>
            </Group>
            <Text size="sm" c="dark.4">
              {new Date(action.createdAt).toLocaleTimeString(i18n.language === 'pl' ? 'pl-PL' : 'en-GB')}
              {action.result ? ` · ${action.result}` : ''}
              {action.state === 'pending' && action.attempts > 0 ? ` · ${t('scan.queue.attempts', { count: action.attempts })}` : ''}
            </Text>
            {action.state === 'refused' && <Refused action={action} />}
          </Card>
        ))}
      </Stack>
    </ScanShell>
  );
}
