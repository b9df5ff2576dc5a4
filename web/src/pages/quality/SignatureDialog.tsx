import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconSignature } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { fieldErrorText } from '../../api/problem-text';
import { errorMessage } from '../../api/queries';
import type { SignatureInput } from '../../api/quality';
import { FormModal } from '../../components/FormModal';

interface SignatureDialogProps {
  /** What is signed, e.g. "Complete inspection QI-000001". */
  action: string;
  defaultMeaning: string;
  /** Shown above the signature: what signing will do, extra fields of the signed action. */
  children?: ReactNode;
  /** Sends the signed action; a wrong password comes back as signature.password and stays on the dialog. */
  onSign: (signature: SignatureInput) => Promise<unknown>;
  onClose: () => void;
  error?: unknown;
  pending?: boolean;
}

/** The electronic signature of a signed action (21 CFR Part 11): the signer's own password again and the meaning. */
export function SignatureDialog({ action, defaultMeaning, children, onSign, onClose, error, pending }: SignatureDialogProps) {
  const { t } = useTranslation();
  const form = useForm<SignatureInput>({
    initialValues: { password: '', meaning: defaultMeaning },
    validate: { password: (value) => (value ? null : t('validation.required')), meaning: (value) => (value.trim() ? null : t('validation.required')) },
  });
  const fieldError = (path: string) => {
    const found = error instanceof ApiError ? error.problem.errors?.find((each) => each.path === path) : undefined;
    return found && fieldErrorText(found);
  };
  const otherError = error && !fieldError('signature.password') && !fieldError('signature.meaning') ? errorMessage(error) : null;
  return (
    <FormModal opened onClose={onClose} title={t('signature.title', { action })} size="md">
      <form onSubmit={form.onSubmit((values) => void onSign(values).catch(() => form.setFieldValue('password', '')))} noValidate data-testid="signature-dialog">
        <Stack>
          {children}
          <Text size="sm" c="dimmed">
            {t('signature.explain')}
          </Text>
          <TextInput size="lg" label={t('signature.meaning')} {...form.getInputProps('meaning')} error={form.errors.meaning ?? fieldError('signature.meaning')} data-testid="signature-meaning" />
          <PasswordInput
            size="lg"
            label={t('signature.password')}
            autoComplete="current-password"
            data-autofocus
            {...form.getInputProps('password')}
            error={form.errors.password ?? fieldError('signature.password')}
            data-testid="signature-password"
          />
          {otherError && (
            <Alert color="red" variant="light">
              {otherError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" size="lg" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" size="lg" leftSection={<IconSignature size={20} />} loading={pending} data-testid="signature-sign">
              {t('signature.sign')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}
