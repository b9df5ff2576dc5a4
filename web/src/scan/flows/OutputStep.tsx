import { Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrder } from '../../api/types';
import { QuantityInput } from '../../components/QuantityInput';
import { formatNumber, formatUnit } from '../../format';
import type { Scan } from '../classify';
import { signalSuccess } from '../feedback';
import { useScanNames } from '../lookups';
import { enqueue } from '../offline/outbox';
import { ScanField } from '../ScanField';
import { DoneNote } from '../Steps';

/** Record output: the quantity made, then a scan of where the new plate stands books it. */
export function OutputStep({ order }: { order: WorkOrder }) {
  const { t, i18n } = useTranslation();
  const names = useScanNames();
  const [qty, setQty] = useState<number | string>('');
  const [done, setDone] = useState<string | null>(null);
  const uom = names.product(order.productId)?.uom ?? '';

  const takeLocation = useCallback(async (scan: Scan) => {
    const amount = Number(qty);
    if (!(amount > 0)) return t('scan.produce.qtyFirst');
    const location = names.locationByCode(scan.code);
    if (!location) return t('scan.locationNotFound', { code: scan.code });
    await enqueue({ kind: 'output', path: `/work-orders/${order.id}/outputs`, body: { qty: amount, locationId: location.id }, summary: { qty: amount, uom, order: order.number, location: location.code } });
    signalSuccess();
    setDone(t('scan.queue.kind.output', { qty: formatNumber(amount, i18n.language), uom: formatUnit(uom, i18n.language), order: order.number, location: location.code }));
    setQty('');
  }, [i18n.language, names, order, qty, t, uom]);

  return (
    <Stack>
      <QuantityInput size="xl" label={t('scan.produce.madeQty')} value={qty} onChange={setQty} rightSection={<Text>{formatUnit(uom, i18n.language)}</Text>} data-testid="output-qty" autoFocus />
      <ScanField label={t('scan.produce.scanOutputLocation')} expect={['location']} onScan={takeLocation} autoFocus={false} testId="output-location" />
      <DoneNote message={done} />
    </Stack>
  );
}
