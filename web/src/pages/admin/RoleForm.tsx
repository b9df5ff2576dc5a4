import { Badge, Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useResourceMutation } from '../../api/mutations';
import { modules, type Level, type Permissions, type Role } from '../../api/types';
import { FormModal } from '../../components/FormModal';

export const levelColors: Record<Level, string> = { none: 'gray', read: 'blue', write: 'teal' };

export function LevelBadge({ level }: { level: Level }) {
  const { t } = useTranslation();
  return (
    <Badge color={levelColors[level]} variant={level === 'none' ? 'outline' : 'light'} radius="sm" style={{ textTransform: 'none' }}>
      {t(`roles.level.${level}`)}
    </Badge>
  );
}

export function RoleForm({ role, onClose }: { role?: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      name: role?.name ?? '',
      permissions: role?.permissions ?? (Object.fromEntries(modules.map((module) => [module, 'none'])) as Permissions),
    },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const save = useResourceMutation<typeof form.values, Role>({
    request: (values) => ({ path: role ? `/roles/${role.id}` : '/roles', method: role ? 'PATCH' : 'POST', body: { name: values.name.trim(), permissions: values.permissions } }),
    invalidates: ['/roles', '/me'],
    form,
    success: t('common.saved'),
    onDone: onClose,
  });
  return (
    <FormModal opened onClose={onClose} title={role ? role.name : t('roles.new')} size="lg">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <TextInput label={t('fields.name')} required data-autofocus {...form.getInputProps('name')} />
          <Stack gap="xs">
            {modules.map((module) => (
              <Group key={module} justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm" fw={500}>
                  {t(`modules.${module}`)}
                </Text>
                <SegmentedControl
                  size="xs"
                  data={(['none', 'read', 'write'] as const).map((level) => ({ value: level, label: t(`roles.level.${level}`) }))}
                  {...form.getInputProps(`permissions.${module}`)}
                />
              </Group>
            ))}
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {role ? t('actions.save') : t('actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
