import { ActionIcon, Button, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useList } from '../../api/queries';
import type { Webhook } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { SecretModal, WebhookForm, type CreatedWebhook } from './WebhookForm';
import { DeleteWebhookModal, EventList, WebhookStatus } from './WebhookParts';

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
