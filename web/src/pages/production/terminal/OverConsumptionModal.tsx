import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OverConsumption } from '../../../api/terminal';
import { useNames } from '../../../components/Pickers';
import { formatNumber } from '../../../format';

/** Asks why a consumption goes beyond the tolerance; the reason is sent with it and kept on it. */
export function OverConsumptionModal({
  over,
  uom,
  pending,
  onConfirm,
  onCancel,
}: {
  over: OverConsumption | null;
  uom: string;
  pending: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const names = useNames();
  const [reason, setReason] = useState('');
  const number = (value: number) => formatNumber(value, i18n.language);
  const confirm = () => {
    if (reason.trim()) onConfirm(reason.trim());
  };
  return (
    <Modal opened={over !== null} onClose={onCancel} title={t('terminal.overConsumption.title')} size="md" data-testid="over-consumption">
      {over && (
        <Stack>
          <Alert color="orange" variant="light" icon={<IconAlertTriangle />} data-testid="over-consumption-body">
            {t('terminal.overConsumption.body', {
              after: number(over.afterQty),
              required: number(over.requiredQty),
              limit: number(over.limitQty),
              tolerance: number(over.tolerancePercent),
              uom,
              product: names.productName(over.productId),
            })}
          </Alert>
          <Textarea
            label={t('terminal.overConsumption.reason')}
            description={t('terminal.overConsumption.reasonHint')}
            required
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey) {
                event.preventDefault();
                confirm();
              }
            }}
            data-autofocus
            data-testid="over-consumption-reason"
          />
          <Group justify="flex-end">
            <Button variant="default" size="md" onClick={onCancel}>
              {t('actions.cancel')}
            </Button>
            <Button color="orange" size="md" onClick={confirm} disabled={!reason.trim()} loading={pending} data-testid="over-consumption-confirm">
              {t('terminal.overConsumption.confirm')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
