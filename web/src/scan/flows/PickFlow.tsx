import { Alert, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useParams } from 'react-router';
import type { Page } from '../../api/client';
import { errorMessage } from '../../api/queries';
import type { PickList, SalesOrder } from '../../api/sales';
import { Freshness } from '../Freshness';
import { useCachedRead } from '../offline/cache';
import classes from '../Scan.module.css';
import { ScanShell } from '../ScanShell';
import { StepTitle } from '../Steps';
import { PickListRun } from './PickListRun';

const pickable = new Set(['allocated', 'partially_allocated', 'picking']);

/** Step one: the sales order to pick for (kept on the device). */
function ChooseOrder() {
  const { t } = useTranslation();
  const orders = useCachedRead<Page<SalesOrder>>('/sales-orders?limit=200');
  const open = orders.data?.data.items.filter((order) => pickable.has(order.status)) ?? [];
  return (
    <ScanShell title={t('scan.pick.title')}>
      <Stack gap="sm">
        <StepTitle step={1} of={2}>{t('scan.pick.chooseOrder')}</StepTitle>
        {orders.data && <Freshness at={orders.data.at} isStale={orders.data.isStale} />}
        {orders.error && <Alert color="red">{errorMessage(orders.error)}</Alert>}
        {orders.data && open.length === 0 && <Text size="lg">{t('scan.pick.none')}</Text>}
        {open.map((order) => (
          <UnstyledButton key={order.id} component={Link} to={`/scan/pick/${order.id}`} className={classes.choice} data-testid={`so-${order.number}`}>
            <Text fw={800} ff="monospace" size="xl">
              {order.number}
            </Text>
          </UnstyledButton>
        ))}
      </Stack>
    </ScanShell>
  );
}

/** The order's open pick list, walked line by line (also offline, from the device's copy). */
function PickOrder() {
  const { t } = useTranslation();
  const { id } = useParams();
  const lists = useCachedRead<{ items: PickList[] }>(`/pick-lists?salesOrderId=${id}`);
  const list = lists.data?.data.items.filter((each) => each.status === 'open').at(-1);
  return (
    <ScanShell title={list?.number ?? t('scan.pick.title')} back="/scan/pick">
      <Stack gap="sm">
        {lists.error && <Alert color="red">{errorMessage(lists.error)}</Alert>}
        {lists.data && <Freshness at={lists.data.at} isStale={lists.data.isStale} />}
        {lists.data && !list && <Text size="lg">{t('scan.pick.noList')}</Text>}
        {list && <PickListRun list={list} />}
      </Stack>
    </ScanShell>
  );
}

export function PickFlow() {
  return (
    <Routes>
      <Route index element={<ChooseOrder />} />
      <Route path=":id" element={<PickOrder />} />
    </Routes>
  );
}
