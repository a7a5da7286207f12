/**
 * `npm run screenshots`: the README's pictures (docs/*.png), taken in Chromium through the test bridge and the real
 * services, from the bundled sample briefings only (fictional content; never the seed). Build the renderer first
 * (the npm script does). Each picture is 1280×800 in the light theme, Korean UI.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { allItems } from '../archive/model/briefing.ts'
import { listSampleFiles } from '../archive/storage/sample-files.ts'
import { API_EVENTS, API_METHODS } from '../electron/shared/ipc-contract.ts'
import { installBridgeClient } from '../tests/e2e/bridge-client.ts'
import { closeRealServices, createRealServices, startBridge } from '../tests/e2e/bridge-server.ts'
import { CHROMIUM_ARGS } from '../tests/e2e/fixtures.ts'
import { chromiumPathOrThrow } from './chromium.ts'

const SAMPLE_ID = 'sample-weekly-2026-04-10'
const docs = join(import.meta.dirname, '..', 'docs')
const root = mkdtempSync(join(tmpdir(), 'screenshots-'))
const services = await createRealServices(join(root, 'archive'), join(root, 'user-data'))
for (const file of listSampleFiles()) {
  const outcome = await services.store.importFile(file)
  if (outcome.status === 'failed') throw new Error(`screenshots: ${file}: ${outcome.error}`)
}
await services.searchService.refresh()

// A few notes on the sample, so the notes panel has something to show: an item note, a bookmark, a tagged note.
const briefing = await services.api.getBriefing({ id: SAMPLE_ID })
if (!briefing) throw new Error(`screenshots: no briefing ${SAMPLE_ID}`)
const [first, second] = allItems(briefing)
await services.api.addItemNote({ briefingId: SAMPLE_ID, itemId: first.id, text: '**후속 확인**: 지원 규모와 기간을 보고서 2장에 반영.', tags: ['지역정책'] })
await services.api.toggleBookmark({ briefingId: SAMPLE_ID, itemId: second.id })

const bridge = await startBridge(join(import.meta.dirname, '..', 'out', 'renderer'), services)
const browser = await chromium.launch({ executablePath: chromiumPathOrThrow(), args: CHROMIUM_ARGS })
const context = await browser.newContext({ baseURL: bridge.origin, viewport: { width: 1280, height: 800 }, locale: 'ko-KR', colorScheme: 'light', reducedMotion: 'reduce' })
await context.addInitScript(installBridgeClient, { methods: API_METHODS, events: API_EVENTS })
const page: Page = await context.newPage()

async function shot(name: string): Promise<void> {
  await page.evaluate('document.fonts.ready')
  await page.screenshot({ path: join(docs, `${name}.png`) })
  console.log(`docs/${name}.png`)
}

await page.goto('/')
await page.getByRole('listbox', { name: '브리핑 목록' }).getByRole('option').first().waitFor()
await page.locator(`[role="option"][data-id="${SAMPLE_ID}"]`).click()
await page.locator('main .page[data-drawn="all"]').waitFor()
await shot('screenshot')

await page.locator('button.notes-toggle').click()
await page.getByRole('complementary', { name: '메모', exact: true }).waitFor()
await shot('notes')

await page.goto('/')
await page.getByRole('combobox', { name: '브리핑 검색' }).fill('베이징')
await page.getByRole('listbox', { name: '검색 결과' }).getByRole('option').first().waitFor()
await page.mouse.move(0, 0)
await shot('search')

await browser.close()
await bridge.close()
await closeRealServices(services)
rmSync(root, { recursive: true, force: true })
