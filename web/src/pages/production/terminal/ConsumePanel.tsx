import { Paper, Stack, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, useRecord } from '../../../api/queries';
import {
  DEFAULT_TOLERANCE_PERCENT,
  overConsumptionAhead,
  quantityToPrefill,
  unusableReasons,
  type OverConsumption,
  type TerminalOrder,
  type TerminalSettings,
} from '../../../api/terminal';
import type { LicensePlate } from '../../../api/types';
import { formatNumber, formatUnit, today } from '../../../format';
import { signalError, signalSuccess } from '../../../scan/feedback';
import { ConsumeQuantity } from './ConsumeQuantity';
import { OverConsumptionModal } from './OverConsumptionModal';
import { useConsumption } from './useConsumption';
import { usePlateLookup } from './usePlateLookup';
import { ScannedPlateCard } from './ScannedPlateCard';
import { TerminalScanField } from './TerminalScanField';
import { useWedgeScan } from './useWedgeScan';

/** Scan an LP (a scanner types its number and Enter), check the quantity, consume; every scan lands in the scan field. */
export function ConsumePanel({ order }: { order: TerminalOrder }) {
  const { t, i18n } = useTranslation();
  const settings = useRecord<TerminalSettings>('/settings');
  const tolerance = settings.data?.overConsumptionTolerancePercent ?? DEFAULT_TOLERANCE_PERCENT;
  const scanRef = useRef<HTMLInputElement>(null);
  const [scan, setScan] = useState('');
  const [plate, setPlate] = useState<LicensePlate | null>(null);
  const [scanError, setScanError] = useState<string | null>(null);
  const [qty, setQty] = useState<number | string>('');
  const [qtyError, setQtyError] = useState<string | null>(null);
  const [over, setOver] = useState<OverConsumption | null>(null);
  const material = plate ? order.materials?.find((each) => each.productId === plate.productId) : undefined;
  const reasons = plate ? unusableReasons(plate, order, today()) : [];

  const refocus = useCallback((select = false) => {
    // After the render that follows an answer, so nothing (a closing dialog, a disabled button) takes it back.
    setTimeout(() => {
      scanRef.current?.focus();
      if (select) scanRef.current?.select();
    }, 0);
  }, []);
  useEffect(() => refocus(), [refocus]);

  const lookUp = usePlateLookup({
    onFound: (found) => {
      setPlate(found);
      setScanError(null);
      setQtyError(null);
      setQty(quantityToPrefill(order.materials?.find((each) => each.productId === found.productId), found));
      if (unusableReasons(found, order, today()).length > 0) signalError();
      refocus(true);
    },
    onMissing: (message) => {
      setPlate(null);
      setScanError(message);
      signalError();
      refocus(true);
    },
  });
  const submitScan = (text: string) => {
    const number = text.trim();
    setScan(number);
    if (number) lookUp.mutate(number);
  };
  useWedgeScan(scanRef, submitScan, over === null);

  const consume = useConsumption(order.id, {
    onDone: (draw) => {
      signalSuccess();
      notifySuccess(t('terminal.consumed', { qty: formatNumber(draw.qty, i18n.language), uom: formatUnit(plate?.uom, i18n.language), number: plate?.number ?? '' }));
      setPlate(null);
      setScan('');
      setQty('');
      setOver(null);
      refocus();
    },
    onOverConsumption: setOver,
    onRefused: (refusal) => {
      signalError();
      setOver(null);
      if (refusal.qty) setQtyError(refusal.qty);
      else setScanError(refusal.message);
      refocus(true);
    },
  });
  const draw = (reason?: string) => plate && consume.mutate({ licensePlateId: plate.id, qty: Number(qty), ...(reason ? { overConsumptionReason: reason } : {}) });

  const canConsume = plate !== null && reasons.length === 0 && Number(qty) > 0 && !consume.isPending;
  const confirm = () => {
    if (!canConsume || !material) return;
    const ahead = overConsumptionAhead(material, Number(qty), tolerance);
    if (ahead) setOver(ahead);
    else draw();
  };

  return (
    <Paper withBorder p="md">
      <Title order={3} mb="sm">
        {t('terminal.consume')}
      </Title>
      <Stack>
        <TerminalScanField inputRef={scanRef} value={scan} error={scanError} onChange={setScan} onScan={submitScan} />
        {plate && <ScannedPlateCard plate={plate} reasons={reasons} />}
        {plate && (
          <ConsumeQuantity
            plate={plate}
            material={material}
            usable={reasons.length === 0}
            qty={qty}
            error={qtyError}
            pending={consume.isPending}
            canConsume={canConsume}
            onQty={setQty}
            onConfirm={confirm}
          />
        )}
      </Stack>
      <OverConsumptionModal
        key={over ? `${over.afterQty}` : 'closed'}
        over={over}
        uom={formatUnit(plate?.uom, i18n.language)}
        pending={consume.isPending}
        onConfirm={draw}
        onCancel={() => {
          setOver(null);
          refocus(true);
        }}
      />
    </Paper>
  );
}
