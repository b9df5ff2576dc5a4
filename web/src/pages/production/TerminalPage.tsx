import { Alert, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { IconBarcode, IconCheck, IconPackageExport, IconPlayerPlay, IconPrinter } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useLiveEvent } from '../../api/events';
import { invalidatePaths } from '../../api/invalidate';
import { errorMessage, notifySuccess, useList, useRecord } from '../../api/queries';
import type { LicensePlate, WorkOrder } from '../../api/types';
import { fieldErrorText } from '../../api/problem-text';
import { BackLink } from '../../components/Detail';
import { LiveBadge } from '../../components/LiveBadge';
import { PageHeader } from '../../components/PageHeader';
import { LocationPicker, useNames } from '../../components/Pickers';
import { QuantityInput } from '../../components/QuantityInput';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatNumber, formatQty, formatUnit } from '../../format';
import { useWorkOrderTransition } from './WorkOrderDetailPage';
import classes from './Terminal.module.css';

/** Step one: pick a work order that is released or running. */
function PickWorkOrder() {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const navigate = useNavigate();
  const orders = useList<WorkOrder>('/work-orders', {}, { limit: 500 });
  const workable = orders.items.filter((order) => order.status === 'in_progress' || order.status === 'released' || order.status === 'on_hold');
  return (
    <QueryState query={orders}>
      {workable.length === 0 ? (
        <Paper withBorder p="xl">
          <Text c="dimmed" ta="center">
            {t('terminal.noOrders')}
          </Text>
        </Paper>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {workable.map((order) => (
            <UnstyledButton key={order.id} onClick={() => void navigate(`/terminal/${order.id}`)} data-testid={`pick-${order.number}`}>
              <Card withBorder padding="md" className={classes.orderButton}>
                <Group justify="space-between">
                  <Text fw={700} ff="monospace" size="lg">
                    {order.number}
                  </Text>
                  <StatusBadge status={order.status} />
                </Group>
                <Text fw={500}>{names.productName(order.productId)}</Text>
                <Text size="sm" c="dimmed">
                  {t('workOrders.producedOf', {
                    produced: formatNumber(order.producedQty ?? 0, i18n.language),
                    planned: formatNumber(order.plannedQty, i18n.language),
                    uom: formatUnit(names.product(order.productId)?.uom, i18n.language),
                  })}
                </Text>
              </Card>
            </UnstyledButton>
          ))}
        </SimpleGrid>
      )}
    </QueryState>
  );
}

