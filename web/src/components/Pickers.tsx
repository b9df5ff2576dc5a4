import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLookup } from '../api/queries';
import type { Location, Partner, Product, ProductType, Warehouse } from '../api/types';

type PickerProps = Omit<SelectProps, 'data'>;

/** Products by code and name, searchable; optionally only some types, and without some (e.g. the product being edited). */
export function ProductPicker({ types, exclude, ...props }: PickerProps & { types?: ProductType[]; exclude?: string[] }) {
  const { t } = useTranslation();
  const products = useLookup<Product>('/products');
  const data = products.items
    .filter((product) => !types || types.includes(product.type))
    .filter((product) => !exclude?.includes(product.id))
    .filter((product) => (product.status ?? 'active') === 'active' || product.id === props.value)
    .map((product) => ({ value: product.id, label: `${product.code} · ${product.name}` }));
  return <Select searchable data={data} placeholder={t('pickers.product')} nothingFoundMessage={t('pickers.nothingFound')} {...props} />;
}

/** Locations, labelled with their warehouse; optionally only some types. */
export function LocationPicker({ types, ...props }: PickerProps & { types?: Location['type'][] }) {
  const { t } = useTranslation();
  const locations = useLookup<Location>('/locations', { active: 'true' });
  const warehouses = useLookup<Warehouse>('/warehouses');
  const data = locations.items
    .filter((location) => !types || types.includes(location.type))
    .map((location) => ({ value: location.id, label: `${warehouses.byId.get(location.warehouseId)?.code ?? ''} / ${location.code} · ${location.name}` }));
  return <Select searchable data={data} placeholder={t('pickers.location')} nothingFoundMessage={t('pickers.nothingFound')} {...props} />;
}

export function PartnerPicker({ kind, ...props }: PickerProps & { kind: 'suppliers' | 'customers' }) {
  const { t } = useTranslation();
  const partners = useLookup<Partner>(`/${kind}`, { active: 'true' });
  const data = partners.items.map((partner) => ({ value: partner.id, label: `${partner.code} · ${partner.name}` }));
  return <Select searchable data={data} placeholder={t(`pickers.${kind}`)} nothingFoundMessage={t('pickers.nothingFound')} {...props} />;
}

/** Names for ids in lists: products, locations, suppliers, customers. */
export function useNames() {
  const products = useLookup<Product>('/products');
  const locations = useLookup<Location>('/locations');
  const suppliers = useLookup<Partner>('/suppliers');
  const customers = useLookup<Partner>('/customers');
  return {
    product: (id: string | null | undefined) => (id ? products.byId.get(id) : undefined),
    productName: (id: string | null | undefined) => (id ? (products.byId.get(id)?.name ?? '…') : '—'),
    location: (id: string | null | undefined) => (id ? (locations.byId.get(id)?.code ?? '…') : '—'),
    supplier: (id: string | null | undefined) => (id ? (suppliers.byId.get(id)?.name ?? '…') : '—'),
    customer: (id: string | null | undefined) => (id ? (customers.byId.get(id)?.name ?? '…') : '—'),
  };
}
