import { Alert, Button, Group, MultiSelect, PasswordInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconKey } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLookup } from '../../api/queries';
import type { Role, User } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { MIN_PASSWORD_LENGTH } from '../auth/SignUpPage';
import { useResourceMutation } from '../../api/mutations';

export function UserForm({ user, onClose, onSetPassword }: { user?: User; onClose: () => void; onSetPassword?: () => void }) {
  const { t } = useTranslation();
  const roles = useLookup<Role>('/roles');
  const form = useForm({
    initialValues: { email: user?.email ?? '', name: user?.name ?? '', password: '', roles: user?.roles ?? ['operator'], active: user?.active ?? true },
    validate: {
      email: (value) => (user || /^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')),
      name: (value) => (value.trim() ? null : t('validation.required')),
      password: (value) => (user || value.length >= MIN_PASSWORD_LENGTH ? null : t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH })),
      roles: (value) => (value.length > 0 ? null : t('validation.atLeastOneRole')),
    },
  });
  const save = useResourceMutation<typeof form.values, User>({
    request: (values) =>
      user
        ? { path: `/users/${user.id}`, method: 'PATCH', body: { name: values.name.trim(), roles: values.roles, active: values.active } }
        : { path: '/users', method: 'POST', body: { email: values.email.trim(), name: values.name.trim(), password: values.password, roles: values.roles } },
    invalidates: ['/users'],
    form,
    success: t('common.saved'),
    onDone: onClose,
  });
  return (
    <FormModal opened onClose={onClose} title={user ? user.name : t('users.new')} size="md">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('fields.name')} required data-autofocus {...form.getInputProps('name')} />
            <TextInput label={t('fields.email')} type="email" required disabled={Boolean(user)} {...form.getInputProps('email')} />
          </SimpleGrid>
          {!user && (
            <PasswordInput
              label={t('fields.initialPassword')}
              description={t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH })}
              required
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
          )}
          <MultiSelect
            label={t('fields.roles')}
            data={roles.items.map((role) => ({ value: role.name, label: t(`roles.name.${role.name}` as 'roles.name.admin', { defaultValue: role.name }) }))}
            required
            {...form.getInputProps('roles')}
          />
          {user && <Switch label={t('users.canSignIn')} {...form.getInputProps('active', { type: 'checkbox' })} />}
          <Group justify="space-between">
            {onSetPassword ? (
              <Button variant="subtle" color="red" leftSection={<IconKey size={16} />} onClick={onSetPassword} data-testid="set-password">
                {t('users.setPassword')}
              </Button>
            ) : (
              <span />
            )}
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {t('actions.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {user ? t('actions.save') : t('actions.create')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}

/** An administrator sets someone's password (forgotten, or an account taken over): every session of theirs ends. */
export function SetPasswordForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (value) => (value.length >= MIN_PASSWORD_LENGTH ? null : t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH })) },
  });
  const save = useResourceMutation<typeof form.values, User>({
    request: (values) => ({ path: `/users/${user.id}`, method: 'PATCH', body: { password: values.password } }),
    invalidates: [],
    form,
    success: t('users.passwordSet', { name: user.name }),
    onDone: onClose,
  });
  return (
    <FormModal opened onClose={onClose} title={t('users.setPasswordTitle', { name: user.name })} size="md">
      <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
        <Stack>
          <Alert color="orange" variant="light" icon={<IconAlertTriangle />}>
            {t('users.setPasswordWarning', { name: user.name })}
          </Alert>
          <PasswordInput
            label={t('profile.newPassword')}
            description={t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH })}
            required
            autoComplete="new-password"
            data-autofocus
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" color="red" loading={save.isPending}>
              {t('users.setPasswordConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
