import { Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';

/** A dialog for a form; full screen on a phone, where a floating box leaves no room for the keyboard. */
export function FormModal({ opened, onClose, title, children, size = 'lg' }: { opened: boolean; onClose: () => void; title: ReactNode; children: ReactNode; size?: string }) {
  const isPhone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} fullScreen={isPhone} radius={isPhone ? 0 : 'lg'} styles={{ title: { fontWeight: 700, fontSize: 18 } }}>
      {children}
    </Modal>
  );
}
