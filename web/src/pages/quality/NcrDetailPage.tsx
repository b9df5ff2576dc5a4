import { Anchor, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconArrowRight, IconDeviceFloppy, IconSignature } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess, useRecord } from '../../api/queries';
import type { Ncr, SignatureInput } from '../../api/quality';
import { useSession } from '../../auth/session';
import { BackLink, Facts, Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../format';
import { SeverityBadge } from './NcrsPage';
import { PlateChips } from './PlateChips';
import { SignatureDialog } from './SignatureDialog';
import { SignatureList } from './SignatureList';

const nextStep = { open: 'investigating', investigating: 'action' } as const;

/** One NCR: its facts, the analysis (root cause, corrective action), the next step, and the signed close. */
export function NcrDetailPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const names = useNames();
  const queryClient = useQueryClient();
  const ncr = useRecord<Ncr>(`/ncrs/${id}`);
  const data = ncr.data;
  const [analysis, setAnalysis] = useState({ rootCause: '', correctiveAction: '' });
  const [closing, setClosing] = useState(false);
  useEffect(() => {
    if (data) setAnalysis({ rootCause: data.rootCause ?? '', correctiveAction: data.correctiveAction ?? '' });
  }, [data]);
  const refresh = () => invalidatePaths(queryClient, '/ncrs', '/signatures', '/dashboard');
  const patch = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Ncr>(`/ncrs/${id}`, { method: 'PATCH', body }),
    onSuccess: async (saved) => {
      await refresh();
      notifySuccess(t('ncrs.saved', { number: saved.number }));
    },
  });
  const close = useMutation({
    mutationFn: (signature: SignatureInput) => api<Ncr>(`/ncrs/${id}/close`, { method: 'POST', body: { ...filled(analysis), signature } }),
    meta: { silent: true },
    onSuccess: async (closed) => {
      setClosing(false);
      await refresh();
      notifySuccess(t('ncrs.closed', { number: closed.number }));
    },
  });
  const isOpen = data && data.status !== 'closed' && can('quality', 'write');
  const step = data && data.status !== 'closed' && data.status !== 'action' ? nextStep[data.status] : null;

  return (
    <>
      <PageHeader
        back={<BackLink to="/ncrs">{t('nav.ncrs')}</BackLink>}
        title={<Group gap="sm">{data?.number ?? '…'}{data && <StatusBadge status={data.status} />}</Group>}
        description={data?.title}
        actions={
          isOpen && step && (
            <Button variant="light" leftSection={<IconArrowRight size={18} />} onClick={() => patch.mutate({ status: step })} loading={patch.isPending} data-testid="ncr-next-step">
              {step === 'investigating' ? t('ncrs.startInvestigation') : t('ncrs.moveToAction')}
            </Button>
          )
        }
      />
      <QueryState query={ncr}>
        {data && (
          <Stack>
            <Section title={t('products.details')}>
              <Facts
                items={[
                  { label: t('ncrs.severity'), value: <SeverityBadge severity={data.severity} /> },
                  { label: t('fields.status'), value: <StatusBadge status={data.status} />, testId: 'ncr-status' },
                  { label: t('fields.product'), value: names.productName(data.productId) },
                  { label: t('fields.lot'), value: data.lot ?? '—' },
                  { label: t('fields.supplier'), value: names.supplier(data.supplierId) },
                  { label: t('fields.createdAt'), value: formatDateTime(data.createdAt, i18n.language) },
                  ...(data.inspectionId ? [{ label: t('ncrs.inspection'), value: <Anchor component={Link} to={`/inspections/${data.inspectionId}`}>{t('ncrs.inspection')}</Anchor> }] : []),
                  ...(data.closedAt ? [{ label: t('status.closed'), value: formatDateTime(data.closedAt, i18n.language) }] : []),
                ]}
              />
              <Text mt="md" style={{ whiteSpace: 'pre-wrap' }}>
                {data.description}
              </Text>
              {data.productId && data.lot && data.licensePlateIds.length > 0 && <PlateChips productId={data.productId} lot={data.lot} ids={data.licensePlateIds} />}
            </Section>
            <Section title={`${t('ncrs.rootCause')} · ${t('ncrs.correctiveAction')}`}>
              <Stack>
                <Textarea size="md" autosize minRows={2} label={t('ncrs.rootCause')} value={analysis.rootCause} readOnly={!isOpen} onChange={(event) => setAnalysis({ ...analysis, rootCause: event.currentTarget.value })} data-testid="ncr-root-cause" />
                <Textarea size="md" autosize minRows={2} label={t('ncrs.correctiveAction')} value={analysis.correctiveAction} readOnly={!isOpen} onChange={(event) => setAnalysis({ ...analysis, correctiveAction: event.currentTarget.value })} data-testid="ncr-corrective-action" />
                {isOpen && (
                  <Group justify="flex-end">
                    <Button variant="default" leftSection={<IconDeviceFloppy size={18} />} onClick={() => patch.mutate(filled(analysis))} loading={patch.isPending} disabled={!analysis.rootCause.trim() && !analysis.correctiveAction.trim()}>
                      {t('ncrs.saveAnalysis')}
                    </Button>
                    <Button size="md" leftSection={<IconSignature size={18} />} onClick={() => setClosing(true)} disabled={!analysis.rootCause.trim() || !analysis.correctiveAction.trim()} data-testid="ncr-close">
                      {t('ncrs.close')}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Section>
            {data.status === 'closed' && <SignatureList recordId={data.id} />}
          </Stack>
        )}
      </QueryState>
      {closing && data && (
        <SignatureDialog
          action={`${t('ncrs.close')} ${data.number}`}
          defaultMeaning={t('ncrs.closeMeaning')}
          onSign={(signature) => close.mutateAsync(signature)}
          onClose={() => setClosing(false)}
          error={close.error}
          pending={close.isPending}
        />
      )}
    </>
  );
}

/** The analysis fields someone filled in (the API refuses empty text). */
function filled(analysis: { rootCause: string; correctiveAction: string }) {
  return Object.fromEntries(Object.entries(analysis).filter(([, value]) => value.trim()).map(([key, value]) => [key, value.trim()]));
}
