import { Badge, Button, Group, Paper, PasswordInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { notifySuccess } from '../../api/queries';
import type { Me } from '../../api/types';
import { useSession } from '../../auth/session';
import { PageHeader } from '../../components/PageHeader';
import { MIN_PASSWORD_LENGTH } from '../auth/SignUpPage';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <div style={{ overflowWrap: 'anywhere' }}>{children}</div>
    </div>
  );
}

function AccountCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="profile-account">
      <Text fw={700} mb="sm">
        {t('profile.account')}
      </Text>
      <Stack gap="sm">
        <Fact label={t('fields.name')}>{me.user.name}</Fact>
        <Fact label={t('fields.email')}>{me.user.email}</Fact>
        <Fact label={t('profile.organization')}>{me.organization.name}</Fact>
        <Fact label={t('fields.roles')}>
          <Group gap={4} mt={2}>
            {me.user.roles.map((role) => (
              <Badge key={role} variant="light" color="gray" radius="sm" style={{ textTransform: 'none' }}>
                {t(`roles.name.${role}` as 'roles.name.admin', { defaultValue: role })}
              </Badge>
            ))}
          </Group>
        </Fact>
      </Stack>
    </Paper>
  );
}

/** The server checks the current password again and signs out every other session of the person. */
function ChangePasswordForm({ email }: { email: string }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', repeatPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('validation.required')),
      newPassword: (value) => (value.length >= MIN_PASSWORD_LENGTH ? null : t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH })),
      repeatPassword: (value, values) => (value === values.newPassword ? null : t('validation.passwordsDiffer')),
    },
  });
  const change = useMutation({
    mutationFn: (values: typeof form.values) => api<void>('/me/password', { method: 'POST', body: { currentPassword: values.currentPassword, newPassword: values.newPassword } }),
    meta: { form },
    onError: (error) => {
      // The form already shows the server's words on the field it names; this one the person should read in their language.
      if (error instanceof ApiError && error.problem.errors?.some((fieldError) => fieldError.path === 'currentPassword')) {
        form.setFieldError('currentPassword', t('profile.wrongCurrentPassword'));
      }
    },
    onSuccess: () => {
      form.reset();
      notifySuccess(t('profile.passwordChanged'));
    },
  });
  return (
    <Paper withBorder p="md">
      <Text fw={700}>{t('profile.changePassword')}</Text>
      <Text size="sm" c="dimmed" mb="sm">
        {t('profile.changePasswordHint')}
      </Text>
      <form onSubmit={form.onSubmit((values) => change.mutate(values))} noValidate data-testid="change-password">
        <Stack>
          {/* Tells a password manager whose password this is. */}
          <input type="text" name="username" autoComplete="username" value={email} hidden readOnly />
          <PasswordInput label={t('profile.currentPassword')} autoComplete="current-password" required {...form.getInputProps('currentPassword')} />
          <PasswordInput
            label={t('profile.newPassword')}
            description={t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            required
            {...form.getInputProps('newPassword')}
          />
          <PasswordInput label={t('profile.repeatPassword')} autoComplete="new-password" required {...form.getInputProps('repeatPassword')} />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('profile.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The signed-in person's own page: who they are here, and their password. */
export function ProfilePage() {
  const { t } = useTranslation();
  const { me } = useSession();
  if (!me) return null;
  return (
    <>
      <PageHeader title={t('shell.profile')} description={t('profile.description', { organization: me.organization.name })} />
      <SimpleGrid cols={{ base: 1, md: 2 }} maw={960}>
        <AccountCard me={me} />
        <ChangePasswordForm email={me.user.email} />
      </SimpleGrid>
    </>
  );
}
