import { Box, Button, Center, Group, Stack, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import JsBarcode from 'jsbarcode';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useRecord } from '../../api/queries';
import type { LicensePlate } from '../../api/types';
import { useNames } from '../../components/Pickers';
import { QueryState } from '../../components/QueryState';
import { formatDate, formatQty } from '../../format';
import classes from './LabelPage.module.css';

/** A printable label: the LP number as a Code 128 barcode, with product, lot, expiry and quantity. */
export function LabelPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const names = useNames();
  const lp = useRecord<LicensePlate>(`/license-plates/${id}`);
  const barcode = useRef<SVGSVGElement>(null);
  const number = lp.data?.number;
  useEffect(() => {
    if (barcode.current && number) JsBarcode(barcode.current, number, { format: 'CODE128', width: 2.4, height: 90, displayValue: true, fontSize: 20, font: 'monospace', margin: 0 });
  }, [number]);
  const product = names.product(lp.data?.productId);
  return (
    <Center p="md">
      <QueryState query={lp}>
        {lp.data && (
          <Stack gap="md" align="center">
            <Box className={classes.label} data-testid="label">
              <Text className={classes.product}>{product?.name ?? '…'}</Text>
              <Text size="sm" c="dark.4">
                {product?.code}
              </Text>
              <svg ref={barcode} className={classes.barcode} role="img" aria-label={lp.data.number} data-testid="barcode" />
              <div className={classes.facts}>
                <div>
                  <span>{t('fields.lot')}</span>
                  <strong>{lp.data.lot}</strong>
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
