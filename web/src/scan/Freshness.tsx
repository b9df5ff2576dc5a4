import { Badge } from '@mantine/core';
import { IconCloudOff } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** "as of 12 min ago": shown on a read answered from the device because the server could not be reached. */
export function Freshness({ at, isStale }: { at: number; isStale: boolean }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  if (!isStale) return null;
  const minutes = Math.max(0, Math.round((now - at) / 60_000));
  const age = new Intl.RelativeTimeFormat(i18n.language, { numeric: 'auto', style: 'short' }).format(-minutes, 'minute');
  return (
    <Badge size="lg" color="yellow.4" c="black" variant="filled" leftSection={<IconCloudOff size={16} />} style={{ textTransform: 'none' }} data-testid="freshness">
      {t('scan.asOf', { age })}
    </Badge>
  );
}
