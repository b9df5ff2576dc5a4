import { ActionIcon, Button, Checkbox, Group, NumberInput, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCreate } from '../../api/mutations';
import { stages, type ParameterKind, type Specification, type Stage } from '../../api/quality';
import { FormModal } from '../../components/FormModal';
import { ProductPicker } from '../../components/Pickers';
import { useLocaleDecimals } from '../../components/QuantityInput';

interface ParameterRow {
  code: string;
  name: string;
  kind: ParameterKind;
  min: number | string;
  max: number | string;
  unit: string;
  expected: 'yes' | 'no';
  required: boolean;
}

interface Values {
  productId: string | null;
  name: string;
  stage: Stage;
  parameters: ParameterRow[];
}

const blankParameter = (): ParameterRow => ({ code: '', name: '', kind: 'numeric', min: '', max: '', unit: '', expected: 'yes', required: true });

/** A parameter as the API takes it: limits only on numbers, the expected answer only on yes/no. */
function toParameter(row: ParameterRow) {
  const base = { code: row.code.trim(), name: row.name.trim(), kind: row.kind, required: row.required, ...(row.unit.trim() ? { unit: row.unit.trim() } : {}) };
  if (row.kind === 'numeric') return { ...base, ...(typeof row.min === 'number' ? { min: row.min } : {}), ...(typeof row.max === 'number' ? { max: row.max } : {}) };
  if (row.kind === 'boolean') return { ...base, expected: row.expected === 'yes' };
  return base;
}

/** A new specification; it replaces the active one of the same product and stage. */
export function SpecificationForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const localeDecimals = useLocaleDecimals();
  const form = useForm<Values>({
    initialValues: { productId: null, name: '', stage: 'receipt', parameters: [blankParameter()] },
    validate: {
      productId: (value) => (value ? null : t('validation.required')),
      name: (value) => (value.trim() ? null : t('validation.required')),
      parameters: { code: (value) => (value.trim() ? null : t('validation.required')), name: (value) => (value.trim() ? null : t('validation.required')) },
    },
  });
  const create = useCreate<Values, Specification>('/specifications', {
    body: (values) => ({ productId: values.productId, name: values.name.trim(), stage: values.stage, parameters: values.parameters.map(toParameter) }),
    form,
    success: (specification) => t('specifications.created', { name: specification.name, version: specification.version }),
    onDone: onClose,
  });
  return (
    <FormModal opened onClose={onClose} title={t('specifications.new')} size="xl">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('specifications.replaces')}
          </Text>
          <Group grow align="flex-start" wrap="wrap">
            <ProductPicker label={t('fields.product')} required miw={220} {...form.getInputProps('productId')} />
            <TextInput label={t('fields.name')} required miw={200} {...form.getInputProps('name')} data-testid="spec-name" />
            <Select label={t('inspections.stageLabel')} allowDeselect={false} miw={160} data={stages.map((stage) => ({ value: stage, label: t(`inspections.stage.${stage}`) }))} {...form.getInputProps('stage')} />
          </Group>
          <Text fw={600}>{t('specifications.parameters')}</Text>
          {form.values.parameters.map((row, index) => (
            <Paper key={index} withBorder p="sm" data-testid={`spec-parameter-${index}`}>
              <Group align="flex-end" wrap="wrap" gap="xs">
                <TextInput label={t('specifications.code')} w={130} {...form.getInputProps(`parameters.${index}.code`)} />
                <TextInput label={t('fields.name')} w={180} {...form.getInputProps(`parameters.${index}.name`)} />
                <Select label={t('specifications.kind')} w={130} allowDeselect={false} data={(['numeric', 'boolean', 'text'] as const).map((kind) => ({ value: kind, label: t(`specifications.kinds.${kind}`) }))} {...form.getInputProps(`parameters.${index}.kind`)} />
                {row.kind === 'numeric' && (
                  <>
                    <NumberInput label={t('specifications.min')} w={90} decimalScale={6} {...localeDecimals} {...form.getInputProps(`parameters.${index}.min`)} />
                    <NumberInput label={t('specifications.max')} w={90} decimalScale={6} {...localeDecimals} {...form.getInputProps(`parameters.${index}.max`)} />
                    <TextInput label={t('specifications.unit')} w={70} {...form.getInputProps(`parameters.${index}.unit`)} />
                  </>
                )}
                {row.kind === 'boolean' && (
                  <Select label={t('specifications.expected')} w={110} allowDeselect={false} data={[{ value: 'yes', label: t('inspections.yes') }, { value: 'no', label: t('inspections.no') }]} {...form.getInputProps(`parameters.${index}.expected`)} />
                )}
                <Checkbox label={t('specifications.required')} mb={8} {...form.getInputProps(`parameters.${index}.required`, { type: 'checkbox' })} />
                <ActionIcon variant="subtle" color="red" mb={4} aria-label={t('actions.remove')} disabled={form.values.parameters.length === 1} onClick={() => form.removeListItem('parameters', index)}>
                  <IconTrash size={18} />
                </ActionIcon>
              </Group>
            </Paper>
          ))}
          <Group justify="space-between">
            <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('parameters', blankParameter())}>
              {t('specifications.addParameter')}
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending} data-testid="spec-create">
                {t('actions.create')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
