import { Notifications } from '@mantine/notifications';
import classes from './AppNotifications.module.css';

/**
 * Where notifications appear: at the bottom, away from the header's action buttons they used to
 * cover (bottom-right on a desk, bottom-centre above the bottom bar on a phone).
 */
export function AppNotifications() {
  return <Notifications position="bottom-right" zIndex={1000} classNames={{ root: classes.root }} />;
}
