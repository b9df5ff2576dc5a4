import { ActionIcon, Badge, Box, Group, Text, UnstyledButton } from '@mantine/core';
import { IconArrowLeft, IconCloudOff, IconCloudUpload, IconWifi } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOnline, useOutbox } from './offline/useOutbox';
import classes from './Scan.module.css';

/** The scanner's frame: a dark bar with the way back, the task's name, and the connection and queue state. */
export function ScanShell({ title, back = '/scan', children }: { title: string; back?: string | null; children: ReactNode }) {
  const { t } = useTranslation();
  const online = useOnline();
  const actions = useOutbox();
  const pending = actions.filter((action) => action.state === 'pending').length;
  const refused = actions.filter((action) => action.state === 'refused').length;
  return (
    <div className={classes.app}>
      <header className={classes.bar}>
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          {back && (
            <ActionIcon component={Link} to={back} size={48} variant="subtle" color="white" aria-label={t('scan.back')} data-testid="scan-back">
              <IconArrowLeft size={28} />
            </ActionIcon>
          )}
          <Text fw={800} size="xl" c="white" truncate data-testid="scan-title">
            {title}
          </Text>
        </Group>
        <UnstyledButton component={Link} to="/scan/queue" className={classes.status} data-testid="queue-status" aria-label={t('scan.queue.title')}>
          {online ? <IconWifi size={22} /> : <IconCloudOff size={22} />}
          {refused > 0 && (
            <Badge color="red" size="lg" data-testid="refused-count">
              {refused}
            </Badge>
          )}
          {pending > 0 && (
            <Badge color="yellow" c="dark" size="lg" leftSection={<IconCloudUpload size={14} />} data-testid="pending-count">
              {pending}
            </Badge>
          )}
        </UnstyledButton>
      </header>
      {!online && (
        <Box className={classes.offline} data-testid="offline-banner">
          {t('scan.offline')}
        </Box>
      )}
      <main className={classes.content}>{children}</main>
    </div>
  );
}
