import { Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useSession } from '../../auth/session';
import { AuthFrame } from './AuthFrame';

export function SignInPage() {
  const { t } = useTranslation();
  const { startSession } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')),
      password: (value) => (value ? null : t('validation.required')),
    },
  });
  const signIn = useMutation({
    mutationFn: (values: typeof form.values) => startSession('/auth/login', { email: values.email.trim(), password: values.password }),
    meta: { form },
    onSuccess: () => {
      const from = (location.state as { from?: string } | null)?.from;
      void navigate(from && from !== '/sign-in' ? from : '/dashboard', { replace: true });
    },
  });

  return (
    <AuthFrame
      title={t('auth.signInTitle')}
      subtitle={t('auth.signInSubtitle')}
      footer={
        <>
          {t('auth.noAccount')}{' '}
          <Anchor component={Link} to="/sign-up" fw={600}>
            {t('auth.signUp')}
          </Anchor>
        </>
      }
    >
      <form onSubmit={form.onSubmit((values) => signIn.mutate(values))} noValidate>
        <Stack>
          <TextInput label={t('fields.email')} type="email" autoComplete="username" required size="md" {...form.getInputProps('email')} />
          <PasswordInput label={t('fields.password')} autoComplete="current-password" required size="md" {...form.getInputProps('password')} />
          <Button type="submit" size="md" loading={signIn.isPending} fullWidth>
            {t('auth.signIn')}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
