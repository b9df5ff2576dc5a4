import { Alert, Badge, Table, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { Availability } from '../../api/terminal';
import { useNames } from '../../components/Pickers';
import { formatNumber, formatQty, formatUnit } from '../../format';

interface Planned {
  /** false inside a section that already says "Materials". */
  titled?: boolean;
  productId: string | null | undefined;
  plannedQty: number;
  bomId?: string | null;
  scheduledDate?: string | null;
}

/** GET /work-orders/availability for an order as planned (or being planned); idle until product and quantity are known. */
export function useAvailability({ productId, plannedQty, bomId, scheduledDate }: Planned) {
  const query = new URLSearchParams();
  if (productId) query.set('productId', productId);
  query.set('plannedQty', String(plannedQty));
  if (bomId) query.set('bomId', bomId);
  if (scheduledDate) query.set('scheduledDate', scheduledDate);
  const path = `/work-orders/availability?${query.toString()}`;
  return useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => api<Availability>(path, { signal }),
    enabled: Boolean(productId) && plannedQty > 0,
    staleTime: 30_000,
    retry: false,
    meta: { silent: true },
  });
}

/** What the order needs of each material against the usable stock now: on the form and the detail page before release. */
export function MaterialAvailability(props: Planned) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const availability = useAvailability(props);
  if (!availability.data) {
    return availability.error instanceof ApiError && availability.error.status === 409 ? (
      <Alert color="orange" variant="light" data-testid="availability-no-bom">
        {t('terminal.availability.noBom')}
      </Alert>
    ) : null;
  }
  const qty = (value: number, productId: string) => formatQty(value, names.product(productId)?.uom, i18n.language);
  return (
    <div data-testid="availability">
      {props.titled !== false && (
        <Text size="sm" fw={600}>
          {t('terminal.availability.title')}
        </Text>
      )}
      <Text size="xs" c="dimmed" mb={4}>
        {t('terminal.availability.hint')}
      </Text>
      <Table.ScrollContainer minWidth={320}>
        <Table striped withTableBorder fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.product')}</Table.Th>
              <Table.Th ta="right">{t('terminal.availability.required')}</Table.Th>
              <Table.Th ta="right">{t('terminal.availability.usable')}</Table.Th>
              <Table.Th ta="right">{t('terminal.availability.short2')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {availability.data.materials.map((material) => (
              <Table.Tr key={material.productId} data-testid="availability-row" data-short={material.shortQty > 0 || undefined}>
                <Table.Td>{names.productName(material.productId)}</Table.Td>
                <Table.Td ta="right">{qty(material.requiredQty, material.productId)}</Table.Td>
                <Table.Td ta="right">{qty(material.usableQty, material.productId)}</Table.Td>
                <Table.Td ta="right" c={material.shortQty > 0 ? 'red.8' : 'teal.8'} fw={600}>
                  {material.shortQty > 0 ? qty(material.shortQty, material.productId) : '✓'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}

/** A board card's one-line verdict: every material in stock, or what is short. */
export function AvailabilityBadge(props: Planned) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const availability = useAvailability(props);
  const short = availability.data?.materials.filter((material) => material.shortQty > 0);
  if (!short) return null;
  if (short.length === 0) {
    return (
      <Badge size="sm" color="teal" variant="light" mt={6} style={{ textTransform: 'none' }} data-testid="availability-badge" data-short="false">
        {t('terminal.availability.enough')}
      </Badge>
    );
  }
  const first = short[0]!;
  const label =
    short.length === 1
      ? t('terminal.availability.shortOne', { product: names.product(first.productId)?.code ?? '…', qty: formatNumber(first.shortQty, i18n.language), uom: formatUnit(names.product(first.productId)?.uom, i18n.language) })
      : t('terminal.availability.short', { count: short.length });
  return (
    <Tooltip label={short.map((material) => `${names.productName(material.productId)}: −${formatNumber(material.shortQty, i18n.language)}`).join(' · ')} withinPortal>
      <Badge size="sm" color="red" variant="light" mt={6} style={{ textTransform: 'none' }} data-testid="availability-badge" data-short="true">
        {label}
      </Badge>
    </Tooltip>
  );
}
