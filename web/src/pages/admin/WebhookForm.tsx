import { ActionIcon, Alert, Button, Checkbox, Code, CopyButton, Group, Modal, PasswordInput, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { webhookEvents, type Webhook } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { useCreate } from '../../api/mutations';

/** A new endpoint answers its signing secret once. */
export type CreatedWebhook = Webhook & { secret: string };

export function WebhookForm({ onClose, onCreated }: { onClose: () => void; onCreated: (webhook: CreatedWebhook) => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { url: '', events: ['work_order.updated'] as string[], secret: '' },
    validate: {
      url: (value) => (/^https?:\/\/\S+$/i.test(value.trim()) ? null : t('webhooks.urlRule')),
      events: (value) => (value.length > 0 ? null : t('webhooks.pickEvents')),
      secret: (value) => (value === '' || value.length >= 16 ? null : t('validation.passwordLength', { count: 16 })),
    },
  });
  // No notification: the secret's dialog that follows says it.
  const create = useCreate<typeof form.values, CreatedWebhook>('/webhooks', {
    body: (values) => ({ url: values.url.trim(), events: values.events, ...(values.secret ? { secret: values.secret } : {}) }),
    form,
    onDone: onCreated,
  });
  return (
    <FormModal opened onClose={onClose} title={t('webhooks.new')} size="lg">
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack>
          <TextInput label={t('webhooks.url')} description={t('webhooks.urlHint')} placeholder="https://erp.example.com/hooks/monopilot" required data-autofocus data-testid="webhook-url" {...form.getInputProps('url')} />
          <Checkbox.Group label={t('webhooks.events')} required {...form.getInputProps('events')}>
            <Stack gap={6} mt={6}>
              {webhookEvents.map((event) => (
                <Checkbox key={event} value={event} label={<Text size="sm" ff="monospace">{event}</Text>} description={t(`webhooks.event.${event}`)} data-testid={`webhook-event-${event}`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <PasswordInput label={t('webhooks.secret')} description={t('webhooks.secretHint')} autoComplete="off" {...form.getInputProps('secret')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="webhook-save">
              {t('actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormModal>
  );
}

/** The secret, this once: the server keeps only what it needs to sign, and never shows it again. */
export function SecretModal({ webhook, onClose }: { webhook: CreatedWebhook; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('webhooks.secretTitle')} size="lg" closeOnClickOutside={false}>
      <Stack>
        <Alert color="orange" variant="light" icon={<IconAlertTriangle />}>
          {t('webhooks.secretOnce')}
        </Alert>
        <Group gap="xs" wrap="nowrap" align="center">
          <Code block style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="webhook-secret">
            {webhook.secret}
          </Code>
          <CopyButton value={webhook.secret}>
            {({ copied, copy }) => (
              <Tooltip label={copied ? t('actions.copied') : t('actions.copy')} withArrow>
                <ActionIcon variant="light" color={copied ? 'teal' : 'gray'} size={40} onClick={copy} aria-label={t('actions.copy')}>
                  {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <Text size="sm" c="dimmed">
          {t('webhooks.signatureHint')}
        </Text>
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="webhook-secret-done">
            {t('webhooks.secretSaved')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
