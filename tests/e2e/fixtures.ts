/**
 * Playwright fixtures for the end-to-end journeys: Debian's Chromium (Electron cannot run here) opens the
 * built renderer served by the loopback bridge, whose `window.archive` reaches the real main-process
 * services. Each test gets its own temporary archive (the bundled sample briefings, plus the seed briefing
 * when ../shared/seed exists: `app.seed`) and its own settings folder. The archive is imported and indexed
 * once per worker and copied for each test (importing it took about a second per test).
 */
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, expect, test as base } from '@playwright/test'
import type { Browser, Page } from '@playwright/test'
import { listSampleFiles, SAMPLE_DIR } from '../../archive/storage/sample-files.ts'
import { SEED_FILE, seedAvailable } from '../helpers/seed.ts'
import { API_EVENTS, API_METHODS } from '../../electron/shared/ipc-contract.ts'
import { chromiumPathOrThrow } from '../../scripts/chromium.ts'
import { installBridgeClient } from './bridge-client.ts'
import { closeRealServices, createRealServices, startBridge } from './bridge-server.ts'
import type { RealServices } from './bridge-server.ts'

const here = dirname(fileURLToPath(import.meta.url))
/** The repository root. */
export const REPO_ROOT = resolve(here, '../..')
/** The built renderer the bridge serves (electron-vite build output). */
export const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer')
/** Where journeys save their screenshots. */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots')

/** Flags for Chromium in CI: root needs --no-sandbox; nothing may reach the network on its own. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]

/** What a journey can see of the app besides the page. */
export interface AppHandle {
  /** `http://127.0.0.1:<port>`, also the page's baseURL. */
  origin: string
  services: RealServices
  /** The test's temporary folder (archive/, user-data/ inside), for files a journey writes. */
  root: string
  /**
   * True when ../shared/seed exists and its briefing was imported beside the samples. Journeys that check
   * the seed's own items call `test.skip(!app.seed, 'skipped: ../shared/seed not found')`.
   */
  seed: boolean
  /** URLs the app asked to open in the browser (recorded at the bridge, read over GET /__test/opened). */
  opened(): Promise<string[]>
}

/** Saves the viewport as test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
}

interface WorkerFixtures {
  browser: Browser
  /** An archive folder with the samples (and the seed) imported and indexed, copied for each test. */
  sampleArchive: { dir: string; seed: boolean }
}
interface TestFixtures {
  app: AppHandle
  /** Files written into the user-data folder before the services open it (relative path → content): a damaged store … */
  userDataFiles: Record<string, string> | undefined
}

/** `test` with Debian's Chromium as the browser and an `app` fixture: real services behind the bridge. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  browser: [
    async ({}, use) => {
      const browser = await chromium.launch({
        executablePath: chromiumPathOrThrow(),
        args: CHROMIUM_ARGS
      })
      await use(browser)
      await browser.close()
    },
    { scope: 'worker' }
  ],

  userDataFiles: [undefined, { option: true }],

  sampleArchive: [
    async ({}, use) => {
      // The bundled sample briefings always; the seed too when ../shared/seed exists (seedAvailable() prints
      // the reason when it does not). A clone without the seed still runs every journey on the samples.
      const samples = existsSync(SAMPLE_DIR) ? listSampleFiles() : []
      if (samples.length === 0) throw new Error(`e2e: no sample briefings in ${SAMPLE_DIR}`)
      const seed = seedAvailable()
      const root = await mkdtemp(join(tmpdir(), 'briefing-e2e-samples-'))
      const services = await createRealServices(join(root, 'archive'), join(root, 'user-data'))
      for (const file of seed ? [...samples, SEED_FILE] : samples) {
        const outcome = await services.store.importFile(file)
        if (outcome.status === 'failed') throw new Error(`e2e: import of ${file} failed: ${outcome.error}`)
      }
      await services.searchService.refresh()
      await closeRealServices(services)
      await use({ dir: join(root, 'archive'), seed })
      await rm(root, { recursive: true, force: true })
    },
    { scope: 'worker' }
  ],

  app: async ({ userDataFiles, sampleArchive }, use) => {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
      throw new Error(`e2e: ${RENDERER_DIR}/index.html missing; run electron-vite build -c electron.config.ts first`)
    }
    const { seed } = sampleArchive
    const root = await mkdtemp(join(tmpdir(), 'briefing-e2e-'))
    for (const [path, content] of Object.entries(userDataFiles ?? {})) {
      await mkdir(dirname(join(root, 'user-data', path)), { recursive: true })
      await writeFile(join(root, 'user-data', path), content)
    }
    // The catalogue, briefings, sources and saved index hold no absolute paths: a copy is the same archive.
    await cp(sampleArchive.dir, join(root, 'archive'), { recursive: true })
    const services = await createRealServices(join(root, 'archive'), join(root, 'user-data'))
    await services.searchService.ready
    const bridge = await startBridge(RENDERER_DIR, services)
    await use({
      origin: bridge.origin,
      services,
      root,
      seed,
      opened: async () => (await fetch(`${bridge.origin}/__test/opened`)).json() as Promise<string[]>
    })
    await bridge.close()
    await closeRealServices(services)
    await rm(root, { recursive: true, force: true })
  },

  context: async ({ browser, app }, use) => {
    const context = await browser.newContext({
      baseURL: app.origin,
      viewport: { width: 1280, height: 800 },
      reducedMotion: 'reduce',
      locale: 'ko-KR'
    })
    await context.addInitScript(installBridgeClient, { methods: API_METHODS, events: API_EVENTS })
    await use(context)
    await context.close()
  },

  page: async ({ context }, use) => {
    await use(await context.newPage())
  }
})

export { expect }
