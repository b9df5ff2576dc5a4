import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useResourceMutation } from '../../api/mutations';
import type { Bom, Product } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { QUANTITY_DECIMALS, QuantityInput } from '../../components/QuantityInput';
import { formatUnit, today } from '../../format';
import { BomItemFields } from './BomItemFields';
import { emptyItem, hasAtMostDecimals, type BomValues } from './bom-values';

/**
 * A new BOM version (empty, or copied from another version), or the edit of a draft. Checks
 * what the API checks before sending; the API's field errors land on the same fields.
 */
export function BomForm({ product, bom, copyOf, onClose }: { product: Product; bom?: Bom; copyOf?: Bom; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const source = bom ?? copyOf;
  const form = useForm<BomValues>({
    initialValues: {
      outputQty: source?.outputQty ?? '',
      effectiveFrom: bom?.effectiveFrom ?? today(),
      effectiveTo: bom?.effectiveTo ?? '',
      items: source ? source.items.map((item) => ({ key: item.id, productId: item.productId, qty: item.qty, scrapPercent: item.scrapPercent })) : [emptyItem()],
    },
    validate: {
      outputQty: (value) => (value !== '' && Number(value) > 0 && hasAtMostDecimals(Number(value), QUANTITY_DECIMALS) ? null : t('validation.positive')),
      effectiveFrom: (value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? null : t('validation.required')),
      effectiveTo: (value, values) => (value === '' || value >= values.effectiveFrom ? null : t('bom.toBeforeFrom')),
      items: {
        productId: (value) => (!value ? t('validation.required') : value === product.id ? t('bom.notItself') : null),
        qty: (value) => (value !== '' && Number(value) > 0 && hasAtMostDecimals(Number(value), QUANTITY_DECIMALS) ? null : t('validation.positive')),
        scrapPercent: (value) => (value === '' || (Number(value) >= 0 && Number(value) < 100 && hasAtMostDecimals(Number(value), 2)) ? null : t('bom.scrapRule')),
      },
    },
  });

  const save = useResourceMutation<BomValues, Bom>({
    request: (values) => {
      const body = {
        outputQty: Number(values.outputQty),
        effectiveFrom: values.effectiveFrom,
        items: values.items.map((item) => ({ productId: item.productId, qty: Number(item.qty), scrapPercent: item.scrapPercent === '' ? 0 : Number(item.scrapPercent) })),
      };
      if (bom) return { path: `/boms/${bom.id}`, method: 'PATCH', body: { ...body, effectiveTo: values.effectiveTo || null } };
      return { path: '/boms', body: { productId: product.id, ...body, ...(values.effectiveTo ? { effectiveTo: values.effectiveTo } : {}) } };
    },
    invalidates: ['/boms'],
    success: (saved) => (bom ? t('common.saved') : t('bom.created', { version: saved.version })),
    form,
    onDone: onClose,
  });

  const itemsError = form.errors.items;
  return (
    <FormModal opened onClose={onClose} title={bom ? t('bom.editTitle', { version: bom.version }) : t('bom.newTitle', { product: product.name })} size="xl">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <QuantityInput
              label={t('bom.outputQty')}
              description={t('bom.outputQtyHint')}
              required
              rightSection={<Text size="sm" c="dimmed" pr={8}>{formatUnit(product.uom, i18n.language)}</Text>}
              data-autofocus
              data-testid="bom-output-qty"
              {...form.getInputProps('outputQty')}
            />
            <TextInput type="date" label={t('bom.effectiveFrom')} description={t('bom.effectiveFromHint')} required data-testid="bom-effective-from" {...form.getInputProps('effectiveFrom')} />
            <TextInput type="date" label={t('bom.effectiveTo')} description={t('bom.effectiveToHint')} data-testid="bom-effective-to" {...form.getInputProps('effectiveTo')} />
          </SimpleGrid>
          <div>
            <Text fw={600} size="sm" mb={6}>
              {t('bom.items')}
            </Text>
            <Stack gap="xs">
              {form.values.items.map((item, index) => (
                <BomItemFields key={item.key} form={form} product={product} index={index} />
              ))}
            </Stack>
            {typeof itemsError === 'string' && (
              <Text c="red" size="xs" mt={4}>
                {itemsError}
              </Text>
            )}
            <Button variant="subtle" leftSection={<IconPlus size={16} />} mt="xs" onClick={() => form.insertListItem('items', emptyItem())} data-testid="bom-add-item">
              {t('bom.addItem')}
            </Button>
          </div>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="bom-save">
              {bom ? t('actions.save') : t('bom.createDraft')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
