import { Alert, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useParams } from 'react-router';
import type { Page } from '../../api/client';
import { errorMessage } from '../../api/queries';
import type { PurchaseOrder, PurchaseOrderLine } from '../../api/types';
import { formatNumber } from '../../format';
import { Freshness } from '../Freshness';
import { useScanNames } from '../lookups';
import { useCachedRead } from '../offline/cache';
import classes from '../Scan.module.css';
import { ScanShell } from '../ScanShell';
import { DoneNote, StepTitle } from '../Steps';
import { ReceiveLine } from './ReceiveLine';

const receivable = new Set(['approved', 'partially_received']);

/** Step one: the purchase order the truck brought (kept on the device). */
function ChooseOrder() {
  const { t } = useTranslation();
  const orders = useCachedRead<Page<PurchaseOrder>>('/purchase-orders?limit=200');
  const open = orders.data?.data.items.filter((order) => receivable.has(order.status)) ?? [];
  return (
    <ScanShell title={t('scan.receive.title')}>
      <Stack gap="sm">
        <StepTitle step={1} of={4}>{t('scan.receive.chooseOrder')}</StepTitle>
        {orders.data && <Freshness at={orders.data.at} isStale={orders.data.isStale} />}
        {orders.error && <Alert color="red">{errorMessage(orders.error)}</Alert>}
        {orders.data && open.length === 0 && <Text size="lg">{t('scan.receive.none')}</Text>}
        {open.map((order) => (
          <UnstyledButton key={order.id} component={Link} to={`/scan/receive/${order.id}`} className={classes.choice} data-testid={`po-${order.number}`}>
            <Text fw={800} ff="monospace" size="xl">
              {order.number}
            </Text>
            <Text size="lg">{t('scan.receive.lines', { count: order.lines.length })}</Text>
          </UnstyledButton>
        ))}
      </Stack>
    </ScanShell>
  );
}

/** Step two: the order line this pallet belongs to; then the line's own steps. */
function ReceiveOrder() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const names = useScanNames();
  const order = useCachedRead<PurchaseOrder>(`/purchase-orders/${id}`);
  const [line, setLine] = useState<PurchaseOrderLine | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const data = order.data?.data;
  return (
    <ScanShell title={data?.number ?? t('scan.receive.title')} back="/scan/receive">
      <Stack gap="sm">
        {order.error && <Alert color="red">{errorMessage(order.error)}</Alert>}
        {order.data && <Freshness at={order.data.at} isStale={order.data.isStale} />}
        {data && line && (
          <ReceiveLine
            order={data}
            line={line}
            onDone={(message) => {
              setDone(message);
              setLine(null);
            }}
            onCancel={() => setLine(null)}
          />
        )}
        {data && !line && (
          <>
            <StepTitle step={2} of={4}>{t('scan.receive.chooseLine')}</StepTitle>
            {data.lines.map((each, index) => {
              const uom = names.product(each.productId)?.uom ?? '';
              return (
                <UnstyledButton key={each.id} className={classes.choice} onClick={() => { setLine(each); setDone(null); }} data-testid={`po-line-${index}`}>
                  <Text fw={700} size="lg">
                    {names.productName(each.productId)}
                  </Text>
                  <Text size="lg">
                    {t('scan.receive.receivedOf', { received: formatNumber(each.receivedQty, i18n.language), ordered: formatNumber(each.qty, i18n.language), uom })}
                  </Text>
                </UnstyledButton>
              );
            })}
            <DoneNote message={done} />
          </>
        )}
      </Stack>
    </ScanShell>
  );
}

export function ReceiveFlow() {
  return (
    <Routes>
      <Route index element={<ChooseOrder />} />
      <Route path=":id" element={<ReceiveOrder />} />
    </Routes>
  );
}
