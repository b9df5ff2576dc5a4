import { Button, Group, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { roundQty } from '../../../api/terminal';
import type { LicensePlate, WorkOrderMaterial } from '../../../api/types';
import { QuantityInput } from '../../../components/QuantityInput';
import { formatNumber, formatUnit } from '../../../format';

/** What is still needed, the quantity to take (Enter confirms) and Consume, disabled while the plate cannot be used. */
export function ConsumeQuantity(props: {
  plate: LicensePlate;
  material: WorkOrderMaterial | undefined;
  usable: boolean;
  qty: number | string;
  error: string | null;
  pending: boolean;
  canConsume: boolean;
  onQty: (value: number | string) => void;
  onConfirm: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { plate, material } = props;
  const remaining = material ? roundQty(Math.max(0, material.requiredQty - material.consumedQty)) : 0;
  return (
    <>
      {material && props.usable && (
        <Text size="sm" c={remaining > 0 ? 'dimmed' : 'orange.8'} fw={remaining > 0 ? 400 : 600} data-testid="still-needed">
          {remaining > 0 ? t('terminal.stillNeeded', { qty: formatNumber(remaining, i18n.language), uom: formatUnit(plate.uom, i18n.language) }) : t('terminal.requirementMet')}
        </Text>
      )}
      <Group align="flex-end" wrap="wrap">
        <QuantityInput
          label={t('fields.qty')}
          description={t('terminal.enterConfirms')}
          size="lg"
          value={props.qty}
          onChange={props.onQty}
          error={props.error}
          disabled={!props.usable}
          rightSection={<Text c="dimmed">{formatUnit(plate.uom, i18n.language)}</Text>}
          style={{ flex: '1 1 160px' }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              props.onConfirm();
            }
          }}
          data-testid="terminal-qty"
        />
        <Button size="lg" leftSection={<IconCheck />} onClick={props.onConfirm} loading={props.pending} disabled={!props.canConsume} data-testid="terminal-consume">
          {t('terminal.consume')}
        </Button>
      </Group>
    </>
  );
}
