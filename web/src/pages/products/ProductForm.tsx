import { Button, Chip, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useResourceMutation } from '../../api/mutations';
import { productTypes, uoms, type Product } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { useAllergenName, useAllergens } from './allergens';

interface Values {
  code: string;
  name: string;
  type: string;
  uom: string;
  shelfLifeDays: number | string;
  gtin: string;
  allergens: string[];
  active: boolean;
}

/** Creates a product, or edits one (its code never changes). */
export function ProductForm({ product, opened, onClose, onSaved }: { product?: Product; opened: boolean; onClose: () => void; onSaved?: (product: Product) => void }) {
  const { t } = useTranslation();
  const allergens = useAllergens();
  const nameOf = useAllergenName();
  const form = useForm<Values>({
    initialValues: {
      code: product?.code ?? '',
      name: product?.name ?? '',
      type: product?.type ?? 'raw',
      uom: product?.uom ?? 'kg',
      shelfLifeDays: product?.shelfLifeDays ?? '',
      gtin: product?.gtin ?? '',
      allergens: product?.allergens ?? [],
      active: (product?.status ?? 'active') === 'active',
    },
    validate: {
      code: (value) => (product || value.trim() ? null : t('validation.required')),
      name: (value) => (value.trim() ? null : t('validation.required')),
      shelfLifeDays: (value) => (value === '' || (Number.isInteger(Number(value)) && Number(value) >= 0) ? null : t('validation.wholeNumber')),
      gtin: (value) => (value.trim() === '' || /^\d{8}$|^\d{12,14}$/.test(value.trim()) ? null : t('validation.gtin')),
    },
  });

  const save = useResourceMutation<Values, Product>({
    request: (values) => {
      const body: Record<string, unknown> = {
        name: values.name.trim(),
        type: values.type,
        uom: values.uom,
        shelfLifeDays: values.shelfLifeDays === '' ? null : Number(values.shelfLifeDays),
        gtin: values.gtin.trim() || null,
      };
      // The allergen list and status only travel once the server knows them (products v1 did not).
      if (allergens.isSuccess) body.allergens = values.allergens;
      if (product) {
        if (product.status !== undefined) body.status = values.active ? 'active' : 'inactive';
        return { path: `/products/${product.id}`, method: 'PATCH', body };
      }
      return { path: '/products', method: 'POST', body: { code: values.code.trim(), ...body } };
    },
    invalidates: ['/products'],
    form,
    success: (saved) => (product ? t('common.saved') : t('products.created', { code: saved.code })),
    onDone: (saved) => {
      onSaved?.(saved);
      onClose();
    },
  });

  return (
    <FormModal opened={opened} onClose={onClose} title={product ? t('products.editTitle', { code: product.code }) : t('products.newTitle')}>
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('fields.code')} required disabled={Boolean(product)} data-autofocus {...form.getInputProps('code')} />
            <TextInput label={t('fields.name')} required {...form.getInputProps('name')} />
            <Select
              label={t('fields.productType')}
              data={productTypes.map((type) => ({ value: type, label: t(`productType.${type}`) }))}
              allowDeselect={false}
              {...form.getInputProps('type')}
            />
            <Select label={t('fields.uom')} data={uoms.map((uom) => ({ value: uom, label: t(`uom.${uom}`) }))} allowDeselect={false} {...form.getInputProps('uom')} />
            <NumberInput label={t('fields.shelfLifeDays')} min={0} allowDecimal={false} {...form.getInputProps('shelfLifeDays')} />
            <TextInput label={t('fields.gtin')} inputMode="numeric" {...form.getInputProps('gtin')} />
          </SimpleGrid>
          {allergens.isSuccess && (
            <div>
              <Text size="sm" fw={500} mb={6}>
                {t('products.declaredAllergens')}
              </Text>
              <Chip.Group multiple value={form.values.allergens} onChange={(value) => form.setFieldValue('allergens', value)}>
                <Group gap={6}>
                  {[...allergens.data.items].sort((a, b) => nameOf(a.code).localeCompare(nameOf(b.code))).map((allergen) => (
                    <Chip key={allergen.code} value={allergen.code} size="sm" color="red" variant="light">
                      {nameOf(allergen.code)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
              {form.errors.allergens && (
                <Text c="red" size="xs" mt={4}>
                  {form.errors.allergens}
                </Text>
              )}
            </div>
          )}
          {product?.status !== undefined && <Switch label={t('fields.active')} {...form.getInputProps('active', { type: 'checkbox' })} />}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {product ? t('actions.save') : t('actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
