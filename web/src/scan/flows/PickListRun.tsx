import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickList, PickListLine } from '../../api/sales';
import { QuantityInput } from '../../components/QuantityInput';
import { formatNumber, formatUnit } from '../../format';
import type { Scan } from '../classify';
import { signalSuccess } from '../feedback';
import { useScanNames } from '../lookups';
import { enqueue } from '../offline/outbox';
import { useOutbox } from '../offline/useOutbox';
import { ScanField } from '../ScanField';
import { DoneNote, StartOver, StepTitle } from '../Steps';

/** What is still to pick of a line, counting picks waiting on this device. */
function useOpenQty(list: PickList) {
  const waiting = useOutbox().filter((action) => action.kind === 'pick' && action.state === 'pending' && action.path === `/pick-lists/${list.id}/pick`);
  return (line: PickListLine) => {
    const queued = waiting.filter((action) => action.body.barcode === line.licensePlateNumber).reduce((sum, action) => sum + Number(action.body.qty), 0);
    return Math.max(0, Number((line.qty - line.pickedQty - queued).toFixed(6)));
  };
}

/** Walk the list: go to the location, scan the plate (or one that may replace it), confirm the quantity. */
export function PickListRun({ list }: { list: PickList }) {
  const { t, i18n } = useTranslation();
  const names = useScanNames();
  const openQty = useOpenQty(list);
  const next = list.lines.find((line) => openQty(line) > 0);
  const [picking, setPicking] = useState<{ number: string; line: PickListLine } | null>(null);
  const [qty, setQty] = useState<number | string>('');
  const [done, setDone] = useState<string | null>(null);

  const takePlate = useCallback((scan: Scan) => {
    const line = list.lines.find((each) => each.licensePlateNumber === scan.code) ?? next;
    if (!line) return t('scan.pick.allPicked');
    setPicking({ number: scan.code, line });
    setQty(openQty(line) || line.qty);
    setDone(null);
    signalSuccess();
  }, [list.lines, next, openQty, t]);

  const confirm = async () => {
    const amount = Number(qty);
    const summary = { qty: amount, lp: picking!.number, list: list.number };
    await enqueue({ kind: 'pick', path: `/pick-lists/${list.id}/pick`, body: { barcode: picking!.number, qty: amount }, summary });
    signalSuccess();
    setDone(t('scan.queue.kind.pick', { ...summary, qty: formatNumber(amount, i18n.language) }));
    setPicking(null);
  };

  if (picking) {
    const substitute = picking.number !== picking.line.licensePlateNumber;
    return (
      <Stack>
        <StepTitle step={2} of={2}>{t('scan.pick.howMuch', { lp: picking.number })}</StepTitle>
        {substitute && <Text fw={700} size="lg" c="orange.9">{t('scan.pick.substitute', { lp: picking.line.licensePlateNumber })}</Text>}
        <QuantityInput size="xl" label={t('fields.qty')} value={qty} onChange={setQty} rightSection={<Text>{formatUnit(names.product(picking.line.productId)?.uom, i18n.language)}</Text>} data-testid="pick-qty" />
        <Button size="xl" leftSection={<IconCheck />} disabled={!(Number(qty) > 0)} onClick={() => void confirm()} data-testid="pick-confirm">
          {t('scan.pick.confirm')}
        </Button>
        <StartOver label={t('scan.otherPlate')} onClick={() => setPicking(null)} />
      </Stack>
    );
  }
  return (
    <Stack>
      {next ? (
        <StepTitle step={1} of={2}>{t('scan.pick.goTo', { location: next.locationCode, lp: next.licensePlateNumber })}</StepTitle>
      ) : (
        <Text fw={800} size="xl" data-testid="pick-complete">{t('scan.pick.allPicked')}</Text>
      )}
      {next && <ScanField label={t('scan.kind.lp')} expect={['lp']} onScan={takePlate} />}
      <DoneNote message={done} />
      {list.lines.map((line) => (
        <Card key={line.id} withBorder padding="xs" bg={line === next ? 'yellow.1' : undefined} data-testid={`pick-line-${line.licensePlateNumber}`}>
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700} ff="monospace" size="lg">
              {line.locationCode} · {line.licensePlateNumber}
            </Text>
            <Text fw={700} size="lg" style={{ flexShrink: 0 }}>
              {formatNumber(line.qty - openQty(line), i18n.language)} / {formatNumber(line.qty, i18n.language)}
            </Text>
          </Group>
          <Text size="md">{names.productName(line.productId)} · {t('fields.lot')} {line.lot}</Text>
        </Card>
      ))}
    </Stack>
  );
}
