import { Workbox } from 'workbox-window';

let registered = false;

/**
 * Registers the service worker vite-plugin-pwa builds (web/vite.config.ts), scoped to /scan: after one
 * visit the scanner starts without a network. Not in development, where Vite serves no /sw.js.
 */
export function registerScannerWorker(): void {
  if (registered || !('serviceWorker' in navigator) || import.meta.env.DEV) return;
  registered = true;
  void new Workbox('/sw.js', { scope: '/scan' }).register().catch(() => {
    registered = false; // offline on the very first visit: tried again next time
  });
}
