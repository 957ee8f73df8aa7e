import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The admin UI: built into dist/admin-ui, which the API serves at `/`; `npm run dev:ui` proxies /api to a running API. */
export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/admin-ui', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        // React and the router in a long-cached vendor chunk; antd is left to Rollup, so each lazily
        // loaded page (see routes.tsx) brings only the components it uses beyond the shell's.
        manualChunks: {
          react: ['react', 'react-dom', 'react-router'],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': process.env.KAMFLOW_API ?? 'http://localhost:3000' },
  },
});
