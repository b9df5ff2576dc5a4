import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLiveStatus } from '../api/events';

const colors = { live: 'teal', connecting: 'gray', reconnecting: 'orange', unavailable: 'gray', off: 'gray' } as const;

/** Whether the screen is updating itself right now. */
export function LiveBadge() {
  const { t } = useTranslation();
  const status = useLiveStatus();
  if (status === 'off') return null;
  return (
    <Tooltip label={t(`live.hint.${status}`)} withArrow>
      <Badge color={colors[status]} variant="dot" size="lg" data-testid="live-status" data-status={status} style={{ textTransform: 'none' }}>
        {t(`live.${status}`)}
      </Badge>
    </Tooltip>
  );
}
