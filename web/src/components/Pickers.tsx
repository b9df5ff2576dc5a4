import { Select, type ComboboxItem, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../api/client';
import { primeRecords, useRecordsById } from '../api/lookups';
import type { Location, Partner, Product, ProductType, Warehouse } from '../api/types';

type PickerProps = Omit<SelectProps, 'data'>;
type Params = Record<string, string | undefined>;

/** Options shown before anything is typed and per search: the server searches, so every record can be found. */
const optionLimit = 50;

/**
 * A Select over a list the server searches as one types (`?search=`); the chosen record keeps its
 * label (resolved by id) whether or not it is among the current matches.
 */
function ServerSelect<T extends { id: string }>({
  path,
  params = {},
  toLabel,
  keep = () => true,
  ...props
}: PickerProps & { path: string; params?: Params; toLabel: (record: T) => string; keep?: (record: T) => boolean }) {
  const { t } = useTranslation();
  const [searchValue, setSearchValue] = useState('');
  const chosen = useRecordsById<T>(path);
  const value = typeof props.value === 'string' ? props.value : null;
  const chosenRecord = value ? chosen.get(value) : undefined;
  const chosenLabel = chosenRecord ? toLabel(chosenRecord) : undefined;
  // After a choice, Mantine puts the option's label in the box: that is not a search.
  const typed = searchValue === chosenLabel ? '' : searchValue.trim();
  const [search] = useDebouncedValue(typed, 200);
  const matches = useQuery({
    queryKey: [path, 'search', params, search],
    queryFn: ({ signal }) => api<Page<T>>(path, { query: { ...params, search: search || undefined, limit: optionLimit }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    meta: { silent: true },
  });
  const queryClient = useQueryClient();
  useEffect(() => {
    if (matches.data) primeRecords(queryClient, path, matches.data.items);
  }, [matches.data, queryClient, path]);
  // The server matches by code or name; Mantine's own filter on the label (code · name) agrees with it
  // and hides the previous answer's misfits while the next one is on its way.
  const options: ComboboxItem[] = (matches.data?.items ?? []).filter(keep).map((record) => ({ value: record.id, label: toLabel(record) }));
  if (chosenRecord && !options.some((option) => option.value === chosenRecord.id)) options.unshift({ value: chosenRecord.id, label: toLabel(chosenRecord) });
  return (
    <Select
      searchable
      data={options}
      searchValue={searchValue}
      onSearchChange={setSearchValue}
      nothingFoundMessage={matches.isFetching ? '…' : t('pickers.nothingFound')}
      {...props}
    />
  );
}

/** Products by code and name, searchable; optionally only some types, and without some (e.g. the product being edited). */
export function ProductPicker({ types, exclude, ...props }: PickerProps & { types?: ProductType[]; exclude?: string[] }) {
  const { t } = useTranslation();
  return (
    <ServerSelect<Product>
      path="/products"
      params={{ status: 'active', type: types?.length === 1 ? types[0] : undefined }}
      toLabel={(product) => `${product.code} · ${product.name}`}
      keep={(product) => (!types || types.includes(product.type)) && !exclude?.includes(product.id)}
      placeholder={t('pickers.product')}
      {...props}
    />
  );
}

/** Locations, labelled with their warehouse; optionally only some types. */
export function LocationPicker({ types, ...props }: PickerProps & { types?: Location['type'][] }) {
  const { t } = useTranslation();
  const warehouses = useRecordsById<Warehouse>('/warehouses');
  return (
    <ServerSelect<Location>
      path="/locations"
      params={{ active: 'true', type: types?.length === 1 ? types[0] : undefined }}
      toLabel={(location) => `${warehouses.get(location.warehouseId)?.code ?? ''} / ${location.code} · ${location.name}`}
      keep={(location) => !types || types.includes(location.type)}
      placeholder={t('pickers.location')}
      {...props}
    />
  );
}

export function PartnerPicker({ kind, ...props }: PickerProps & { kind: 'suppliers' | 'customers' }) {
  const { t } = useTranslation();
  return (
    <ServerSelect<Partner>
      path={`/${kind}`}
      params={{ active: 'true' }}
      toLabel={(partner) => `${partner.code} · ${partner.name}`}
      placeholder={t(`pickers.${kind}`)}
      {...props}
    />
  );
}

/** Names for ids in lists: products, locations, suppliers, customers, each resolved only for the ids on screen. */
export function useNames() {
  const products = useRecordsById<Product>('/products');
  const locations = useRecordsById<Location>('/locations');
  const suppliers = useRecordsById<Partner>('/suppliers');
  const customers = useRecordsById<Partner>('/customers');
  return {
    product: (id: string | null | undefined) => (id ? products.get(id) : undefined),
    productName: (id: string | null | undefined) => (id ? (products.get(id)?.name ?? '…') : '—'),
    location: (id: string | null | undefined) => (id ? (locations.get(id)?.code ?? '…') : '—'),
    supplier: (id: string | null | undefined) => (id ? (suppliers.get(id)?.name ?? '…') : '—'),
    customer: (id: string | null | undefined) => (id ? (customers.get(id)?.name ?? '…') : '—'),
  };
}
