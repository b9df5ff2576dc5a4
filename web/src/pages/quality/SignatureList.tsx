import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useList } from '../../api/queries';
import type { Signature } from '../../api/quality';
import { Section } from '../../components/Detail';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';

/** Who signed a record, when, meaning what, and the fingerprint of the record as signed. */
export function SignatureList({ recordId }: { recordId: string }) {
  const { t, i18n } = useTranslation();
  const signatures = useList<Signature>('/signatures', { recordId });
  return (
    <Section title={t('signature.signatures')}>
      <QueryState query={signatures}>
        <Stack gap="xs" data-testid="signatures">
          {signatures.items.length === 0 && <Text c="dimmed">{t('signature.none')}</Text>}
          {signatures.items.map((signature) => (
            <div key={signature.id} data-testid="signature">
              <Text fw={600}>{signature.meaning}</Text>
              <Text size="sm">{t('signature.signedBy', { name: `${signature.signerName} <${signature.signerEmail}>`, time: formatDateTime(signature.signedAt, i18n.language) })}</Text>
              <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                {t('signature.fingerprint')} {signature.recordSha256}
              </Text>
            </div>
          ))}
        </Stack>
      </QueryState>
    </Section>
  );
}
