import { Button, Group, SimpleGrid, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useResourceMutation } from '../../api/mutations';
import { FormModal } from '../../components/FormModal';
import { CustomerRulesFields, initialRules, rulesBody } from './CustomerRulesFields';

export interface CodedRecord {
  id: string;
  code: string;
  name: string;
  active: boolean;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  contactName?: string | null;
  minRemainingShelfLifeDays?: number | null;
  excludedAllergens?: string[];
}

interface Props {
  /** '/warehouses', '/suppliers', '/customers' */
  path: string;
  record?: CodedRecord;
  withContact: boolean;
  /** A customer's dispatch rules: minimum remaining shelf life and excluded allergens. */
  withRules?: boolean;
  title: string;
  opened: boolean;
  onClose: () => void;
}

/** Create or edit a coded master record (warehouse, supplier, customer); the code is fixed once made. */
export function CodedRecordForm({ path, record, withContact, withRules = false, title, opened, onClose }: Props) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { code: record?.code ?? '', name: record?.name ?? '', email: record?.email ?? '', phone: record?.phone ?? '', address: record?.address ?? '', contactName: record?.contactName ?? '', active: record?.active ?? true, ...initialRules(record) },
    validate: {
      code: (value) => (record || value.trim() ? null : t('validation.required')),
      name: (value) => (value.trim() ? null : t('validation.required')),
      email: (value) => (!value.trim() || /^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')),
    },
  });
  const save = useResourceMutation<typeof form.values, CodedRecord>({
    request: (values) => {
      const contact = {
        ...(withContact ? { email: values.email.trim() || null, phone: values.phone.trim() || null, address: values.address.trim() || null } : {}),
        ...(withRules ? { ...rulesBody(values), contactName: values.contactName.trim() || null } : {}),
      };
      return record
        ? { path: `${path}/${record.id}`, method: 'PATCH', body: { name: values.name.trim(), active: values.active, ...contact } }
        : { path, method: 'POST', body: { code: values.code.trim(), name: values.name.trim(), ...contact } };
    },
    invalidates: [path],
    form,
    success: t('common.saved'),
    onDone: onClose,
  });
  return (
    <FormModal opened={opened} onClose={onClose} title={title} size="md">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('fields.code')} required disabled={Boolean(record)} data-autofocus {...form.getInputProps('code')} />
            <TextInput label={t('fields.name')} required {...form.getInputProps('name')} />
            {withRules && <TextInput label={t('recall.customers.contactName')} data-testid="customer-contact-name" {...form.getInputProps('contactName')} />}
            {withContact && <TextInput label={t('fields.email')} type="email" {...form.getInputProps('email')} />}
            {withContact && <TextInput label={t('fields.phone')} type="tel" {...form.getInputProps('phone')} />}
          </SimpleGrid>
          {withContact && <Textarea label={t('fields.address')} autosize minRows={2} {...form.getInputProps('address')} />}
          {withRules && <CustomerRulesFields form={form} />}
          {record && <Switch label={t('fields.active')} {...form.getInputProps('active', { type: 'checkbox' })} />}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {record ? t('actions.save') : t('actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
