import { Alert, SegmentedControl, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useParams } from 'react-router';
import type { Page } from '../../api/client';
import type { WorkOrder } from '../../api/types';
import { errorMessage } from '../../api/queries';
import { Freshness } from '../Freshness';
import { useScanNames } from '../lookups';
import { useCachedRead } from '../offline/cache';
import classes from '../Scan.module.css';
import { ScanShell } from '../ScanShell';
import { ConsumeStep } from './ConsumeStep';
import { OutputStep } from './OutputStep';
import { WorkOrderHeader } from './WorkOrderHeader';

/** Step one: which running order (kept on the device, so it can be chosen offline). */
function ChooseWorkOrder() {
  const { t } = useTranslation();
  const names = useScanNames();
  const orders = useCachedRead<Page<WorkOrder>>('/work-orders?status=in_progress&limit=200');
  return (
    <ScanShell title={t('scan.produce.title')}>
      <Stack gap="sm">
        {orders.data && <Freshness at={orders.data.at} isStale={orders.data.isStale} />}
        {orders.error && <Alert color="red">{errorMessage(orders.error)}</Alert>}
        {orders.data?.data.items.length === 0 && <Text size="lg">{t('scan.produce.none')}</Text>}
        {orders.data?.data.items.map((order) => (
          <UnstyledButton key={order.id} component={Link} to={`/scan/produce/${order.id}`} className={classes.choice} data-testid={`wo-${order.number}`}>
            <Text fw={800} ff="monospace" size="xl">
              {order.number}
            </Text>
            <Text size="lg">{names.productName(order.productId)}</Text>
          </UnstyledButton>
        ))}
      </Stack>
    </ScanShell>
  );
}

/** Consume plates into the order, or record what it made. */
function RunWorkOrder() {
  const { t } = useTranslation();
  const { id } = useParams();
  const order = useCachedRead<WorkOrder>(`/work-orders/${id}`);
  const [task, setTask] = useState<'consume' | 'output'>('consume');
  return (
    <ScanShell title={order.data?.data.number ?? t('scan.produce.title')} back="/scan/produce">
      <Stack gap="sm">
        {order.error && <Alert color="red">{errorMessage(order.error)}</Alert>}
        {order.data && (
          <>
            <Freshness at={order.data.at} isStale={order.data.isStale} />
            <WorkOrderHeader order={order.data.data} />
            <SegmentedControl
              size="lg"
              fullWidth
              value={task}
              onChange={(value) => setTask(value as 'consume' | 'output')}
              data={[
                { value: 'consume', label: t('scan.produce.consume') },
                { value: 'output', label: t('scan.produce.output') },
              ]}
              data-testid="produce-task"
            />
            {task === 'consume' ? <ConsumeStep order={order.data.data} /> : <OutputStep order={order.data.data} />}
          </>
        )}
      </Stack>
    </ScanShell>
  );
}

export function ProduceFlow() {
  return (
    <Routes>
      <Route index element={<ChooseWorkOrder />} />
      <Route path=":id" element={<RunWorkOrder />} />
    </Routes>
  );
}
