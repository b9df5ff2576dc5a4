import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconDeviceFloppy, IconSignature } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess, useRecord } from '../../api/queries';
import { judge, type Inspection, type ResultValue, type SignatureInput, type Specification } from '../../api/quality';
import { useSession } from '../../auth/session';
import { BackLink, Facts, Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../format';
import { PlateChips } from './PlateChips';
import { ResultInput } from './ResultInput';
import { SignatureDialog } from './SignatureDialog';
import { SignatureList } from './SignatureList';

type Values = Record<string, ResultValue | undefined>;

/** The inspection screen, made for a tablet (1024×768): big inputs, each result judged as it is typed, completed with a signature. */
export function InspectionPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const names = useNames();
  const queryClient = useQueryClient();
  const inspection = useRecord<Inspection>(`/inspections/${id}`);
  const data = inspection.data;
  const specification = useRecord<Specification>(data ? `/specifications/${data.specificationId}` : null);
  const [values, setValues] = useState<Values>({});
  const [signing, setSigning] = useState(false);
  useEffect(() => {
    if (data) setValues(Object.fromEntries(data.results.map((result) => [result.parameterCode, result.value])));
  }, [data]);
  const parameters = specification.data?.parameters ?? [];
  const entered = parameters.filter((parameter) => values[parameter.code] !== undefined && judge(parameter, values[parameter.code]) !== null);
  const missing = parameters.filter((parameter) => parameter.required && !entered.includes(parameter));
  const willPass = entered.every((parameter) => judge(parameter, values[parameter.code]));
  const isOpen = data?.status === 'open' && can('quality', 'write');

  const saveResults = () => (entered.length === 0 ? Promise.resolve(data) : api<Inspection>(`/inspections/${id}/results`, { method: 'POST', body: { results: entered.map((parameter) => ({ parameterCode: parameter.code, value: values[parameter.code] })) } }));
  const refresh = () => invalidatePaths(queryClient, '/inspections', '/license-plates', '/ncrs', '/dashboard', '/signatures');
  const save = useMutation({ mutationFn: saveResults, onSuccess: async () => { await refresh(); notifySuccess(t('inspections.saved')); } });
  const complete = useMutation({
    mutationFn: async (signature: SignatureInput) => {
      await saveResults();
      return api<Inspection>(`/inspections/${id}/complete`, { method: 'POST', body: { signature } });
    },
    meta: { silent: true },
    onSuccess: async (done) => {
      setSigning(false);
      await refresh();
      notifySuccess(t('inspections.completed', { number: done.number, decision: t(`status.${done.decision ?? 'passed'}`) }));
    },
  });

  return (
    <>
      <PageHeader
        back={<BackLink to="/inspections">{t('nav.inspections')}</BackLink>}
        title={<Group gap="sm">{data?.number ?? '…'}{data && <StatusBadge status={data.decision ?? data.status} />}</Group>}
        description={data && `${names.productName(data.productId)} · ${t('fields.lot')} ${data.lot} · ${t(`inspections.stage.${data.stage}`)}`}
      />
      <QueryState query={inspection}>
        {data && (
          <Stack>
            <Section title={t('products.details')}>
              <Facts
                items={[
                  { label: t('fields.product'), value: names.productName(data.productId) },
                  { label: t('fields.lot'), value: data.lot },
                  { label: t('inspections.specification'), value: specification.data ? `${specification.data.name} v${specification.data.version}` : '…' },
                  { label: t('fields.createdAt'), value: `${formatDateTime(data.createdAt, i18n.language)} · ${t(`inspections.origin.${data.origin}`)}` },
                  {
                    label: t('inspections.plates'),
                    value: <PlateChips productId={data.productId} lot={data.lot} ids={data.licensePlateIds} />,
                  },
                  ...(data.ncrId ? [{ label: t('nav.ncrs'), value: <Anchor component={Link} to={`/ncrs/${data.ncrId}`} data-testid="inspection-ncr">{t('inspections.openNcr')}</Anchor> }] : []),
                ]}
              />
            </Section>
            <Section title={t('inspections.results')}>
              <QueryState query={specification}>
                <Stack gap="sm">
                  {parameters.map((parameter) => (
                    <ResultInput key={parameter.code} parameter={parameter} value={values[parameter.code]} readOnly={!isOpen} onChange={(value) => setValues((current) => ({ ...current, [parameter.code]: value }))} />
                  ))}
                </Stack>
              </QueryState>
            </Section>
            {isOpen && (
              <Group justify="flex-end" gap="md">
                <Button size="xl" variant="default" leftSection={<IconDeviceFloppy />} loading={save.isPending} onClick={() => save.mutate()} disabled={entered.length === 0} data-testid="save-results">
                  {t('inspections.save')}
                </Button>
                <Button size="xl" leftSection={<IconSignature />} onClick={() => setSigning(true)} disabled={missing.length > 0} data-testid="complete-inspection">
                  {t('inspections.complete')}
                </Button>
              </Group>
            )}
            {isOpen && missing.length > 0 && (
              <Text c="dimmed" ta="right">
                {t('inspections.missing', { codes: missing.map((parameter) => parameter.name).join(', ') })}
              </Text>
            )}
            {data.status === 'completed' && <SignatureList recordId={data.id} />}
          </Stack>
        )}
      </QueryState>
      {signing && data && (
        <SignatureDialog
          action={`${t('inspections.complete')} ${data.number}`}
          defaultMeaning={willPass ? t('inspections.completeMeaningPassed') : t('inspections.completeMeaningFailed')}
          onSign={(signature) => complete.mutateAsync(signature)}
          onClose={() => setSigning(false)}
          error={complete.error}
          pending={complete.isPending}
        >
          <Alert color={willPass ? 'green' : 'red'} variant="light" data-testid="decision-preview">
            {willPass ? t('inspections.willPass') : t('inspections.willFail')}
          </Alert>
        </SignatureDialog>
      )}
    </>
  );
}
