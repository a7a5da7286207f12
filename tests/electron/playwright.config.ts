/**
 * Playwright `_electron` smoke test against the built app (`npm run build` first). Runs only where an
 * Electron binary exists; on Linux without a display, run it under Xvfb:
 *   xvfb-run -a -s '-screen 0 1280x960x24' npx playwright test -c tests/electron/playwright.config.ts
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '../..')

export default defineConfig({
  testDir: here,
  testMatch: '*.e2e.ts',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  outputDir: resolve(repo, 'test-results/electron'),
  reporter: [['list'], ['json', { outputFile: resolve(repo, 'test-results/electron.json') }]],
  use: { trace: 'retain-on-failure' }
})
