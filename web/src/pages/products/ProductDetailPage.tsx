import { Button, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type Page } from '../../api/client';
import { useLookup, useRecord } from '../../api/queries';
import type { Product } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { BackLink, Facts, Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert, QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDate, formatNumber } from '../../format';
import { AllergenBadges, useAllergenName } from './allergens';
import { ProductForm } from './ProductForm';
import { ProductTypeBadge } from './ProductsPage';

interface Bom {
  id: string;
  productId: string;
  version: number;
  status: string;
  outputQty: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  items: Array<{ productId: string; qty: number; scrapPercent?: number }>;
}

function BomSection({ product }: { product: Product }) {
  const { t, i18n } = useTranslation();
  const boms = useQuery({ queryKey: ['/boms', 'product', product.id], queryFn: ({ signal }) => api<Page<Bom>>('/boms', { query: { productId: product.id }, signal }) });
  const products = useLookup<Product>('/products');
  return (
    <Section title={t('products.recipes')}>
      {boms.isError ? (
        <ErrorAlert error={boms.error} />
      ) : (
        <QueryState query={boms}>
          <Stack gap="md">
            {(boms.data?.items ?? []).length === 0 && <Text c="dimmed">{t('products.noRecipes')}</Text>}
            {(boms.data?.items ?? []).map((bom) => (
              <div key={bom.id}>
                <Text fw={600} mb={4}>
                  {t('products.recipeVersion', { version: bom.version })} · <StatusBadge status={bom.status} /> · {formatDate(bom.effectiveFrom, i18n.language)} –{' '}
                  {bom.effectiveTo ? formatDate(bom.effectiveTo, i18n.language) : '∞'} · {t('products.makes', { qty: formatNumber(bom.outputQty, i18n.language), uom: product.uom })}
                </Text>
                <DataList
                  rows={bom.items}
                  rowKey={(item) => item.productId}
                  columns={[
                    { key: 'product', header: t('fields.product'), render: (item) => products.byId.get(item.productId)?.name ?? item.productId },
                    { key: 'qty', header: t('fields.qty'), align: 'right', render: (item) => `${formatNumber(item.qty, i18n.language)} ${products.byId.get(item.productId)?.uom ?? ''}` },
                    { key: 'scrap', header: t('fields.scrapPercent'), align: 'right', render: (item) => `${formatNumber(item.scrapPercent ?? 0, i18n.language)} %` },
                  ]}
                />
              </div>
            ))}
          </Stack>
        </QueryState>
      )}
    </Section>
  );
}

export function ProductDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const [editing, { open, close }] = useDisclosure(false);
  const product = useRecord<Product>(`/products/${id}`);
  const nameOf = useAllergenName();
  const data = product.data;
  const derivedOnly = (data?.derivedAllergens ?? []).filter((code) => !(data?.allergens ?? []).includes(code));

  return (
    <>
      <PageHeader
        back={<BackLink to="/products">{t('nav.products')}</BackLink>}
        title={data ? `${data.name}` : t('nav.products')}
        description={data?.code}
        actions={
          data &&
          can('technical', 'write') && (
            <Button leftSection={<IconEdit size={18} />} variant="light" onClick={open} data-testid="edit-product">
              {t('actions.edit')}
            </Button>
          )
        }
      />
      <QueryState query={product}>
        {data && (
          <Stack>
            <Section title={t('products.details')}>
              <Facts
                items={[
                  { label: t('fields.code'), value: data.code },
                  { label: t('fields.productType'), value: <ProductTypeBadge type={data.type} /> },
                  { label: t('fields.uom'), value: t(`uom.${data.uom}`) },
                  { label: t('fields.shelfLifeDays'), value: data.shelfLifeDays ?? '—' },
                  { label: t('fields.gtin'), value: data.gtin || '—' },
                  { label: t('fields.status'), value: <StatusBadge status={data.status ?? 'active'} /> },
                ]}
              />
            </Section>
            <Section title={t('products.allergens')}>
              <Stack gap="xs">
                <AllergenBadges declared={data.allergens} derived={data.derivedAllergens} size="md" />
                {derivedOnly.length > 0 && (
                  <Text size="sm" c="dimmed" data-testid="derived-note">
                    {t('products.derivedNote', { list: derivedOnly.map(nameOf).join(', ') })}
                  </Text>
                )}
              </Stack>
            </Section>
            {data.type !== 'raw' && data.type !== 'packaging' && <BomSection product={data} />}
          </Stack>
        )}
      </QueryState>
      {editing && data && <ProductForm product={data} opened={editing} onClose={close} />}
    </>
  );
}
