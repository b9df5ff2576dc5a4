import { Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { Trace } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { TraceActions, type LotSubject } from './TraceActions';
import { TraceResult } from './TraceResult';
import { TraceSearch } from './TraceSearch';
import { TraceToolbar } from './TraceToolbar';
import { useTraceParams } from './useTraceParams';

/** The lot a trace is about: the one asked for, or the plate's own. */
function lotOf(trace: Trace | undefined, subject: ReturnType<typeof useTraceParams>['subject']): LotSubject | null {
  if (!trace || !subject) return null;
  if ('lot' in subject) return subject;
  const root = trace.licensePlates.find((lp) => lp.id === subject.licensePlateId);
  return root ? { productId: root.productId, lot: root.lot } : null;
}

function Notice({ children, testId }: { children: string; testId?: string }) {
  return (
    <Paper withBorder p="xl">
      <Text c="dimmed" ta="center" data-testid={testId}>
        {children}
      </Text>
    </Paper>
  );
}

/** Where a lot came from (backward, to suppliers) and where it went (forward, to customers). */
export function TracePage() {
  const { t } = useTranslation();
  const params = useTraceParams();
  const { subject, direction } = params;
  const trace = useQuery({
    queryKey: ['/trace', direction, subject],
    queryFn: ({ signal }) => api<Trace>(`/trace/${direction}`, { query: subject!, signal }),
    enabled: subject !== null,
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
  const lot = lotOf(trace.data, subject);
  // A lot or plate that is not there is an answer, not a failure.
  const isMissing = trace.error instanceof ApiError && trace.error.status === 404;

  return (
    <>
      <PageHeader title={t('nav.trace')} description={t('trace.description')} actions={lot && <TraceActions subject={lot} />} />
      <Stack>
        <TraceSearch key={`${params.productId}/${params.lot}/${params.licensePlateId}`} params={params} />
        {subject && <TraceToolbar direction={direction} onDirection={(value) => params.set({ direction: value })} />}
        {!subject ? (
        <Notice>{t('trace.start')}</Notice>
      ) : isMissing ? (
        <Notice testId="trace-missing">{params.lot ? t('recall.trace.noLot', { lot: params.lot }) : t('recall.trace.noMatch', { q: params.licensePlateId ?? '' })}</Notice>
      ) : (
        <QueryState query={trace}>{trace.data && <TraceResult trace={trace.data} lot={lot} />}</QueryState>
        )}
      </Stack>
    </>
  );
}
