import { Paper, Stack, TextInput, Title } from '@mantine/core';
import { IconBarcode } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../../api/client';
import { invalidatePaths } from '../../../api/invalidate';
import { errorMessage, notifySuccess, useRecord } from '../../../api/queries';
import {
  DEFAULT_TOLERANCE_PERCENT,
  quantityToPrefill,
  roundQty,
  toleranceLimit,
  unusableReasons,
  wouldOverConsume,
  type OverConsumption,
  type TerminalOrder,
  type TerminalSettings,
} from '../../../api/terminal';
import type { LicensePlate } from '../../../api/types';
import { formatNumber, today } from '../../../format';
import { signalError, signalSuccess } from '../../../scan/feedback';
import { ConsumeQuantity } from './ConsumeQuantity';
import { OverConsumptionModal } from './OverConsumptionModal';
import { ScannedPlateCard } from './ScannedPlateCard';
import { useWedgeScan } from './useWedgeScan';
import classes from '../Terminal.module.css';

const overConsumptionOf = (error: unknown): OverConsumption | null => {
  const problem = error instanceof ApiError ? (error.problem as ApiError['problem'] & { code?: string; params?: OverConsumption }) : null;
  return problem?.code === 'over_consumption' && problem.params ? problem.params : null;
};

/** Scan an LP (a scanner types its number and Enter), check the quantity, consume; every scan lands in the scan field. */
export function ConsumePanel({ order }: { order: TerminalOrder }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
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

  const lookUp = useMutation({
    mutationFn: (number: string) => api<LicensePlate>(`/license-plates/by-number/${encodeURIComponent(number)}`),
    meta: { silent: true },
    onSuccess: (found) => {
      const open = order.materials?.find((each) => each.productId === found.productId);
      setPlate(found);
      setScanError(null);
      setQtyError(null);
      setQty(quantityToPrefill(open, found));
      if (unusableReasons(found, order, today()).length > 0) signalError();
      refocus(true);
    },
    onError: (error, number) => {
      setPlate(null);
      setScanError(error instanceof ApiError && error.status === 404 ? t('licensePlates.notFound', { number }) : errorMessage(error));
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

  const consume = useMutation({
    mutationFn: (reason?: string) =>
      api(`/work-orders/${order.id}/consumptions`, { method: 'POST', body: { licensePlateId: plate!.id, qty: Number(qty), ...(reason ? { overConsumptionReason: reason } : {}) } }),
    meta: { silent: true },
    onSuccess: async () => {
      signalSuccess();
      notifySuccess(t('terminal.consumed', { qty: formatNumber(Number(qty), i18n.language), uom: plate?.uom ?? '', number: plate?.number ?? '' }));
      setPlate(null);
      setScan('');
      setQty('');
      setQtyError(null);
      setOver(null);
      refocus();
      await invalidatePaths(queryClient, '/work-orders', '/license-plates');
    },
    onError: (error) => {
      const refused = overConsumptionOf(error);
      if (refused) return setOver(refused);
      signalError();
      setOver(null);
      const field = error instanceof ApiError ? error.problem.errors?.find((each) => each.path === 'qty') : undefined;
      if (field) setQtyError(field.message);
      else setScanError(errorMessage(error));
      refocus(true);
    },
  });

  const canConsume = plate !== null && reasons.length === 0 && Number(qty) > 0 && !consume.isPending;
  const confirm = () => {
    if (!canConsume || !material) return;
    const amount = Number(qty);
    if (!wouldOverConsume(material, amount, tolerance)) return consume.mutate(undefined);
    const afterQty = roundQty(material.consumedQty + amount);
    setOver({ productId: material.productId, qty: amount, requiredQty: material.requiredQty, consumedQty: material.consumedQty, afterQty, limitQty: toleranceLimit(material, tolerance), tolerancePercent: tolerance });
  };

  return (
    <Paper withBorder p="md">
      <Title order={3} mb="sm">
        {t('terminal.consume')}
      </Title>
      <Stack>
        <TextInput
          ref={scanRef}
          className={classes.scan}
          leftSection={<IconBarcode size={24} />}
          label={t('terminal.scanLabel')}
          description={t('terminal.scanAnywhere')}
          placeholder={t('terminal.scanPlaceholder')}
          value={scan}
          onChange={(event) => setScan(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              submitScan(scan);
            }
          }}
          error={scanError}
          autoComplete="off"
          data-testid="terminal-scan"
        />
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
        uom={plate?.uom ?? ''}
        pending={consume.isPending}
        onConfirm={(reason) => consume.mutate(reason)}
        onCancel={() => {
          setOver(null);
          refocus(true);
        }}
      />
    </Paper>
  );
}
