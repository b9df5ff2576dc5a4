import { Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess, useLookup } from '../../api/queries';
import { modules, type Level, type Permissions, type Role } from '../../api/types';
import { useSession } from '../../auth/session';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';

const levelColors: Record<Level, string> = { none: 'gray', read: 'blue', write: 'teal' };

function LevelBadge({ level }: { level: Level }) {
  const { t } = useTranslation();
  return (
    <Badge color={levelColors[level]} variant={level === 'none' ? 'outline' : 'light'} radius="sm" style={{ textTransform: 'none' }}>
      {t(`roles.level.${level}`)}
    </Badge>
  );
}

function RoleForm({ role, onClose }: { role?: Role; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      name: role?.name ?? '',
      permissions: role?.permissions ?? (Object.fromEntries(modules.map((module) => [module, 'none'])) as Permissions),
    },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const save = useMutation({
    mutationFn: (values: typeof form.values) =>
      role
        ? api<Role>(`/roles/${role.id}`, { method: 'PATCH', body: { name: values.name.trim(), permissions: values.permissions } })
        : api<Role>('/roles', { method: 'POST', body: { name: values.name.trim(), permissions: values.permissions } }),
    meta: { form },
    onSuccess: async () => {
      await invalidatePaths(queryClient, '/roles', '/me');
      notifySuccess(t('common.saved'));
      onClose();
    },
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

export function RolesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const roles = useLookup<Role>('/roles');
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const isPhone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const canWrite = can('settings', 'write');
  const roleName = (role: Role) => t(`roles.name.${role.name}` as 'roles.name.admin', { defaultValue: role.name });
  const open = (role: Role) => canWrite && !role.system && setEditing(role);

  return (
    <>
      <PageHeader
        title={t('nav.roles')}
        description={t('roles.description')}
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')}>
              {t('roles.new')}
            </Button>
          )
        }
      />
      <QueryState query={roles}>
        {isPhone ? (
          <Stack gap="xs">
            {roles.items.map((role) => (
              <Paper key={role.id} withBorder p="sm" onClick={() => open(role)}>
                <Group justify="space-between" mb={6}>
                  <Text fw={600}>{roleName(role)}</Text>
                  {role.system && <Badge variant="outline" color="gray" size="xs">{t('roles.system')}</Badge>}
                </Group>
                <Stack gap={4}>
                  {modules.map((module) => (
                    <Group key={module} justify="space-between">
                      <Text size="sm">{t(`modules.${module}`)}</Text>
                      <LevelBadge level={role.permissions[module]} />
                    </Group>
                  ))}
                </Stack>
              </Paper>
            ))}
          </Stack>
        ) : (
          <Paper withBorder style={{ overflow: 'hidden' }}>
            <Table.ScrollContainer minWidth={800} type="native">
              <Table verticalSpacing="sm" highlightOnHover>
                <Table.Thead bg="gray.0">
                  <Table.Tr>
                    <Table.Th>{t('fields.name')}</Table.Th>
                    {modules.map((module) => (
                      <Table.Th key={module}>{t(`modules.${module}`)}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {roles.items.map((role) => (
                    <Table.Tr key={role.id} onClick={() => open(role)} style={{ cursor: canWrite && !role.system ? 'pointer' : undefined }}>
                      <Table.Td>
                        <Group gap={6}>
                          <Text fw={600} size="sm">
                            {roleName(role)}
                          </Text>
                          {role.system && <Badge variant="outline" color="gray" size="xs">{t('roles.system')}</Badge>}
                        </Group>
                      </Table.Td>
                      {modules.map((module) => (
                        <Table.Td key={module}>
                          <LevelBadge level={role.permissions[module]} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </QueryState>
      {editing && <RoleForm role={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
