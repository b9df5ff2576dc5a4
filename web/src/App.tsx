import { Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { lazy, Suspense, type ComponentProps, type ComponentType, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { LiveEventsProvider } from './api/events';
import { useSession } from './auth/session';
import { ErrorAlert } from './components/QueryState';
// Not a chunk of its own: the sign-in frame shows its logo, so it is part of the first load anyway.
import { AppLayout } from './layout/AppLayout';
import { SignInPage } from './pages/auth/SignInPage';
import { SignUpPage } from './pages/auth/SignUpPage';

/**
 * A screen loaded when first opened: each route is its own chunk, so the sign-in page loads only what
 * it shows. While the chunk loads, the screen's place shows a loader and the layout around it stays.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any screen's props
function screen<K extends string, M extends Record<K, ComponentType<any>>>(load: () => Promise<M>, name: K, fallback: ReactNode = <ScreenLoader />) {
  const Lazy = lazy(async () => ({ default: (await load())[name] }));
  function Screen(props: ComponentProps<M[K]>) {
    return (
      <Suspense fallback={fallback}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  /** Fetches the chunk ahead of the first render (the import is cached, so lazy() then finds it loaded). */
  Screen.preload = () => void load();
  return Screen;
}

const DashboardPage = screen(() => import('./pages/DashboardPage'), 'DashboardPage');
const NotFoundPage = screen(() => import('./pages/NotFoundPage'), 'NotFoundPage');
const ProductDetailPage = screen(() => import('./pages/products/ProductDetailPage'), 'ProductDetailPage');
const ProductsPage = screen(() => import('./pages/products/ProductsPage'), 'ProductsPage');
const PartnersPage = screen(() => import('./pages/partners/PartnersPage'), 'PartnersPage');
const SettingsPage = screen(() => import('./pages/admin/SettingsPage'), 'SettingsPage');
const UsersPage = screen(() => import('./pages/admin/UsersPage'), 'UsersPage');
const RolesPage = screen(() => import('./pages/admin/RolesPage'), 'RolesPage');
const WebhooksPage = screen(() => import('./pages/admin/WebhooksPage'), 'WebhooksPage');
const WebhookDetailPage = screen(() => import('./pages/admin/WebhookDetailPage'), 'WebhookDetailPage');
const WarehousesPage = screen(() => import('./pages/warehouses/WarehousesPage'), 'WarehousesPage');
const WarehouseDetailPage = screen(() => import('./pages/warehouses/WarehouseDetailPage'), 'WarehouseDetailPage');
const PurchaseOrdersPage = screen(() => import('./pages/purchasing/PurchaseOrdersPage'), 'PurchaseOrdersPage');
const PurchaseOrderDetailPage = screen(() => import('./pages/purchasing/PurchaseOrderDetailPage'), 'PurchaseOrderDetailPage');
const ReceivingPage = screen(() => import('./pages/inventory/ReceivingPage'), 'ReceivingPage');
const LicensePlatesPage = screen(() => import('./pages/inventory/LicensePlatesPage'), 'LicensePlatesPage');
const LicensePlateDetailPage = screen(() => import('./pages/inventory/LicensePlateDetailPage'), 'LicensePlateDetailPage');
const LabelPage = screen(() => import('./pages/inventory/LabelPage'), 'LabelPage', <FullPageLoader />);
const WorkOrderBoardPage = screen(() => import('./pages/production/WorkOrderBoardPage'), 'WorkOrderBoardPage');
const WorkOrderDetailPage = screen(() => import('./pages/production/WorkOrderDetailPage'), 'WorkOrderDetailPage');
const TerminalPage = screen(() => import('./pages/production/TerminalPage'), 'TerminalPage');
const TracePage = screen(() => import('./pages/trace/TracePage'), 'TracePage');
const ShipmentsPage = screen(() => import('./pages/shipping/ShipmentsPage'), 'ShipmentsPage');
const ShipmentDetailPage = screen(() => import('./pages/shipping/ShipmentDetailPage'), 'ShipmentDetailPage');
const ProfilePage = screen(() => import('./pages/profile/ProfilePage'), 'ProfilePage');
const ScanApp = screen(() => import('./scan/ScanApp'), 'ScanApp', <FullPageLoader />);
const SalesOrdersPage = screen(() => import('./pages/sales/SalesOrdersPage'), 'SalesOrdersPage');
const SalesOrderDetailPage = screen(() => import('./pages/sales/SalesOrderDetailPage'), 'SalesOrderDetailPage');
const PickListPage = screen(() => import('./pages/sales/PickListPage'), 'PickListPage');
const PalletPage = screen(() => import('./pages/sales/PalletPage'), 'PalletPage');
const HoldsPage = screen(() => import('./pages/quality/HoldsPage'), 'HoldsPage');
const CcpsPage = screen(() => import('./pages/quality/CcpsPage'), 'CcpsPage');
const CcpDetailPage = screen(() => import('./pages/quality/CcpDetailPage'), 'CcpDetailPage');
const CcpReadingPage = screen(() => import('./pages/quality/CcpReadingPage'), 'CcpReadingPage');
const LinesPage = screen(() => import('./pages/lines/LinesPage'), 'LinesPage');
const InspectionPage = screen(() => import('./pages/quality/InspectionPage'), 'InspectionPage');
const InspectionsPage = screen(() => import('./pages/quality/InspectionsPage'), 'InspectionsPage');
const NcrDetailPage = screen(() => import('./pages/quality/NcrDetailPage'), 'NcrDetailPage');
const NcrsPage = screen(() => import('./pages/quality/NcrsPage'), 'NcrsPage');
const SpecificationsPage = screen(() => import('./pages/quality/SpecificationsPage'), 'SpecificationsPage');

// A cold start lands on the dashboard: its chunk loads while the session is restored, not after.
if (['/', '/dashboard'].includes(window.location.pathname)) DashboardPage.preload();

function FullPageLoader() {
  return (
    <Center h="100dvh">
      <Loader />
    </Center>
  );
}

/** While a screen's chunk loads, the layout around it stays. */
function ScreenLoader() {
  return (
    <Center mih="50dvh">
      <Loader />
    </Center>
  );
}

function FullPageError({ error, onRetry, signOut }: { error: unknown; onRetry: () => void; signOut?: () => void }) {
  const { t } = useTranslation();
  return (
    <Center h="100dvh" p="md">
      <Stack maw={480} w="100%">
        <ErrorAlert error={error} onRetry={onRetry} />
        {signOut && (
          <Button variant="subtle" onClick={signOut}>
            {t('auth.signOut')}
          </Button>
        )}
      </Stack>
    </Center>
  );
}

function RequireSession({ children }: { children: ReactNode }) {
  const { isSignedIn, isRestoring, restoreError, retryRestore, isLoading, me, meError, retryMe, signOut } = useSession();
  const location = useLocation();
  if (isRestoring) return <FullPageLoader />;
  if (restoreError) return <FullPageError error={restoreError} onRetry={retryRestore} />;
  if (!isSignedIn) return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  if (meError) return <FullPageError error={meError} onRetry={retryMe} signOut={() => void signOut()} />;
  if (isLoading || !me) return <FullPageLoader />;
  return <>{children}</>;
}

/** The sign-in and sign-up screens; a signed-in person goes on to where they were headed. */
function GuestOnly({ children }: { children: ReactNode }) {
  const { isSignedIn, isRestoring } = useSession();
  const location = useLocation();
  if (isRestoring) return <FullPageLoader />;
  const from = (location.state as { from?: string } | null)?.from;
  return isSignedIn ? <Navigate to={from && from !== '/sign-in' ? from : '/dashboard'} replace /> : <>{children}</>;
}

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<GuestOnly><SignInPage /></GuestOnly>} />
      <Route path="/sign-up" element={<GuestOnly><SignUpPage /></GuestOnly>} />
      <Route path="/labels/:id" element={<RequireSession><LabelPage /></RequireSession>} />
      {/* The terminal on a wall-mounted tablet: full screen, outside the app's frame. */}
      <Route path="/kiosk/terminal" element={<RequireSession><LiveEventsProvider><TerminalPage kiosk /></LiveEventsProvider></RequireSession>} />
      <Route path="/kiosk/terminal/:id" element={<RequireSession><LiveEventsProvider><TerminalPage kiosk /></LiveEventsProvider></RequireSession>} />
      {/* The floor scanner has its own session gate: it opens offline too. */}
      <Route path="/scan/*" element={<ScanApp />} />
      <Route element={<RequireSession><LiveEventsProvider><AppLayout /></LiveEventsProvider></RequireSession>}>
        <Route index element={<Navigate to="/dashboard" replace />} />
        <Route path="/dashboard" element={<DashboardPage />} />
        <Route path="/products" element={<ProductsPage />} />
        <Route path="/products/:id" element={<ProductDetailPage />} />
        <Route path="/warehouses" element={<WarehousesPage />} />
        <Route path="/warehouses/:id" element={<WarehouseDetailPage />} />
        <Route path="/suppliers" element={<PartnersPage kind="suppliers" />} />
        <Route path="/customers" element={<PartnersPage kind="customers" />} />
        <Route path="/users" element={<UsersPage />} />
        <Route path="/roles" element={<RolesPage />} />
        <Route path="/settings" element={<SettingsPage />} />
        <Route path="/webhooks" element={<WebhooksPage />} />
        <Route path="/webhooks/:id" element={<WebhookDetailPage />} />
        <Route path="/purchase-orders" element={<PurchaseOrdersPage />} />
        <Route path="/purchase-orders/:id" element={<PurchaseOrderDetailPage />} />
        <Route path="/receiving" element={<ReceivingPage />} />
        <Route path="/license-plates" element={<LicensePlatesPage />} />
        <Route path="/license-plates/:id" element={<LicensePlateDetailPage />} />
        <Route path="/work-orders" element={<WorkOrderBoardPage />} />
        <Route path="/work-orders/:id" element={<WorkOrderDetailPage />} />
        <Route path="/terminal" element={<TerminalPage />} />
        <Route path="/terminal/:id" element={<TerminalPage />} />
        <Route path="/trace" element={<TracePage />} />
        <Route path="/shipments" element={<ShipmentsPage />} />
        <Route path="/shipments/:id" element={<ShipmentDetailPage />} />
        <Route path="/sales-orders" element={<SalesOrdersPage />} />
        <Route path="/sales-orders/:id" element={<SalesOrderDetailPage />} />
        <Route path="/pick-lists/:id" element={<PickListPage />} />
        <Route path="/pallets/:id" element={<PalletPage />} />
        <Route path="/inspections" element={<InspectionsPage />} />
        <Route path="/inspections/:id" element={<InspectionPage />} />
        <Route path="/ncrs" element={<NcrsPage />} />
        <Route path="/ncrs/:id" element={<NcrDetailPage />} />
        <Route path="/specifications" element={<SpecificationsPage />} />
        <Route path="/profile" element={<ProfilePage />} />
        <Route path="/holds" element={<HoldsPage />} />
        <Route path="/haccp" element={<CcpsPage />} />
        <Route path="/haccp/:id" element={<CcpDetailPage />} />
        <Route path="/haccp/:id/reading" element={<CcpReadingPage />} />
        <Route path="/lines" element={<LinesPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}


