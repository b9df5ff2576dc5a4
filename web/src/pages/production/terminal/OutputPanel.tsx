import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPackageExport, IconPrinter } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../../api/client';
import { invalidatePaths } from '../../../api/invalidate';
import { fieldErrorText } from '../../../api/problem-text';
import { errorMessage, notifySuccess } from '../../../api/queries';
import type { LicensePlate, WorkOrder } from '../../../api/types';
import { LocationPicker, useNames } from '../../../components/Pickers';
import { QuantityInput } from '../../../components/QuantityInput';
import { formatDate, formatQty, formatUnit } from '../../../format';
import { signalError, signalSuccess } from '../../../scan/feedback';
import { PrintLabelFrame } from '../../inventory/PrintLabelFrame';

/** Registers output; the new plate's label prints at once (and can be printed again). */
export function OutputPanel({ order }: { order: WorkOrder }) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const queryClient = useQueryClient();
  const product = names.product(order.productId);
  const [qty, setQty] = useState<number | string>('');
  const [locationId, setLocationId] = useState<string | null>(null);
  const [lot, setLot] = useState('');
  const [made, setMade] = useState<LicensePlate | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const result = useRef<HTMLDivElement>(null);
  const register = useMutation({
    mutationFn: () =>
      api<{ licensePlate: LicensePlate }>(`/work-orders/${order.id}/outputs`, { method: 'POST', body: { qty: Number(qty), locationId, ...(lot.trim() ? { lot: lot.trim() } : {}) } }),
    meta: { silent: true },
    onSuccess: async ({ licensePlate }) => {
      signalSuccess();
      setMade(licensePlate);
      setQty('');
      setErrors({});
      notifySuccess(t('terminal.outputDone', { number: licensePlate.number }));
      await invalidatePaths(queryClient, '/work-orders', '/license-plates');
    },
    onError: (error) => {
      signalError();
      const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
      setErrors(fields.length ? Object.fromEntries(fields.map((field) => [field.path, fieldErrorText(field)])) : { form: errorMessage(error) });
    },
  });
  // On a phone the result (and its Print label) would sit below the fold, under the bottom bar.
  useEffect(() => result.current?.scrollIntoView({ block: 'center', behavior: 'smooth' }), [made]);
  return (
    <Paper withBorder p="md">
      <Title order={3} mb="sm">
        {t('terminal.output')}
      </Title>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <QuantityInput label={t('fields.qty')} size="lg" value={qty} onChange={setQty} error={errors.qty} rightSection={<Text c="dimmed">{formatUnit(product?.uom, i18n.language)}</Text>} data-testid="output-qty" />
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
          <Alert ref={result} color="teal" variant="light" title={t('terminal.outputDone', { number: made.number })} data-testid="output-result">
            <Stack gap="xs">
              <Text size="sm">
                {formatQty(made.qty, made.uom, i18n.language)} · {t('fields.lot')} {made.lot} · {formatDate(made.expiryDate, i18n.language)}
              </Text>
              <Text size="sm" c="dimmed">
                {t('terminal.labelPrinting')}
              </Text>
              <Group>
                <Button component={Link} to={`/labels/${made.id}`} target="_blank" leftSection={<IconPrinter size={18} />} size="md" data-testid="print-label">
                  {t('terminal.printLabel')}
                </Button>
              </Group>
            </Stack>
            <PrintLabelFrame key={made.id} licensePlateId={made.id} />
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
