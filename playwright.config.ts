import { defineConfig } from '@playwright/test'

// e2e drives browser mode (`linkscope serve`) in Debian's Chromium: the Electron binary cannot be had here.
export default defineConfig({
  testDir: 'tests/e2e',
  // `npm run screenshots` renders the documentation's picture set (docs/screenshots) instead of the tests
  testMatch: process.env.LINKSCOPE_SHOTS === '1' ? '*.shots.ts' : '*.e2e.ts',
  workers: 1,
  timeout: 60_000,
  outputDir: 'test-results/artifacts',
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
})
