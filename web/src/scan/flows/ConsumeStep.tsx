import { Button, Stack, Text, Textarea } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecord } from '../../api/queries';
import { DEFAULT_TOLERANCE_PERCENT, overConsumptionAhead, quantityToPrefill, type TerminalSettings } from '../../api/terminal';
import type { LicensePlate, WorkOrder } from '../../api/types';
import { QuantityInput } from '../../components/QuantityInput';
import { formatNumber } from '../../format';
import type { Scan } from '../classify';
import { signalSuccess } from '../feedback';
import { lookUpPlate, useScanNames } from '../lookups';
import { enqueue } from '../offline/outbox';
import { PlateCard } from '../PlateCard';
import { ScanField } from '../ScanField';
import { DoneNote, StartOver } from '../Steps';

/** What is still to consume of the plate's material (0 once the requirement is met). */
const suggestedQty = (order: WorkOrder, lp: LicensePlate) => quantityToPrefill(order.materials?.find((each) => each.productId === lp.productId), lp);

/** Scan a plate, say how much of it goes in, confirm (today's production terminal, on the scanner). */
export function ConsumeStep({ order }: { order: WorkOrder }) {
  const { t, i18n } = useTranslation();
  const [plate, setPlate] = useState<{ number: string; lp?: LicensePlate } | null>(null);
  const [qty, setQty] = useState<number | string>('');
  const [done, setDone] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const names = useScanNames();
  const settings = useRecord<TerminalSettings>('/settings');
  const tolerance = settings.data?.overConsumptionTolerancePercent ?? DEFAULT_TOLERANCE_PERCENT;
  const material = plate?.lp ? order.materials?.find((each) => each.productId === plate.lp!.productId) : undefined;
  // Beyond the tolerance the server asks why (409 over_consumption): ask here first, so the queued action carries it.
  const over = material ? overConsumptionAhead(material, Number(qty) || 0, tolerance) : null;
  const isMaterial = !plate?.lp || (order.materials ?? []).some((each) => each.productId === plate.lp!.productId);

  const takePlate = useCallback(async (scan: Scan) => {
    const found = await lookUpPlate(scan.code);
    if ('missing' in found) return t('scan.plateNotFound', { number: scan.code });
    const lp = 'lp' in found ? found.lp : undefined;
    setPlate({ number: scan.code, lp });
    setQty(lp ? suggestedQty(order, lp) : '');
    setDone(null);
    signalSuccess();
  }, [order, t]);

  const confirm = async () => {
    const amount = Number(qty);
    const body = { licensePlateId: ':lp', qty: amount, ...(over && reason.trim() ? { overConsumptionReason: reason.trim() } : {}) };
    await enqueue({ kind: 'consume', path: `/work-orders/${order.id}/consumptions`, lpNumber: plate!.number, body, summary: { lp: plate!.number, qty: amount, order: order.number } });
    signalSuccess();
    setDone(t('scan.queue.kind.consume', { lp: plate!.number, qty: formatNumber(amount, i18n.language), order: order.number }));
    setPlate(null);
    setReason('');
  };

  if (!plate) {
    return (
      <Stack>
        <ScanField label={t('scan.produce.scanPlate')} expect={['lp']} onScan={takePlate} />
        <DoneNote message={done} />
      </Stack>
    );
  }
  return (
    <Stack>
      {plate.lp ? <PlateCard lp={plate.lp} /> : <Text fw={800} ff="monospace" size="xl">{plate.number}</Text>}
      {!isMaterial && (
        <Text c="red.9" fw={700} size="lg">
          {t('terminal.notAMaterial')}
        </Text>
      )}
      <QuantityInput size="xl" label={t('fields.qty')} value={qty} onChange={setQty} rightSection={<Text>{plate.lp?.uom}</Text>} data-testid="consume-qty" autoFocus={!plate.lp} />
      {over && (
        <Textarea
          size="lg"
          label={t('terminal.overConsumption.reason')}
          description={t('terminal.overConsumption.body', {
            after: formatNumber(over.afterQty, i18n.language),
            required: formatNumber(over.requiredQty, i18n.language),
            limit: formatNumber(over.limitQty, i18n.language),
            tolerance: formatNumber(over.tolerancePercent, i18n.language),
            uom: plate.lp?.uom ?? '',
            product: names.productName(plate.lp!.productId),
          })}
          required
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          data-testid="consume-reason"
        />
      )}
      <Button size="xl" leftSection={<IconCheck />} disabled={!(Number(qty) > 0) || (over !== null && !reason.trim())} onClick={() => void confirm()} data-testid="consume-confirm">
        {t('scan.produce.confirmConsume')}
      </Button>
      <StartOver label={t('scan.otherPlate')} onClick={() => setPlate(null)} />
    </Stack>
  );
}
