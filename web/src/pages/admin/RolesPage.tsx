import { Badge, Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLookup } from '../../api/queries';
import { modules, type Role } from '../../api/types';
import { useSession } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { LevelBadge, RoleForm } from './RoleForm';

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
