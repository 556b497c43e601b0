import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the platform at /designer (same origin as the API, so the session cookie just works).
export default defineConfig({
  base: '/designer/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 3000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
