import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** "Cancel order", asked once more: a cancelled order takes no receipts ever again. */
export function CancelOrderButton({ number, loading, onConfirm }: { number: string; loading: boolean; onConfirm: () => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Button variant="light" color="red" leftSection={<IconX size={18} />} loading={loading} onClick={() => setAsking(true)} data-testid="cancel-order">
        {t('purchasing.cancel')}
      </Button>
      <Modal opened={asking} onClose={() => setAsking(false)} title={t('planner.cancelOrderTitle', { number })} styles={{ title: { fontWeight: 700 } }}>
        <Stack>
          <Text size="sm">{t('planner.cancelOrderText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(false)} data-testid="keep-order">
              {t('planner.keepOrder')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                setAsking(false);
                onConfirm();
              }}
              data-testid="confirm-cancel-order"
            >
              {t('planner.confirmCancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
