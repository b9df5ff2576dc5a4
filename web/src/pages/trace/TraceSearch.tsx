import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconBarcode, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import { notifyError } from '../../api/queries';
import { searchEverything, type SearchHit } from '../../api/search';
import type { LicensePlate } from '../../api/types';
import { ProductPicker } from '../../components/Pickers';
import type { useTraceParams } from './useTraceParams';

type Params = ReturnType<typeof useTraceParams>;

/** The lots among hits (of one product, when one is picked), the exact lot (any case) alone if there is one. */
function matchingLots(hits: SearchHit[], text: string, productId: string | null): SearchHit[] {
  const lots = hits.filter((hit) => hit.kind === 'lot' && (!productId || hit.id === productId));
  const exact = lots.filter((hit) => hit.label.toLowerCase() === text.toLowerCase());
  return exact.length > 0 ? exact : lots;
}

/** What a search answered, when it did not lead straight to a trace: nothing, or lots to pick from. */
type Outcome = { kind: 'none'; text: string; isLot: boolean } | { kind: 'choose'; text: string; lots: SearchHit[] } | null;

/** Start a trace: by plate number (or a lot typed there), or by lot alone, any case and any part; Enter searches. */
export function TraceSearch({ params }: { params: Params }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  // The lot alone is enough: the product only narrows a lot text that several products share.
  const [lotProduct, setLotProduct] = useState<string | null>(null);
  const [lotText, setLotText] = useState(params.lot ?? '');
  const [outcome, setOutcome] = useState<Outcome>(null);

  const openLots = (lots: SearchHit[], text: string, isLot: boolean) => {
    if (lots.length === 1) {
      setOutcome(null);
      params.traceLot(lots[0]!.id, lots[0]!.lot ?? lots[0]!.label, lots[0]!.productType === 'raw');
    } else setOutcome(lots.length === 0 ? { kind: 'none', text, isLot } : { kind: 'choose', text, lots });
  };
  const findLot = async () => {
    const text = lotText.trim();
    if (!text) return;
    try {
      openLots(matchingLots(await searchEverything(text), text, lotProduct), text, true);
    } catch (error) {
      notifyError(error);
    }
  };
  // A plate number opens that plate's trace; anything else is looked for as a lot.
  const findByNumber = async () => {
    const value = number.trim();
    if (!value) return;
    try {
      const lp = await api<LicensePlate>(`/license-plates/by-number/${encodeURIComponent(value)}`);
      setOutcome(null);
      params.set({ licensePlateId: lp.id, productId: null, lot: null });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) return notifyError(error);
      try {
        openLots(matchingLots(await searchEverything(value), value, null), value, false);
      } catch (searchError) {
        notifyError(searchError);
      }
    }
  };

  return (
    <Paper withBorder p="md">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('recall.trace.byPlate')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <TextInput
              leftSection={<IconBarcode size={18} />}
              placeholder={t('licensePlates.scanPlaceholder')}
              aria-label={t('fields.lpNumber')}
              value={number}
              onChange={(event) => setNumber(event.currentTarget.value)}
              onKeyDown={(event) => event.key === 'Enter' && void findByNumber()}
              style={{ flex: 1, minWidth: 0 }}
              data-testid="trace-number"
            />
            <Button onClick={() => void findByNumber()} leftSection={<IconSearch size={16} />}>
              {t('trace.go')}
            </Button>
          </Group>
        </Stack>
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('recall.trace.byLot')}
          </Text>
          <Group gap="xs" wrap="wrap">
            <TextInput
              placeholder={t('fields.lot')}
              aria-label={t('fields.lot')}
              data-testid="trace-lot"
              value={lotText}
              onChange={(event) => setLotText(event.currentTarget.value)}
              onKeyDown={(event) => event.key === 'Enter' && void findLot()}
              style={{ flex: '1 1 120px' }}
            />
            <ProductPicker aria-label={t('fields.product')} placeholder={t('recall.trace.anyProduct')} clearable data-testid="trace-lot-product" value={lotProduct} onChange={setLotProduct} style={{ flex: '2 1 180px' }} />
            <Button variant="light" disabled={!lotText.trim()} onClick={() => void findLot()} leftSection={<IconSearch size={16} />} data-testid="trace-lot-go">
              {t('trace.go')}
            </Button>
          </Group>
        </Stack>
      </SimpleGrid>
      {outcome && <SearchOutcome outcome={outcome} onPick={(hit) => openLots([hit], outcome.text, true)} />}
    </Paper>
  );
}

/** Nothing found (said plainly, not as a failure), or the lots to pick from. */
function SearchOutcome({ outcome, onPick }: { outcome: NonNullable<Outcome>; onPick: (hit: SearchHit) => void }) {
  const { t } = useTranslation();
  if (outcome.kind === 'none') {
    return (
      <Text size="sm" c="dimmed" mt="sm" data-testid="trace-no-match">
        {outcome.isLot ? t('recall.trace.noLot', { lot: outcome.text }) : t('recall.trace.noMatch', { q: outcome.text })}
      </Text>
    );
  }
  return (
    <Stack gap={6} mt="sm" data-testid="trace-lot-choices">
      <Text size="sm">{t('recall.trace.chooseLot', { lot: outcome.text })}</Text>
      <Group gap="xs">
        {outcome.lots.map((hit) => (
          <Button key={`${hit.id}/${hit.label}`} size="xs" variant="default" onClick={() => onPick(hit)}>
            {hit.label} · {hit.detail ?? ''}
          </Button>
        ))}
      </Group>
    </Stack>
  );
}
