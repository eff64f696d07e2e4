/**
 * The subscriber web app (issue 5): built into web/dist and served under /app/ by
 * src/server/routes/web-app.ts. `npx vite build --config web/vite.config.ts` from the repo root.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // The server's CSP is `script-src 'self'`: no inline polyfill script in index.html.
    modulePreload: { polyfill: false },
    // Keep every asset a file (no data: URLs): the CSP allows `img-src 'self'` only.
    assetsInlineLimit: 0,
  },
  server: {
    // `npx vite --config web/vite.config.ts` during development, with `npm start` on :8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
