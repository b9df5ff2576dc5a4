import { Badge, Button, Group } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useList } from '../../api/queries';
import type { User } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { SetPasswordForm, UserForm } from './UserForms';

export function UsersPage() {
  const { t } = useTranslation();
  const { can, me } = useSession();
  const users = useList<User>('/users');
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [settingPassword, setSettingPassword] = useState<User | null>(null);
  const canWrite = can('settings', 'write');
  return (
    <>
      <PageHeader
        title={t('nav.users')}
        description={t('users.description')}
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing('new')} data-testid="new-user">
              {t('users.new')}
            </Button>
          )
        }
      />
      <QueryState query={users}>
        <DataList
          testId="users"
          rows={users.items}
          rowKey={(user) => user.id}
          onRowClick={canWrite ? (user) => setEditing(user) : undefined}
          hasMore={users.hasNextPage}
          onLoadMore={() => void users.fetchNextPage()}
          columns={[
            { key: 'name', header: t('fields.name'), render: (user) => user.name },
            { key: 'email', header: t('fields.email'), render: (user) => user.email },
            {
              key: 'roles',
              header: t('fields.roles'),
              render: (user) => (
                <Group gap={4}>
                  {user.roles.map((role) => (
                    <Badge key={role} variant="light" color="gray" radius="sm" style={{ textTransform: 'none' }}>
                      {t(`roles.name.${role}` as 'roles.name.admin', { defaultValue: role })}
                    </Badge>
                  ))}
                </Group>
              ),
            },
            { key: 'active', header: t('fields.status'), render: (user) => <StatusBadge status={user.active ? 'active' : 'inactive'} /> },
          ]}
        />
      </QueryState>
      {editing && (
        <UserForm
          user={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          // One's own password is changed on the profile page, which asks for the current one.
          onSetPassword={
            editing !== 'new' && editing.id !== me?.user.id
              ? () => {
                  setSettingPassword(editing);
                  setEditing(null);
                }
              : undefined
          }
        />
      )}
      {settingPassword && <SetPasswordForm user={settingPassword} onClose={() => setSettingPassword(null)} />}
    </>
  );
}
