import { Button, Code, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess } from '../../api/queries';
import type { Webhook } from '../../api/types';
import { StatusBadge } from '../../components/StatusBadge';

/** Event names one to a line: long names (license_plate.qa_changed) stay readable in a phone's narrow cells. */
export function EventList({ events }: { events: string[] }) {
  return (
    <Stack gap={2}>
      {events.map((event) => (
        <Text key={event} size="xs" ff="monospace" c="indigo.8" style={{ overflowWrap: 'anywhere' }}>
          {event}
        </Text>
      ))}
    </Stack>
  );
}

export function DeleteWebhookModal({ webhook, onClose, onDeleted }: { webhook: Webhook; onClose: () => void; onDeleted?: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api(`/webhooks/${webhook.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await invalidatePaths(queryClient, '/webhooks');
      notifySuccess(t('webhooks.deleted'));
      onClose();
      onDeleted?.();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('webhooks.deleteTitle')}>
      <Stack>
        <Text size="sm">{t('webhooks.deleteText')}</Text>
        <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
          {webhook.url}
        </Code>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()} data-testid="webhook-delete-confirm">
            {t('actions.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function WebhookStatus({ webhook }: { webhook: Webhook }) {
  return webhook.active ? (
    <StatusBadge status="active" />
  ) : (
    <Tooltip label={webhook.disabledReason ?? ''} disabled={!webhook.disabledReason} withArrow multiline maw={280}>
      <span>
        <StatusBadge status="disabled" />
      </span>
    </Tooltip>
  );
}
