import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../auth/session';
import { AuthFrame } from './AuthFrame';

export const MIN_PASSWORD_LENGTH = 10;

export function SignUpPage() {
  const { t } = useTranslation();
  const { startSession } = useSession();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { organizationName: '', name: '', email: '', password: '' },
    validate: {
      organizationName: (value) => (value.trim() ? null : t('validation.required')),
      name: (value) => (value.trim() ? null : t('validation.required')),
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')),
      password: (value) => (value.length >= MIN_PASSWORD_LENGTH ? null : t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH })),
    },
  });
  const signUp = useMutation({
    mutationFn: (values: typeof form.values) =>
      startSession('/auth/signup', { ...values, organizationName: values.organizationName.trim(), name: values.name.trim(), email: values.email.trim() }),
    meta: { form },
    onSuccess: () => {
      void navigate('/dashboard', { replace: true });
    },
  });

  return (
    <AuthFrame
      title={t('auth.signUpTitle')}
      subtitle={t('auth.signUpSubtitle')}
      footer={
        <>
          {t('auth.haveAccount')}{' '}
          <Anchor component={Link} to="/sign-in" fw={600}>
            {t('auth.signIn')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={form.onSubmit((values) => signUp.mutate(values))} noValidate>
        <Stack>
          <TextInput label={t('fields.organizationName')} required size="md" autoComplete="organization" {...form.getInputProps('organizationName')} />
          <TextInput label={t('fields.yourName')} required size="md" autoComplete="name" {...form.getInputProps('name')} />
          <TextInput label={t('fields.email')} type="email" required size="md" autoComplete="email" {...form.getInputProps('email')} />
          <PasswordInput
            label={t('fields.password')}
            description={t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH })}
            required
            size="md"
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" size="md" loading={signUp.isPending} fullWidth>
            {t('auth.createOrganization')}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
