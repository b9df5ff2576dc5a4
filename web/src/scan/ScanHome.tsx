import { SimpleGrid, UnstyledButton } from '@mantine/core';
import { IconArrowsMove, IconBuildingFactory2, IconCloudUpload, IconHandStop, IconListCheck, IconSearch, IconTruckDelivery } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../auth/session';
import classes from './Scan.module.css';
import { ScanShell } from './ScanShell';

interface Tile {
  to: string;
  label: 'scan.receive.title' | 'scan.move.title' | 'scan.pick.title' | 'scan.produce.title' | 'scan.hold.title' | 'scan.lookup.title';
  icon: ComponentType<{ size?: number }>;
}

const tiles: Tile[] = [
  { to: '/scan/receive', label: 'scan.receive.title', icon: IconTruckDelivery },
  { to: '/scan/move', label: 'scan.move.title', icon: IconArrowsMove },
  { to: '/scan/pick', label: 'scan.pick.title', icon: IconListCheck },
  { to: '/scan/produce', label: 'scan.produce.title', icon: IconBuildingFactory2 },
  { to: '/scan/hold', label: 'scan.hold.title', icon: IconHandStop },
  { to: '/scan/lookup', label: 'scan.lookup.title', icon: IconSearch },
];

/** The scanner's home: one big tile per task. */
export function ScanHome() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <ScanShell title={me?.user.name ?? t('scan.title')} back={null}>
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        {tiles.map(({ to, label, icon: Icon }) => (
          <UnstyledButton key={to} component={Link} to={to} className={classes.tile} data-testid={`tile-${to.split('/').pop()}`}>
            <Icon size={40} />
            {t(label)}
          </UnstyledButton>
        ))}
        <UnstyledButton component={Link} to="/scan/queue" className={classes.tile} style={{ background: '#343a40' }} data-testid="tile-queue">
          <IconCloudUpload size={40} />
          {t('scan.queue.title')}
        </UnstyledButton>
      </SimpleGrid>
    </ScanShell>
  );
}

