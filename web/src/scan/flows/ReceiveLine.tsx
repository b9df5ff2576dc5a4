import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../api/queries';
import type { Location, PurchaseOrder, PurchaseOrderLine } from '../../api/types';
import { QuantityInput } from '../../components/QuantityInput';
import { formatNumber, formatUnit } from '../../format';
import type { Scan } from '../classify';
import { signalSuccess } from '../feedback';
import { parseGs1 } from '../gs1';
import { lookUpPlate, useScanNames } from '../lookups';
import { enqueue } from '../offline/outbox';
import { ScanField } from '../ScanField';
import { StartOver, StepTitle } from '../Steps';

interface Filled {
  qty: number | string;
  lot: string;
  expiryDate: string;
}

interface Props {
  order: PurchaseOrder;
  line: PurchaseOrderLine;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** Steps three and four: scan the supplier's label (or type it), scan the location, confirm. */
export function ReceiveLine({ order, line, onDone, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const names = useScanNames();
  const product = names.product(line.productId);
  const open = Math.max(0, line.qty - line.receivedQty);
  const [filled, setFilled] = useState<Filled | null>(null);
  const [location, setLocation] = useState<Location | null>(null);

  const takeLabel = useCallback(async (scan: Scan) => {
    if (scan.kind === 'lp') {
      const found = await lookUpPlate(scan.code);
      if (!('lp' in found)) return 'missing' in found ? t('scan.plateNotFound', { number: scan.code }) : t('scan.needsConnection');
      if (found.lp.productId !== line.productId) return t('scan.receive.otherProduct');
      setFilled({ qty: found.lp.qty, lot: found.lp.lot, expiryDate: found.lp.expiryDate ?? '' });
    } else {
      let fields;
      try {
        fields = await parseGs1(scan.code);
      } catch (error) {
        if (error instanceof ApiError && error.status === 0) return t('scan.needsConnection');
        return errorMessage(error);
      }
      if (fields.productId && fields.productId !== line.productId) return t('scan.receive.otherProduct');
      setFilled({ qty: fields.netWeightKg ?? fields.count ?? open, lot: fields.lot ?? '', expiryDate: fields.expiryDate ?? fields.bestBefore ?? '' });
    }
    signalSuccess();
  }, [line.productId, open, t]);

  const takeLocation = useCallback((scan: Scan) => {
    const found = names.locationByCode(scan.code);
    if (!found) return t('scan.locationNotFound', { code: scan.code });
    setLocation(found);
    signalSuccess();
  }, [names, t]);

  const confirm = async () => {
    const qty = Number(filled!.qty);
    const receiptLine = { productId: line.productId, poLineId: line.id, qty, lot: filled!.lot.trim(), ...(filled!.expiryDate ? { expiryDate: filled!.expiryDate } : {}) };
    const summary = { order: order.number, qty, uom: product?.uom ?? '', lot: receiptLine.lot, location: location!.code };
    await enqueue({ kind: 'receive', path: '/receipts', body: { purchaseOrderId: order.id, locationId: location!.id, lines: [receiptLine] }, summary });
    signalSuccess();
    onDone(t('scan.queue.kind.receive', { ...summary, qty: formatNumber(qty, i18n.language), uom: formatUnit(summary.uom, i18n.language) }));
  };

  const heading = (
    <Text fw={700} size="lg">
      {names.productName(line.productId)} · {t('scan.receive.open', { qty: formatNumber(open, i18n.language), uom: formatUnit(product?.uom, i18n.language) })}
    </Text>
  );
  if (!filled) {
    return (
      <Stack>
        <StepTitle step={3} of={4}>{t('scan.receive.scanLabel')}</StepTitle>
        {heading}
        <ScanField key="label" label={t('scan.receive.label')} expect={['gs1', 'lp']} onScan={takeLabel} />
        <Group grow>
          <Button size="lg" variant="outline" color="dark" onClick={() => setFilled({ qty: open, lot: '', expiryDate: '' })} data-testid="enter-by-hand">
            {t('scan.receive.byHand')}
          </Button>
          <StartOver label={t('scan.receive.otherLine')} onClick={onCancel} />
        </Group>
      </Stack>
    );
  }
  return (
    <Stack>
      <StepTitle step={4} of={4}>{location ? t('scan.receive.check') : t('scan.receive.scanLocation')}</StepTitle>
      {heading}
      <QuantityInput size="xl" label={t('fields.qty')} value={filled.qty} onChange={(qty) => setFilled({ ...filled, qty })} rightSection={<Text>{formatUnit(product?.uom, i18n.language)}</Text>} data-testid="receive-qty" />
      <TextInput size="xl" label={t('fields.lot')} value={filled.lot} onChange={(event) => setFilled({ ...filled, lot: event.currentTarget.value })} data-testid="receive-lot" />
      <TextInput size="xl" type="date" label={t('scan.receive.expiry')} value={filled.expiryDate} onChange={(event) => setFilled({ ...filled, expiryDate: event.currentTarget.value })} data-testid="receive-expiry" />
      {location ? (
        <Text fw={800} size="xl" data-testid="receive-location">
          {t('scan.receive.to', { location: `${location.code} · ${location.name}` })}
        </Text>
      ) : (
        <ScanField key="location" label={t('scan.kind.location')} expect={['location']} onScan={takeLocation} testId="receive-location-scan" />
      )}
      <Button size="xl" leftSection={<IconCheck />} disabled={!location || !(Number(filled.qty) > 0) || !filled.lot.trim()} onClick={() => void confirm()} data-testid="receive-confirm">
        {t('scan.receive.confirm')}
      </Button>
      <StartOver label={t('scan.receive.otherLine')} onClick={onCancel} />
    </Stack>
  );
}
