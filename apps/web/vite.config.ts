/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.ts';

/** Where `vite dev` sends /api (the BFF); override to point the dev server elsewhere. */
const bffUrl = process.env.CORRIDOR_BFF_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: { '/api': { target: bffUrl, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    // No data: URIs: everything the page loads is a file of its own origin (strict CSP).
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
