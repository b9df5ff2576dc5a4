import { Button, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconEdit } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useRecord } from '../../api/queries';
import type { Product } from '../../api/types';
import { useSession } from '../../auth/session';
import { BackLink, Facts, Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { AllergenBadges, useAllergenName } from './allergens';
import { BomSection } from './BomSection';
import { ProductForm } from './ProductForm';
import { ProductTypeBadge } from './ProductsPage';

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
