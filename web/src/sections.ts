/**
 * The first path segment of every screen of the app. The server answers these paths (and
 * anything below them) with index.html, so a reload or a shared link opens the right screen;
 * every other path keeps its API meaning (404 or 405 as problem+json).
 */
export const appSections = [
  'sign-in',
  'sign-up',
  'dashboard',
  'work-orders',
  'terminal',
  'kiosk',
  'scan',
  'license-plates',
  'receiving',
  'purchase-orders',
  'shipments',
  'sales-orders',
  'pick-lists',
  'pallets',
  'trace',
  'products',
  'warehouses',
  'suppliers',
  'customers',
  'users',
  'roles',
  'settings',
  'webhooks',
  'labels',
  'inspections',
  'ncrs',
  'specifications',
  'profile',
  'holds',
  'haccp',
  'lines',
] as const;
