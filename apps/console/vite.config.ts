// The console's single-page app: `npm run build:console` writes apps/console/dist, which the
// gateways serve at /_console/ (same origin as the AWS APIs).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/_console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    // `npx vite --config apps/console/vite.config.ts` serves the app on :5173 against a Switchyard on
    // :4566: the AWS APIs (POST /) and the console endpoints are passed through.
    proxy: { '^/$': 'http://localhost:4566', '/_console/api': 'http://localhost:4566' },
  },
});