/** Scan an LP (a scanner types its number and Enter), enter the quantity, consume. */
function ConsumePanel({ order }: { order: WorkOrder }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const queryClient = useQueryClient();
  const scanRef = useRef<HTMLInputElement>(null);
  const [scan, setScan] = useState('');
  const [lp, setLp] = useState<LicensePlate | null>(null);
  const [scanError, setScanError] = useState<string | null>(null);
  const [qty, setQty] = useState<number | string>('');
  const [qtyError, setQtyError] = useState<string | null>(null);
  const material = lp ? order.materials?.find((each) => each.productId === lp.productId) : undefined;

  useEffect(() => scanRef.current?.focus(), []);

  const lookUp = useMutation({
    mutationFn: (number: string) => api<LicensePlate>(`/license-plates/by-number/${encodeURIComponent(number)}`),
    meta: { silent: true },
    onSuccess: (found) => {
      setLp(found);
      setScanError(null);
      const open = order.materials?.find((each) => each.productId === found.productId);
      const remaining = open ? Math.max(0, open.requiredQty - open.consumedQty) : found.qty;
      setQty(Number(Math.min(found.qty, remaining || found.qty).toFixed(6)));
    },
    onError: (error, number) => {
      setLp(null);
      setScanError(error instanceof ApiError && error.status === 404 ? t('licensePlates.notFound', { number }) : errorMessage(error));
      scanRef.current?.select();
    },
  });
  const consume = useMutation({
    mutationFn: () => api(`/work-orders/${order.id}/consumptions`, { method: 'POST', body: { licensePlateId: lp!.id, qty: Number(qty) } }),
    meta: { silent: true },
    onSuccess: async () => {
      notifySuccess(t('terminal.consumed', { qty: formatNumber(Number(qty), i18n.language), uom: formatUnit(lp?.uom, i18n.language), number: lp?.number ?? '' }));
      setLp(null);
      setScan('');
      setQty('');
      setQtyError(null);
      await invalidatePaths(queryClient, '/work-orders', '/license-plates');
      scanRef.current?.focus();
    },
    onError: (error) => {
      const field = error instanceof ApiError ? error.problem.errors?.find((each) => each.path === 'qty' || each.path === 'licensePlateId') : undefined;
      if (field?.path === 'qty') setQtyError(fieldErrorText(field));
      else setScanError(errorMessage(error));
    },
  });

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
          placeholder={t('terminal.scanPlaceholder')}
          value={scan}
          onChange={(event) => setScan(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              if (scan.trim()) lookUp.mutate(scan.trim());
            }
          }}
          error={scanError}
          autoComplete="off"
          data-testid="terminal-scan"
        />
        {lp && (
          <Card withBorder bg={material ? 'teal.0' : 'red.0'} data-testid="scanned-lp">
            <Group justify="space-between" wrap="wrap">
              <div>
                <Text fw={700} ff="monospace" size="lg">
                  {lp.number}
                </Text>
                <Text fw={500}>{names.productName(lp.productId)}</Text>
                <Text size="sm" c="dimmed">
                  {t('fields.lot')} {lp.lot} · {formatDate(lp.expiryDate, i18n.language)} · {formatQty(lp.qty, lp.uom, i18n.language)}
                </Text>
              </div>
              <Group gap={4}>
                <StatusBadge status={lp.status} />
                <StatusBadge status={lp.qaStatus} />
              </Group>
            </Group>
            {!material && (
              <Text c="red.8" size="sm" mt="xs" fw={600}>
                {t('terminal.notAMaterial')}
              </Text>
            )}
          </Card>
        )}
        {lp && (
          <Group align="flex-end" wrap="wrap">
            <QuantityInput
              label={t('fields.qty')}
              size="lg"
              value={qty}
              onChange={setQty}
              error={qtyError}
              rightSection={<Text c="dimmed">{formatUnit(lp.uom, i18n.language)}</Text>}
              style={{ flex: '1 1 160px' }}
              data-testid="terminal-qty"
            />
            <Button size="lg" leftSection={<IconCheck />} onClick={() => consume.mutate()} loading={consume.isPending} disabled={!(Number(qty) > 0)} data-testid="terminal-consume">
              {t('terminal.consume')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function OutputPanel({ order }: { order: WorkOrder }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const queryClient = useQueryClient();
  const product = names.product(order.productId);
  const [qty, setQty] = useState<number | string>('');
  const [locationId, setLocationId] = useState<string | null>(null);
  const [lot, setLot] = useState('');
  const [made, setMade] = useState<LicensePlate | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const register = useMutation({
    mutationFn: () =>
      api<{ licensePlate: LicensePlate }>(`/work-orders/${order.id}/outputs`, { method: 'POST', body: { qty: Number(qty), locationId, ...(lot.trim() ? { lot: lot.trim() } : {}) } }),
    meta: { silent: true },
    onSuccess: async ({ licensePlate }) => {
      setMade(licensePlate);
      setQty('');
      setErrors({});
      notifySuccess(t('terminal.outputDone', { number: licensePlate.number }));
      await invalidatePaths(queryClient, '/work-orders', '/license-plates');
    },
    onError: (error) => {
      const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
      setErrors(fields.length ? Object.fromEntries(fields.map((field) => [field.path, fieldErrorText(field)])) : { form: errorMessage(error) });
    },
  });
  return (
    <Paper withBorder p="md">
      <Title order={3} mb="sm">
        {t('terminal.output')}
      </Title>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <QuantityInput
            label={t('fields.qty')}
            size="lg"
            value={qty}
            onChange={setQty}
            error={errors.qty}
            rightSection={<Text c="dimmed">{formatUnit(product?.uom, i18n.language)}</Text>}
            data-testid="output-qty"
          />
          <LocationPicker label={t('fields.location')} size="lg" value={locationId} onChange={setLocationId} error={errors.locationId} data-testid="output-location" />
          <TextInput label={t('fields.lot')} size="lg" placeholder={order.number} value={lot} onChange={(event) => setLot(event.currentTarget.value)} error={errors.lot} />
        </SimpleGrid>
        {errors.form && (
          <Alert color="red" variant="light">
            {errors.form}
          </Alert>
        )}
        <Group>
          <Button size="lg" leftSection={<IconPackageExport />} onClick={() => register.mutate()} loading={register.isPending} disabled={!(Number(qty) > 0) || !locationId} data-testid="output-submit">
            {t('terminal.registerOutput')}
          </Button>
        </Group>
        {made && (
          <Alert color="teal" variant="light" title={t('terminal.outputDone', { number: made.number })} data-testid="output-result">
            <Group justify="space-between" wrap="wrap">
              <Text size="sm">
                {formatQty(made.qty, made.uom, i18n.language)} · {t('fields.lot')} {made.lot} · {formatDate(made.expiryDate, i18n.language)}
              </Text>
              <Button component={Link} to={`/labels/${made.id}`} target="_blank" leftSection={<IconPrinter size={18} />} size="md" data-testid="print-label">
                {t('terminal.printLabel')}
              </Button>
            </Group>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

function RunWorkOrder({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const queryClient = useQueryClient();
  const order = useRecord<WorkOrder>(`/work-orders/${id}`);
  const transition = useWorkOrderTransition(id);
  useLiveEvent((event) => {
    if (event.data.id === id) void invalidatePaths(queryClient, `/work-orders/${id}`);
  }, 'work_order.updated');
  const data = order.data;
  return (
    <QueryState query={order}>
      {data && (
        <Stack>
          <Paper withBorder p="md">
            <Group justify="space-between" wrap="wrap">
              <div>
                <Group gap="xs">
                  <Text fw={700} ff="monospace" size="xl">
                    {data.number}
                  </Text>
                  <StatusBadge status={data.status} />
                </Group>
                <Text fw={500}>{names.productName(data.productId)}</Text>
                <Text size="sm" c="dimmed" data-testid="terminal-produced">
                  {t('workOrders.producedOf', {
                    produced: formatNumber(data.producedQty ?? 0, i18n.language),
                    planned: formatNumber(data.plannedQty, i18n.language),
                    uom: formatUnit(names.product(data.productId)?.uom, i18n.language),
                  })}
                </Text>
              </div>
              {data.status === 'released' && (
                <Button size="lg" leftSection={<IconPlayerPlay />} onClick={() => transition.mutate({ action: 'start' })} loading={transition.isPending} data-testid="terminal-start">
                  {t('workOrders.action.start')}
                </Button>
              )}
              {data.status === 'on_hold' && (
                <Button size="lg" leftSection={<IconPlayerPlay />} onClick={() => transition.mutate({ action: 'resume' })} loading={transition.isPending}>
                  {t('workOrders.action.resume')}
                </Button>
              )}
            </Group>
            {(data.materials ?? []).length > 0 && (
              <Group gap="xs" mt="sm">
                {(data.materials ?? []).map((material) => (
                  <Badge key={material.productId} size="lg" variant="light" color={material.consumedQty >= material.requiredQty ? 'teal' : 'gray'} style={{ textTransform: 'none' }}>
                    {names.product(material.productId)?.code ?? '…'}: {formatNumber(material.consumedQty, i18n.language)} / {formatNumber(material.requiredQty, i18n.language)}
                  </Badge>
                ))}
              </Group>
            )}
          </Paper>
          {data.status === 'in_progress' ? (
            <>
              <ConsumePanel order={data} />
              <OutputPanel order={data} />
            </>
          ) : (
            <Alert color="gray" variant="light">
              {t('terminal.notRunning')}
            </Alert>
          )}
        </Stack>
      )}
    </QueryState>
  );
}

/** The production terminal: tablet first, big touch targets, a scan field that takes a scanner's keystrokes. */
export function TerminalPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  return (
    <div className={classes.terminal}>
      <PageHeader
        back={id ? <BackLink to="/terminal">{t('terminal.otherOrder')}</BackLink> : undefined}
        title={t('nav.terminal')}
        description={id ? undefined : t('terminal.pick')}
        actions={
          <Group gap="xs">
            {/* The same consume and output, made for a handheld and kept working offline. */}
            <Button component={Link} to={id ? `/scan/produce/${id}` : '/scan/produce'} variant="light" leftSection={<IconBarcode size={18} />} data-testid="open-scanner">
              {t('terminal.openScanner')}
            </Button>
            <LiveBadge />
          </Group>
        }
      />
      {id ? <RunWorkOrder id={id} /> : <PickWorkOrder />}
    </div>
  );
}
