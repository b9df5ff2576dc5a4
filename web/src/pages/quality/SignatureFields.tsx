import { PasswordInput, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { SignatureValues } from '../../api/floor-quality';

/** The fields of an electronic signature: the signer's password again and its meaning. */
export function SignatureFields<T extends { signature: SignatureValues }>({ form }: { form: UseFormReturnType<T> }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <TextInput label={t('signed.meaning')} required {...form.getInputProps('signature.meaning')} />
      <PasswordInput label={t('signed.password')} description={t('signed.passwordHint')} required autoComplete="current-password" data-testid="signature-password" {...form.getInputProps('signature.password')} />
    </Stack>
  );
}

/** The rule every signature field shares: filled in. */
export const signatureRules = (required: string) => ({
  signature: { password: (value: string) => (value ? null : required), meaning: (value: string) => (value.trim() ? null : required) },
});
