import { Badge, Button, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useList, useLookup } from '../../api/queries';
import type { Webhook, WebhookDelivery } from '../../api/types';
import { useSession } from '../../auth/session';
import { DataList } from '../../components/DataList';
import { BackLink, Facts, Section } from '../../components/Detail';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, formatNumber } from '../../format';
import { DeleteWebhookModal, EventList, WebhookStatus } from './WebhookParts';

/** One endpoint and every delivery attempt to it, newest first (refreshed every few seconds while open). */
export function WebhookDetailPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  const [deleting, setDeleting] = useState(false);
  const webhooks = useLookup<Webhook>('/webhooks');
  const deliveries = useList<WebhookDelivery>(`/webhooks/${id}/deliveries`, {}, { refetchInterval: 10_000, limit: 20 });
  // Few per organization: the whole list (every page) holds the one shown.
  const webhook = webhooks.items.find((candidate) => candidate.id === id);

  return (
    <>
      <PageHeader
        back={<BackLink to="/webhooks">{t('nav.webhooks')}</BackLink>}
        title={t('webhooks.detailTitle')}
        description={webhook && <span style={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{webhook.url}</span>}
        actions={
          webhook &&
          can('settings', 'write') && (
            <Button variant="light" color="red" leftSection={<IconTrash size={18} />} onClick={() => setDeleting(true)} data-testid="webhook-delete">
              {t('actions.delete')}
            </Button>
          )
        }
      />
      <Stack>
        {webhook && (
          <Section title={t('products.details')}>
            <Facts
              items={[
                { label: t('fields.status'), value: <WebhookStatus webhook={webhook} /> },
                { label: t('fields.createdAt'), value: formatDateTime(webhook.createdAt, i18n.language) },
                { label: t('webhooks.events'), value: <EventList events={webhook.events} /> },
              ]}
            />
            {webhook.disabledReason && (
              <Text size="sm" c="red.7" mt="sm">
                {webhook.disabledReason}
              </Text>
            )}
          </Section>
        )}
        <Section title={t('webhooks.deliveries')}>
          <Text size="sm" c="dimmed" mb="sm">
            {t('webhooks.deliveriesHint')}
          </Text>
          <QueryState query={deliveries}>
            <DataList
              testId="deliveries"
              rows={deliveries.items}
              rowKey={(delivery) => delivery.id}
              hasMore={deliveries.hasNextPage}
              loadingMore={deliveries.isFetchingNextPage}
              onLoadMore={() => void deliveries.fetchNextPage()}
              empty={t('webhooks.noDeliveries')}
              columns={[
                { key: 'at', header: t('fields.when'), render: (delivery) => formatDateTime(delivery.attemptedAt, i18n.language) },
                {
                  key: 'result',
                  header: t('webhooks.statusCode'),
                  render: (delivery) => (
                    <Badge color={delivery.success ? 'teal' : 'red'} variant="light" radius="sm" style={{ textTransform: 'none', minWidth: 'max-content' }} data-testid="delivery-status">
                      {delivery.statusCode ?? t('webhooks.noAnswer')}
                    </Badge>
                  ),
                },
                {
                  key: 'event',
                  header: t('webhooks.event.title'),
                  render: (delivery) => (
                    <Text size="xs" ff="monospace" style={{ overflowWrap: 'break-word' }}>
                      {delivery.eventType}
                    </Text>
                  ),
                },
                { key: 'attempt', header: t('webhooks.attempt'), align: 'right', hideOnPhone: true, render: (delivery) => delivery.attempt },
                { key: 'duration', header: t('webhooks.duration'), align: 'right', render: (delivery) => `${formatNumber(delivery.durationMs, i18n.language, 0)} ms` },
                {
                  key: 'error',
                  header: t('webhooks.error'),
                  render: (delivery) =>
                    delivery.error ? (
                      <Text size="sm" c="red.7" style={{ overflowWrap: 'anywhere' }}>
                        {delivery.error}
                      </Text>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          </QueryState>
        </Section>
      </Stack>
      {deleting && webhook && <DeleteWebhookModal webhook={webhook} onClose={() => setDeleting(false)} onDeleted={() => void navigate('/webhooks')} />}
    </>
  );
}
