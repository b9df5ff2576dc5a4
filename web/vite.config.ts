import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The floor scanner (/scan) is installable and starts without a network: the service worker precaches
 * the app shell and controls only /scan (its scope), so the desk screens behave as before. API calls are
 * never cached here; the scanner keeps its own reads and queued actions in IndexedDB.
 */
const scannerPwa = VitePWA({
  registerType: 'autoUpdate',
  // Registered by the scanner itself (web/src/scan/pwa.ts), not on every screen.
  injectRegister: false,
  scope: '/scan',
  includeAssets: ['favicon.svg', 'scan-icon.svg'],
  manifest: {
    id: '/scan',
    name: 'MonoPilot Scanner',
    short_name: 'Scanner',
    description: 'Receive, move, pick, consume and hold on the shop floor, also offline.',
    start_url: '/scan',
    scope: '/scan',
    display: 'standalone',
    orientation: 'any',
    background_color: '#ffffff',
    theme_color: '#0b7285',
    icons: [
      { src: '/scan-icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/scan-icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/scan-icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: '/scan-icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    // The server never serves /index.html itself (it answers each app section with it): precache it as /scan.
    manifestTransforms: [
      async (entries) => ({ manifest: entries.map((entry) => (entry.url === 'index.html' ? { ...entry, url: '/scan' } : entry)), warnings: [] }),
    ],
    navigateFallback: '/scan',
    navigateFallbackDenylist: [/^\/api\//],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    runtimeCaching: [],
  },
});

/** The web app: built from web/ into dist/web, which the server serves at /. `vite web` proxies the API to a running server. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), scannerPwa],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Libraries change less often than the app: in their own chunks a release leaves them cached. Each
    // screen is its own chunk too (React.lazy in App.tsx), so the sign-in page loads only what it shows.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 3 },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll|react-number-format|react-textarea-autosize|use-callback-ref|use-sidecar|tslib|get-nonce|react-style-singleton|detect-node-es|aria-hidden)[\\/]/, priority: 2 },
            { name: 'data', test: /node_modules[\\/](@tanstack|i18next|react-i18next|html-parse-stringify|void-elements)[\\/]/, priority: 2 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': `http://localhost:${process.env.PORT ?? 3000}` } },
});
