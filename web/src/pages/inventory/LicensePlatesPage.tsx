import { Button, Select, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconBarcode, IconFilter } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { notifyError, useList } from '../../api/queries';
import { lpStatuses, qaStatuses, type LicensePlate } from '../../api/types';
import { FilterBar } from '../../components/Filters';
import { PageHeader } from '../../components/PageHeader';
import { LocationPicker, ProductPicker } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { HoldLotsButton } from './HoldLotsButton';
import { LicensePlateTable } from './LicensePlateTable';

export function LicensePlatesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [lotText, setLotText] = useState(params.get('lot') ?? '');
  const [lot] = useDebouncedValue(lotText.trim(), 300);
  const [scan, setScan] = useState('');
  // On a phone the filters fold away behind one button, so the list starts near the top.
  const isPhone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);
  const filters = {
    productId: params.get('productId') ?? undefined,
    locationId: params.get('locationId') ?? undefined,
    status: params.get('status') ?? 'available',
    qaStatus: params.get('qaStatus') ?? undefined,
    // Any part of the lot or LP number, any case (GET /license-plates?search=).
    search: lot || undefined,
  };
  const activeFilters = [filters.productId, filters.locationId, filters.qaStatus, filters.search, filters.status !== 'available' ? filters.status : undefined].filter(Boolean).length;
  const query = { ...filters, status: filters.status === 'all' ? undefined : filters.status };
  const plates = useList<LicensePlate>('/license-plates', query);
  const isFiltered = Boolean(filters.productId || filters.locationId || filters.search);
  const setParam = (key: string, value: string | null) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  // A scanner types the LP number and Enter: open that plate.
  const openByNumber = async () => {
    const number = scan.trim();
    if (!number) return;
    try {
      const lp = await api<LicensePlate>(`/license-plates/by-number/${encodeURIComponent(number)}`);
      void navigate(`/license-plates/${lp.id}`);
    } catch (error) {
      notifyError(error instanceof ApiError && error.status === 404 ? new Error(t('licensePlates.notFound', { number })) : error);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.licensePlates')}
        description={t('licensePlates.description')}
        actions={isFiltered && !plates.isPending && <HoldLotsButton filters={query} shown={plates.items} />}
      />
      <FilterBar>
        <TextInput
          leftSection={<IconBarcode size={18} />}
          placeholder={t('licensePlates.scanPlaceholder')}
          aria-label={t('licensePlates.scanPlaceholder')}
          value={scan}
          onChange={(event) => setScan(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') void openByNumber();
          }}
          style={{ flex: '1 1 220px' }}
          data-testid="lp-scan"
        />
        {isPhone && (
          <Button variant={filtersOpen ? 'light' : 'default'} leftSection={<IconFilter size={16} />} onClick={toggleFilters} aria-expanded={filtersOpen}>
            {t('common.filters', { count: activeFilters })}
          </Button>
        )}
        {(!isPhone || filtersOpen) && <>
        <ProductPicker aria-label={t('fields.product')} clearable value={filters.productId ?? null} onChange={(value) => setParam('productId', value)} style={{ flex: '1 1 200px' }} />
        <TextInput placeholder={t('recall.plates.searchPlaceholder')} aria-label={t('fields.lot')} value={lotText} onChange={(event) => setLotText(event.currentTarget.value)} style={{ flex: '0 1 180px' }} data-testid="lp-lot-filter" />
        <LocationPicker aria-label={t('fields.location')} clearable value={filters.locationId ?? null} onChange={(value) => setParam('locationId', value)} style={{ flex: '1 1 180px' }} />
        <Select
          aria-label={t('fields.status')}
          data={[{ value: 'all', label: t('common.allStatuses') }, ...lpStatuses.map((value) => ({ value, label: t(`status.${value}`) }))]}
          value={filters.status}
          onChange={(value) => setParam('status', value === 'available' ? null : value)}
          allowDeselect={false}
          style={{ flex: '0 1 160px' }}
        />
        <Select
          aria-label={t('fields.qaStatus')}
          placeholder={t('licensePlates.anyQa')}
          data={qaStatuses.map((value) => ({ value, label: t(`status.${value}`) }))}
          value={filters.qaStatus ?? null}
          onChange={(value) => setParam('qaStatus', value)}
          clearable
          style={{ flex: '0 1 160px' }}
        />
        </>}
      </FilterBar>
      <QueryState query={plates}>
        <LicensePlateTable
          testId="license-plates"
          plates={plates.items}
          hasMore={plates.hasNextPage}
          onLoadMore={() => void plates.fetchNextPage()}
          empty={t('licensePlates.empty')}
        />
      </QueryState>
    </>
  );
}
