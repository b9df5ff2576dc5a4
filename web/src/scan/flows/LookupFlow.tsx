import { Card, Stack, Text } from '@mantine/core';
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Page } from '../../api/client';
import { errorMessage } from '../../api/queries';
import type { LicensePlate } from '../../api/types';
import { formatDate, formatQty } from '../../format';
import { gtin14, type Scan } from '../classify';
import { signalSuccess } from '../feedback';
import { parseGs1 } from '../gs1';
import { lookUpPlate, useScanNames } from '../lookups';
import { PlateCard } from '../PlateCard';
import { ScanField } from '../ScanField';
import { ScanShell } from '../ScanShell';

function Answer({ kind, children }: { kind: string; children: ReactNode }) {
  return (
    <Card withBorder padding="sm" data-testid="lookup-result">
      <Text fw={800} size="lg" c="teal.9" data-testid="lookup-kind">
        {kind}
      </Text>
      {children}
    </Card>
  );
}

/** Scan anything (plate, location, GTIN, SSCC, a GS1 label) and see what it is. */
export function LookupFlow() {
  const { t, i18n } = useTranslation();
  const names = useScanNames();
  const [answer, setAnswer] = useState<ReactNode>(null);

  const take = useCallback(async (scan: Scan): Promise<string | void> => {
    const kind = t(`scan.kind.${scan.kind}`);
    try {
      if (scan.kind === 'lp') {
        const found = await lookUpPlate(scan.code);
        if ('missing' in found) return t('scan.plateNotFound', { number: scan.code });
        if ('offline' in found) return t('scan.needsConnection');
        setAnswer(<Answer kind={kind}><PlateCard lp={found.lp} /></Answer>);
      } else if (scan.kind === 'location') {
        const location = names.locationByCode(scan.code);
        if (!location) return t('scan.unknownCode', { code: scan.code });
        const plates = await api<Page<LicensePlate>>('/license-plates', { query: { locationId: location.id, status: 'available', limit: 100 } }).catch(() => null);
        setAnswer(
          <Answer kind={kind}>
            <Text fw={800} size="xl">{location.code} · {location.name}</Text>
            {plates && <Text size="lg">{t('scan.lookup.platesHere', { count: plates.items.length })}</Text>}
            {plates?.items.map((lp) => <Text key={lp.id} size="lg" ff="monospace">{lp.number} · {names.product(lp.productId)?.code} · {formatQty(lp.qty, lp.uom, i18n.language)}</Text>)}
          </Answer>,
        );
      } else if (scan.kind === 'gtin') {
        const product = names.products.find((each) => each.gtin && gtin14(each.gtin) === gtin14(scan.code));
        if (!product) return t('scan.unknownCode', { code: scan.code });
        setAnswer(<Answer kind={kind}><Text fw={800} size="xl">{product.code} · {product.name}</Text></Answer>);
      } else if (scan.kind === 'sscc') {
        const found = await api<{ items: { kind: string; id: string; label: string }[] }>('/search', { query: { q: scan.code } });
        if (found.items.length === 0) return t('scan.unknownCode', { code: scan.code });
        setAnswer(<Answer kind={kind}>{found.items.map((item) => <Text key={item.id} fw={700} size="lg">{item.label}</Text>)}</Answer>);
      } else {
        const fields = await parseGs1(scan.code);
        setAnswer(
          <Answer kind={kind}>
            {fields.productId && <Text fw={800} size="xl">{names.productName(fields.productId)}</Text>}
            {Object.entries(fields).filter(([key, value]) => key !== 'productId' && (typeof value === 'string' || typeof value === 'number')).map(([key, value]) => (
              <Text key={key} size="lg">
                {t(`gs1.fields.${key}` as 'gs1.fields.lot', { defaultValue: key })}: {/Date|bestBefore/.test(key) ? formatDate(String(value), i18n.language) : String(value)}
              </Text>
            ))}
          </Answer>,
        );
      }
    } catch (error) {
      setAnswer(null);
      return error instanceof ApiError && error.status === 0 ? t('scan.needsConnection') : errorMessage(error);
    }
    signalSuccess();
  }, [i18n.language, names, t]);

  return (
    <ScanShell title={t('scan.lookup.title')}>
      <Stack>
        <ScanField label={t('scan.lookup.scanAnything')} expect={['lp', 'location', 'gs1', 'sscc', 'gtin']} onScan={take} />
        {answer}
      </Stack>
    </ScanShell>
  );
}
