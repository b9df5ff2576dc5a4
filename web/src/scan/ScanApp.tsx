import { Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { getSession, restoreSession } from '../api/client';
import { useSession } from '../auth/session';
import { HoldFlow } from './flows/HoldFlow';
import { LookupFlow } from './flows/LookupFlow';
import { MoveFlow } from './flows/MoveFlow';
import { PickFlow } from './flows/PickFlow';
import { ProduceFlow } from './flows/ProduceFlow';
import { ReceiveFlow } from './flows/ReceiveFlow';
import { startOutbox } from './offline/outbox';
import { useOutbox } from './offline/useOutbox';
import { QueuePage } from './QueuePage';
import { registerScannerWorker } from './pwa';
import { ScanHome } from './ScanHome';

/**
 * The session gate of the scanner: unlike the desk screens it opens while the server cannot be reached
 * (a handheld restarted in the cold store), works from the device, and signs in again once it can.
 */
function ScannerSession({ children }: { children: React.ReactNode }) {
  const { isSignedIn, isRestoring, restoreError } = useSession();
  const location = useLocation();
  // Once the scanner is up, a later attempt to sign in again (the outbox's, offline) must not unmount the task under way.
  const hasOpened = useRef(false);
  useEffect(() => {
    const reconnect = () => {
      if (getSession().status === 'unreachable') void restoreSession();
    };
    window.addEventListener('online', reconnect);
    return () => window.removeEventListener('online', reconnect);
  }, []);
  if (isRestoring && !hasOpened.current) {
    return (
      <Center h="100dvh">
        <Loader size="xl" />
      </Center>
    );
  }
  if (!isSignedIn && !restoreError && !isRestoring) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  hasOpened.current = true;
  return <>{children}</>;
}

/** The floor scanner at /scan (API.md "The floor scanner"). */
export function ScanApp() {
  const queryClient = useQueryClient();
  const sent = useOutbox().filter((action) => action.state === 'sent').length;
  useEffect(() => {
    registerScannerWorker();
    return startOutbox();
  }, []);
  // An action the server now has changes what the screens show (the order's progress, the PO's lines).
  useEffect(() => {
    if (sent > 0) void queryClient.invalidateQueries({ queryKey: ['scan'] });
  }, [queryClient, sent]);
  return (
    <ScannerSession>
      <Routes>
        <Route index element={<ScanHome />} />
        <Route path="receive/*" element={<ReceiveFlow />} />
        <Route path="move" element={<MoveFlow />} />
        <Route path="pick/*" element={<PickFlow />} />
        <Route path="produce/*" element={<ProduceFlow />} />
        <Route path="hold" element={<HoldFlow />} />
        <Route path="lookup" element={<LookupFlow />} />
        <Route path="queue" element={<QueuePage />} />
        <Route path="*" element={<Navigate to="/scan" replace />} />
      </Routes>
    </ScannerSession>
  );
}
