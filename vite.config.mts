import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The renderer: one static bundle served from file:// in Electron and from the browser-mode server.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true, sourcemap: true, target: 'chrome120' },
})
