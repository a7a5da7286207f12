/**
 * End-to-end journeys in Debian's Chromium against the built renderer and the real main-process services
 * (see tests/e2e/fixtures.ts). Build first: electron-vite build -c electron.config.ts.
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..')

export default defineConfig({
  testDir: resolve(here, 'e2e'),
  testMatch: '**/*.e2e.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: process.env['CI'] ? 1 : undefined,
  retries: 0,
  forbidOnly: !!process.env['CI'],
  outputDir: resolve(repo, 'test-results/e2e'),
  reporter: [['list'], ['json', { outputFile: resolve(repo, 'test-results/e2e.json') }]],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' }
})
