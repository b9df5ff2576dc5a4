import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Receipt } from '../../api/types';
import { LicensePlateTable } from './LicensePlateTable';

/** What a receipt made: its plates, each with a label to print. */
export function ReceiptResult({ receipt }: { receipt: Receipt }) {
  const { t } = useTranslation();
  const plates = receipt.licensePlates;
  return (
    <Alert color="teal" variant="light" icon={<IconCircleCheck />} title={t('receiving.doneTitle', { number: receipt.number })} data-testid="receipt-result">
      <Stack gap="sm">
        <Text size="sm">{t('receiving.done', { number: receipt.number, count: plates.length })}</Text>
        <LicensePlateTable plates={plates} testId="received-plates" />
        <Group gap="xs">
          {plates.map((lp) => (
            <Button
              key={lp.id}
              component={Link}
              to={`/labels/${lp.id}`}
              target="_blank"
              variant={plates.length === 1 ? 'filled' : 'light'}
              size="sm"
              leftSection={<IconPrinter size={16} />}
              data-testid="print-label"
            >
              {plates.length === 1 ? t('planner.printLabel') : t('planner.printLabelOf', { number: lp.number })}
            </Button>
          ))}
        </Group>
      </Stack>
    </Alert>
  );
}
