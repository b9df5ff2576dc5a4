import { Box, Button, Center, Group, Stack, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import JsBarcode from 'jsbarcode';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { useRecord } from '../../api/queries';
import type { LicensePlate, Product } from '../../api/types';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatQty } from '../../format';
import { useAllergenName } from '../products/allergens';
import { gs1ElementString, renderGs1128 } from './gs1Label';
import classes from './LabelPage.module.css';

/** The plate's GS1-128 (GTIN, lot, production and expiry dates) as an SVG string; null until drawn. */
function useGs1Svg(text: string | null): { svg: string | null; failed: boolean } {
  const [state, setState] = useState<{ svg: string | null; failed: boolean }>({ svg: null, failed: false });
  useEffect(() => {
    if (!text) return;
    let live = true;
    renderGs1128(text).then(
      (svg) => live && setState({ svg, failed: false }),
      () => live && setState({ svg: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [text]);
  return state;
}

/**
 * A printable label: product, allergens, lot, production and expiry dates, quantity, the LP
 * number as Code 128 (what the terminal scans) and a GS1-128 for customers' scanners.
 * With ?print=1 it prints itself once drawn (after output, from a hidden frame).
 */
export function LabelPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const lp = useRecord<LicensePlate>(`/license-plates/${id}`);
  const product = useRecord<Product>(lp.data ? `/products/${lp.data.productId}` : null);
  const allergenName = useAllergenName();
  const barcode = useRef<SVGSVGElement>(null);
  const number = lp.data?.number;
  const gs1Text = lp.data && product.data ? gs1ElementString(lp.data, product.data) : null;
  const gs1 = useGs1Svg(gs1Text);
  useEffect(() => {
    if (barcode.current && number) JsBarcode(barcode.current, number, { format: 'CODE128', width: 2.4, height: 70, displayValue: true, fontSize: 18, font: 'monospace', margin: 0 });
  }, [number]);
  const ready = Boolean(number && (gs1.svg || gs1.failed));
  const printed = useRef(false);
  useEffect(() => {
    if (!ready || printed.current || params.get('print') !== '1') return;
    printed.current = true;
    setTimeout(() => window.print(), 100);
  }, [ready, params]);
  const allergens = [...new Set([...(product.data?.allergens ?? []), ...(product.data?.derivedAllergens ?? [])])].sort();
  return (
    <Center p="md">
      <QueryState query={lp}>
        {lp.data && (
          <Stack gap="md" align="center">
            <Box className={classes.label} data-testid="label" data-ready={ready || undefined}>
              <Text className={classes.product}>{product.data?.name ?? '…'}</Text>
              <Text size="sm" c="dark.4">
                {product.data?.code}
              </Text>
              <div className={classes.allergens} data-testid="label-allergens">
                <span>{t('terminal.label.allergens')}</span>
                <strong>{allergens.length > 0 ? allergens.map(allergenName).join(', ') : t('terminal.label.noAllergens')}</strong>
              </div>
              <svg ref={barcode} className={classes.barcode} role="img" aria-label={lp.data.number} data-testid="barcode" />
              <div className={classes.facts}>
                <div>
                  <span>{t('fields.lot')}</span>
                  <strong>{lp.data.lot}</strong>
                </div>
                <div>
                  <span>{t('terminal.label.produced')}</span>
                  <strong data-testid="label-produced">{formatDate(lp.data.createdAt, i18n.language)}</strong>
                </div>
                <div>
                  <span>{t('fields.expiryDate')}</span>
                  <strong>{formatDate(lp.data.expiryDate, i18n.language)}</strong>
                </div>
                <div>
                  <span>{t('fields.qty')}</span>
                  <strong>
                    {formatQty(lp.data.qty, lp.data.uom, i18n.language)}
                  </strong>
                </div>
              </div>
              {gs1.svg && (
                // bwip-js draws the bars from the element string; the markup is its own, never user text.
                <div className={classes.gs1} role="img" aria-label={gs1Text ?? ''} data-testid="gs1-barcode" data-text={gs1Text ?? ''} dangerouslySetInnerHTML={{ __html: gs1.svg }} />
              )}
              {product.data && !product.data.gtin && (
                <Text size="xs" c="dark.4" className="no-print">
                  {t('terminal.label.noGtin')}
                </Text>
              )}
            </Box>
            <Group className="no-print">
              <Button leftSection={<IconPrinter size={18} />} onClick={() => window.print()}>
                {t('terminal.print')}
              </Button>
            </Group>
          </Stack>
        )}
      </QueryState>
    </Center>
  );
}
