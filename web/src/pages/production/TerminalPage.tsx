import { Button, Group } from '@mantine/core';
import { IconBarcode, IconMaximize, IconMinimize } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { BackLink } from '../../components/Detail';
import { LiveBadge } from '../../components/LiveBadge';
import { PageHeader } from '../../components/PageHeader';
import { PickWorkOrder } from './terminal/PickWorkOrder';
import { RunWorkOrder } from './terminal/RunWorkOrder';
import classes from './Terminal.module.css';

const fullScreen = {
  enter: () => void document.documentElement.requestFullscreen?.().catch(() => undefined),
  leave: () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  },
};

/**
 * The production terminal: tablet first, big touch targets, a scan field that takes a scanner's
 * keystrokes. In kiosk mode (/kiosk/terminal, outside the app's frame) it fills the screen, with
 * no sidebar and no bottom bar.
 */
export function TerminalPage({ kiosk = false }: { kiosk?: boolean }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const base = kiosk ? '/kiosk/terminal' : '/terminal';
  const here = id ? `/${id}` : '';
  return (
    <div className={kiosk ? `${classes.terminal} ${classes.kiosk}` : classes.terminal} data-testid={kiosk ? 'kiosk' : 'terminal'}>
      <PageHeader
        back={id ? <BackLink to={base}>{t('terminal.otherOrder')}</BackLink> : undefined}
        title={t('nav.terminal')}
        description={id ? undefined : t('terminal.pick')}
        actions={
          <Group gap="xs">
            {kiosk ? (
              <Button
                variant="default"
                leftSection={<IconMinimize size={18} />}
                onClick={() => {
                  fullScreen.leave();
                  void navigate(`/terminal${here}`);
                }}
                data-testid="exit-kiosk"
              >
                {t('terminal.exitKiosk')}
              </Button>
            ) : (
              <>
                {/* The same consume and output, made for a handheld and kept working offline. */}
                <Button component={Link} to={id ? `/scan/produce/${id}` : '/scan/produce'} variant="light" leftSection={<IconBarcode size={18} />} data-testid="open-scanner">
                  {t('terminal.openScanner')}
                </Button>
                <Button
                  variant="light"
                  leftSection={<IconMaximize size={18} />}
                  onClick={() => {
                    fullScreen.enter();
                    void navigate(`/kiosk/terminal${here}`);
                  }}
                  data-testid="enter-kiosk"
                >
                  {t('terminal.kiosk')}
                </Button>
              </>
            )}
            <LiveBadge />
          </Group>
        }
      />
      {id ? <RunWorkOrder key={id} id={id} /> : <PickWorkOrder base={base} />}
    </div>
  );
}
