import { ActionIcon, Alert, Button, Checkbox, Code, CopyButton, Group, Modal, PasswordInput, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCheck, IconCopy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { invalidatePaths } from '../../api/invalidate';
import { notifySuccess, useList } from '../../api/queries';
import { webhookEvents, type Webhook } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../format';

type CreatedWebhook = Webhook & { secret: string };

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

function WebhookForm({ onClose, onCreated }: { onClose: () => void; onCreated: (webhook: CreatedWebhook) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { url: '', events: ['work_order.updated'] as string[], secret: '' },
    validate: {
      url: (value) => (/^https?:\/\/\S+$/i.test(value.trim()) ? null : t('webhooks.urlRule')),
      events: (value) => (value.length > 0 ? null : t('webhooks.pickEvents')),
      secret: (value) => (value === '' || value.length >= 16 ? null : t('validation.passwordLength', { count: 16 })),
    },
  });
  const create = useMutation({
    mutationFn: (values: typeof form.values) => api<CreatedWebhook>('/webhooks', { method: 'POST', body: { url: values.url.trim(), events: values.events, ...(values.secret ? { secret: values.secret } : {}) } }),
    meta: { form },
    onSuccess: async (webhook) => {
      await invalidatePaths(queryClient, '/webhooks');
      onCreated(webhook);
    },
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
function SecretModal({ webhook, onClose }: { webhook: CreatedWebhook; onClose: () => void }) {
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

/** Outside systems told about events as they happen: endpoints, the events they get, and (per endpoint) every delivery. */
export function WebhooksPage() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const webhooks = useList<Webhook>('/webhooks');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const canWrite = can('settings', 'write');
  return (
    <>
      <PageHeader
        title={t('nav.webhooks')}
        description={t('webhooks.description')}
        actions={
          canWrite && (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)} data-testid="new-webhook">
              {t('webhooks.new')}
            </Button>
          )
        }
      />
      <QueryState query={webhooks}>
        <DataList
          testId="webhooks"
          rows={webhooks.items}
          rowKey={(webhook) => webhook.id}
          onRowClick={(webhook) => void navigate(`/webhooks/${webhook.id}`)}
          hasMore={webhooks.hasNextPage}
          onLoadMore={() => void webhooks.fetchNextPage()}
          empty={t('webhooks.empty')}
          columns={[
            {
              key: 'url',
              header: t('webhooks.url'),
              render: (webhook) => (
                <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }} data-testid="webhook-row-url">
                  {webhook.url}
                </Text>
              ),
            },
            { key: 'events', header: t('webhooks.events'), render: (webhook) => <EventList events={webhook.events} /> },
            { key: 'status', header: t('fields.status'), render: (webhook) => <WebhookStatus webhook={webhook} /> },
            { key: 'created', header: t('fields.createdAt'), hideOnPhone: true, render: (webhook) => formatDateTime(webhook.createdAt, i18n.language) },
            {
              key: 'delete',
              header: '',
              align: 'right',
              hideOnPhone: true,
              render: (webhook) =>
                canWrite && (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('actions.delete')}
                    onClick={(event) => {
                      event.stopPropagation();
                      setDeleting(webhook);
                    }}
                    data-testid="webhook-delete"
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                ),
            },
          ]}
        />
      </QueryState>
      {creating && (
        <WebhookForm
          onClose={() => setCreating(false)}
          onCreated={(webhook) => {
            setCreating(false);
            setCreated(webhook);
          }}
        />
      )}
      {created && <SecretModal webhook={created} onClose={() => setCreated(null)} />}
      {deleting && <DeleteWebhookModal webhook={deleting} onClose={() => setDeleting(null)} />}
    </>
  );
}
