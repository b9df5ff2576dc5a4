import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconRoute } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { LicensePlate, Trace } from '../../api/types';
import { Section } from '../../components/Detail';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { TraceGraph } from '../trace/TraceGraph';

type Direction = 'backward' | 'forward';

/** The same query (and cache entry) as the trace screen's for this plate. */
export function usePlateTrace(licensePlateId: string, direction: Direction) {
  return useQuery({
    queryKey: ['/trace', direction, { licensePlateId }],
    queryFn: ({ signal }) => api<Trace>(`/trace/${direction}`, { query: { licensePlateId }, signal }),
  });
}

function Ends({ direction, trace }: { direction: Direction; trace: Trace }) {
  const { t } = useTranslation();
  const names = useNames();
  const ids = direction === 'backward' ? trace.receipts.map((receipt) => receipt.supplierId).filter((id): id is string => Boolean(id)) : trace.shipments.map((shipment) => shipment.customerId);
  const unique = [...new Set(ids)];
  if (unique.length === 0) return null;
  return (
    <Group gap={6} mb="xs">
      <Text size="sm" fw={600}>
        {direction === 'backward' ? t('trace.suppliers') : t('trace.customers')}:
      </Text>
      {unique.map((id) => (
        <Badge key={id} variant="light" color={direction === 'backward' ? 'blue' : 'indigo'} radius="sm" style={{ textTransform: 'none' }} data-testid={direction === 'backward' ? 'genealogy-supplier' : 'genealogy-customer'}>
          {direction === 'backward' ? names.supplier(id) : names.customer(id)}
        </Badge>
      ))}
    </Group>
  );
}

function Direction({ lp, direction }: { lp: LicensePlate; direction: Direction }) {
  const { t } = useTranslation();
  const trace = usePlateTrace(lp.id, direction);
  const data = trace.data;
  const alone = data && data.links.length === 0 && (direction === 'backward' ? data.receipts.length === 0 : data.shipments.length === 0);
  return (
    <Section
      title={t(direction === 'backward' ? 'trace.backward' : 'trace.forward')}
      actions={
        <Button component={Link} to={`/trace?licensePlateId=${lp.id}&direction=${direction}`} variant="subtle" size="compact-sm" leftSection={<IconRoute size={16} />}>
          {t('licensePlates.openTrace')}
        </Button>
      }
    >
      <div data-testid={`genealogy-${direction}`}>
        <QueryState query={trace}>
          {data &&
            (alone ? (
              <Text c="dimmed" size="sm">
                {t(direction === 'backward' ? 'licensePlates.noOrigin' : 'licensePlates.notUsedYet')}
              </Text>
            ) : (
              <Stack gap={0}>
                <Ends direction={direction} trace={data} />
                <TraceGraph trace={data} />
              </Stack>
            ))}
        </QueryState>
      </div>
    </Section>
  );
}

/** Where the plate came from (down to suppliers) and where it went (up to customers), on its own page. */
export function LicensePlateGenealogy({ lp }: { lp: LicensePlate }) {
  return (
    <>
      <Direction lp={lp} direction="backward" />
      <Direction lp={lp} direction="forward" />
    </>
  );
}
