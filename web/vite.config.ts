/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const engine = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

// Everything the engine answers itself; the dev server hands these over and serves the app for the rest.
// Single-letter token paths: /r/ /o/ /v/ /u/ /m/ /p/ /g/ /c/ /t/ /l/ /s/ (src/links/public-paths.ts).
const ENGINE_PATHS = ['/api', '/health', '/inbox', '/public', '^/[rovumpgctls]/'];

export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: Object.fromEntries(ENGINE_PATHS.map((path) => [path, { target: engine, changeOrigin: false }])),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
  },
});
