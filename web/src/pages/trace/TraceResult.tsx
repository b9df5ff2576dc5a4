import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Trace } from '../../api/types';
import { Section } from '../../components/Detail';
import { LicensePlateTable } from '../inventory/LicensePlateTable';
import { MassBalancePanel } from './MassBalancePanel';
import { RecallSummary } from './RecallSummary';
import type { LotSubject } from './TraceActions';
import { TraceEnds } from './TraceEnds';
import { TraceGraph } from './TraceGraph';

/** A trace's answer: the lot's balance and recall first, then the graph, where it ends, and every plate. */
export function TraceResult({ trace, lot }: { trace: Trace; lot: LotSubject | null }) {
  const { t } = useTranslation();
  return (
    <Stack>
      {lot && <MassBalancePanel productId={lot.productId} lot={lot.lot} />}
      {lot && <RecallSummary productId={lot.productId} lot={lot.lot} />}
      <TraceGraph trace={trace} />
      <TraceEnds trace={trace} />
      <Section title={t('trace.plates', { count: trace.licensePlates.length })}>
        <LicensePlateTable plates={trace.licensePlates} testId="trace-plates" />
      </Section>
    </Stack>
  );
}
