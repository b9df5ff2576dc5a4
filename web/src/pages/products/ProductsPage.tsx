import { Badge, Button, Select } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useList } from '../../api/queries';
import { productTypes, type Product } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { FilterBar, SearchInput } from '../../components/Filters';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { AllergenBadges } from './allergens';
import { ProductForm } from './ProductForm';

export const productTypeColors = { raw: 'yellow', intermediate: 'grape', finished: 'teal', packaging: 'gray' } as const;

export function ProductTypeBadge({ type }: { type: Product['type'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={productTypeColors[type]} variant="light" radius="sm" style={{ textTransform: 'none', minWidth: 'max-content' }}>
      {t(`productType.${type}`)}
    </Badge>
  );
}

export function ProductsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const type = params.get('type');
  const [creating, { open, close }] = useDisclosure(false);
  const products = useList<Product>('/products', { search: search || undefined, type: type ?? undefined });

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

  return (
    <>
      <PageHeader
        title={t('nav.products')}
        description={t('products.description')}
        actions={
          can('technical', 'write') && (
            <Button leftSection={<IconPlus size={18} />} onClick={open} data-testid="new-product">
              {t('products.new')}
            </Button>
          )
        }
      />
      <FilterBar>
        <SearchInput value={search} onChange={(value) => setParam('search', value)} placeholder={t('products.searchPlaceholder')} />
        <Select
          placeholder={t('products.allTypes')}
          aria-label={t('fields.productType')}
          data={productTypes.map((value) => ({ value, label: t(`productType.${value}`) }))}
          value={type}
          onChange={(value) => setParam('type', value)}
          clearable
          w={{ base: '100%', xs: 200 }}
        />
      </FilterBar>
      <QueryState query={products}>
        <DataList
          testId="products"
          rows={products.items}
          rowKey={(product) => product.id}
          onRowClick={(product) => void navigate(`/products/${product.id}`)}
          hasMore={products.hasNextPage}
          loadingMore={products.isFetchingNextPage}
          onLoadMore={() => void products.fetchNextPage()}
          empty={search || type ? t('common.noMatches') : t('products.empty')}
          columns={[
            { key: 'name', header: t('fields.name'), render: (product) => product.name },
            { key: 'code', header: t('fields.code'), render: (product) => product.code },
            { key: 'type', header: t('fields.productType'), render: (product) => <ProductTypeBadge type={product.type} /> },
            { key: 'uom', header: t('fields.uom'), render: (product) => product.uom },
            {
              key: 'allergens',
              header: t('products.allergens'),
              hideOnPhone: true,
              render: (product) => <AllergenBadges declared={product.allergens} derived={product.derivedAllergens} size="xs" />,
            },
            { key: 'status', header: t('fields.status'), hideOnPhone: true, render: (product) => <StatusBadge status={product.status ?? 'active'} /> },
          ]}
        />
      </QueryState>
      {creating && <ProductForm opened={creating} onClose={close} onSaved={(product) => void navigate(`/products/${product.id}`)} />}
    </>
  );
}
