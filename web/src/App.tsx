import { Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { LiveEventsProvider } from './api/events';
import { useSession } from './auth/session';
import { ErrorAlert } from './components/QueryState';
import { AppLayout } from './layout/AppLayout';
import { SignInPage } from './pages/auth/SignInPage';
import { SignUpPage } from './pages/auth/SignUpPage';
import { DashboardPage } from './pages/DashboardPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProductDetailPage } from './pages/products/ProductDetailPage';
import { ProductsPage } from './pages/products/ProductsPage';
import { PartnersPage } from './pages/partners/PartnersPage';
import { SettingsPage } from './pages/admin/SettingsPage';
import { UsersPage } from './pages/admin/UsersPage';
import { RolesPage } from './pages/admin/RolesPage';
import { WebhooksPage } from './pages/admin/WebhooksPage';
import { WebhookDetailPage } from './pages/admin/WebhookDetailPage';
import { WarehousesPage } from './pages/warehouses/WarehousesPage';
import { WarehouseDetailPage } from './pages/warehouses/WarehouseDetailPage';
import { PurchaseOrdersPage } from './pages/purchasing/PurchaseOrdersPage';
import { PurchaseOrderDetailPage } from './pages/purchasing/PurchaseOrderDetailPage';
import { ReceivingPage } from './pages/inventory/ReceivingPage';
import { LicensePlatesPage } from './pages/inventory/LicensePlatesPage';
import { LicensePlateDetailPage } from './pages/inventory/LicensePlateDetailPage';
import { LabelPage } from './pages/inventory/LabelPage';
import { WorkOrderBoardPage } from './pages/production/WorkOrderBoardPage';
import { WorkOrderDetailPage } from './pages/production/WorkOrderDetailPage';
import { TerminalPage } from './pages/production/TerminalPage';
import { TracePage } from './pages/trace/TracePage';
import { ShipmentsPage } from './pages/shipping/ShipmentsPage';
import { ShipmentDetailPage } from './pages/shipping/ShipmentDetailPage';
import { ProfilePage } from './pages/profile/ProfilePage';
import { ScanApp } from './scan/ScanApp';
import { SalesOrdersPage } from './pages/sales/SalesOrdersPage';
import { SalesOrderDetailPage } from './pages/sales/SalesOrderDetailPage';
import { PickListPage } from './pages/sales/PickListPage';
import { PalletPage } from './pages/sales/PalletPage';
import { HoldsPage } from './pages/quality/HoldsPage';
import { CcpsPage } from './pages/quality/CcpsPage';
import { CcpDetailPage } from './pages/quality/CcpDetailPage';
import { CcpReadingPage } from './pages/quality/CcpReadingPage';
import { LinesPage } from './pages/lines/LinesPage';
import { InspectionPage } from './pages/quality/InspectionPage';
import { InspectionsPage } from './pages/quality/InspectionsPage';
import { NcrDetailPage } from './pages/quality/NcrDetailPage';
import { NcrsPage } from './pages/quality/NcrsPage';
import { SpecificationsPage } from './pages/quality/SpecificationsPage';

function FullPageLoader() {
  return (
    <Center h="100dvh">
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


