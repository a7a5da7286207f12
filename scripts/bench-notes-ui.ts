/**
 * `npm run bench:notes-ui [-- BRIEFINGS NOTES]`: the all-notes view in Chromium, through the test bridge and the
 * real services, with NOTES annotations (default 10,000: 70 % highlights with real quotes, item notes, bookmarks)
 * over BRIEFINGS generated briefings (default 2,600). Measures, five times each: the view's first paint (the
 * tab clicked → the list painted), and a tag filter (the chip clicked → the filtered list painted), which
 * is the time a user waits; and the long tasks (PerformanceObserver 'longtask', over 50 ms) from the tab
 * clicked until the view has settled. Prints a table.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Conf from 'conf'
import { chromium } from '@playwright/test'
import { anchorQuote, describeQuote } from '../archive/notes/anchor.ts'
import { itemText } from '../archive/notes/item-text.ts'
import { NORMALIZER_VERSION } from '../archive/search/normalize.ts'
import type { Annotation } from '../archive/notes/model.ts'
import { generateBriefings } from '../archive/sample/generate.ts'
import { openNotesStore } from '../archive/storage/notes-store.ts'
import { createRealServices, startBridge } from '../tests/e2e/bridge-server.ts'
import { installBridgeClient } from '../tests/e2e/bridge-client.ts'
import { API_EVENTS, API_METHODS } from '../electron/shared/ipc-contract.ts'
import { CHROMIUM_ARGS } from '../tests/e2e/fixtures.ts'
import { chromiumPathOrThrow } from './chromium.ts'

const [briefingCount = 2600, noteCount = 10_000] = process.argv.slice(2).map(Number).filter((n) => n > 0)
const RUNS = 5
/** Evaluated in the page: records pointerdown → the frame after the count line (`N건`) changed. */
const WATCH_FILTER = `(() => {
  const status = [...document.querySelectorAll('[role="status"]')].find((e) => /건$/.test(e.textContent))
  const before = status.textContent
  let t0 = 0
  addEventListener('pointerdown', () => (t0 = performance.now()), { capture: true, once: true })
  new MutationObserver((_, observer) => {
    if (status.textContent === before) return
    observer.disconnect()
    requestAnimationFrame(() => requestAnimationFrame(() => (window.__filterMs = performance.now() - t0)))
  }).observe(status, { subtree: true, childList: true, characterData: true })
})()`
/** Evaluated in the page: starts recording long tasks (their durations in window.__long). */
const WATCH_LONG = `(() => {
  window.__long = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push(e.duration)
  }).observe({ type: 'longtask' })
})()`
/** Evaluated in the page: resolves after two frames and a quiet moment (a long task is reported after it ends). */
const SETTLE = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(null), 150))))'
/** Evaluated in the page (this script's types have no DOM): resolves once the next frame is painted. */
const NEXT_FRAME = 'new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null))))'
const root = mkdtempSync(join(tmpdir(), 'bench-notes-ui-'))
const archiveDir = join(root, 'archive')
const userData = join(root, 'user-data')
const ms = (n: number): string => `${n.toFixed(0)} ms`
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

console.log(`generating ${briefingCount} briefings and ${noteCount} annotations …`)
const services = await createRealServices(archiveDir, userData)
for (const g of generateBriefings(briefingCount, { seed: 7 })) {
  const r = await services.store.importBytes(g.fileName, new TextEncoder().encode(g.text))
  if (r.status === 'failed') throw new Error(r.error)
}
const summaries = await services.store.list()
const annotations: Annotation[] = []
const time = '2026-11-30T09:00:00+09:00'
for (let i = 0; annotations.length < noteCount; i++) {
  const briefing = await services.store.get(summaries[i % summaries.length].id)
  if (!briefing) continue
  const items = briefing.sections.flatMap((s) => s.items)
  const item = items[i % items.length]
  const raw = itemText(item).raw
  const common = { id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, briefingId: briefing.id, created: time, modified: time, tags: i % 5 === 0 ? ['반도체', `주제${i % 30}`] : [`주제${i % 30}`] }
  if (i % 10 < 7) {
    const start = Math.min(raw.length - 30, 20 + (i % 50))
    const quote = describeQuote(raw, start, start + 24)
    if (!quote) continue
    const anchor = anchorQuote(item, quote.quote)
    annotations.push({ ...common, kind: 'highlight', itemId: item.id, itemTitle: item.title, quote: quote.quote, text: quote.text, ...(anchor.position ? { position: anchor.position } : {}), itemHash: anchor.itemHash, normalizer: NORMALIZER_VERSION, color: (['yellow', 'red', 'green', 'blue', 'purple', 'orange'] as const)[i % 6], comment: i % 3 === 0 ? '검토 필요: 예산 규모와 일정' : '' })
  } else if (i % 10 < 9) {
    annotations.push({ ...common, kind: 'note', itemId: item.id, itemTitle: item.title, text: '후속 확인 — 관련 부처 발표 비교' })
  } else {
    annotations.push({ ...common, kind: 'bookmark', itemId: item.id, itemTitle: item.title, reason: '주간 회의', state: 'review' })
  }
}
// The bench's own store writes the notes once (the services' store holds the lock: close it, write, reopen).
await services.notesStore.close()
const writer = await openNotesStore(join(userData, 'notes.json'), { open: (o) => new Conf(o as never) as never })
writer.importAnnotations(annotations)
await writer.close()
const real = await createRealServices(archiveDir, userData)
await real.searchService.ready

const bridge = await startBridge(join(import.meta.dirname, '..', 'out', 'renderer'), real)
const browser = await chromium.launch({ executablePath: chromiumPathOrThrow(), args: CHROMIUM_ARGS })
const firstPaint: number[] = []
const filter: number[] = []
/** The longest task while the view opened, per run (0: none over 50 ms), and how many there were. */
const longest: number[] = []
const longCount: number[] = []
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ baseURL: bridge.origin, viewport: { width: 1280, height: 800 }, locale: 'ko-KR' })
  await context.addInitScript(installBridgeClient, { methods: API_METHODS, events: API_EVENTS })
  const page = await context.newPage()
  await page.goto('/')
  await page.getByRole('listbox', { name: '브리핑 목록' }).waitFor()
  const list = page.getByRole('list', { name: '메모 목록' })
  await page.evaluate(WATCH_LONG)
  const t0 = performance.now()
  await page.getByRole('button', { name: '모든 메모' }).click()
  await list.getByRole('listitem').first().waitFor()
  await page.evaluate(NEXT_FRAME)
  firstPaint.push(performance.now() - t0)
  await page.evaluate(SETTLE)
  const long = (await page.evaluate('window.__long')) as number[]
  longest.push(Math.max(0, ...long))
  longCount.push(long.length)
  // Measured in the page: from the chip's pointerdown to the frame after the count changed (Playwright's own
  // click and polling overhead left out).
  await page.evaluate(WATCH_FILTER)
  await page.getByRole('button', { name: /^#반도체/ }).click()
  // Polled with evaluate: waitForFunction's polling evaluates a string in the page, which the app's CSP refuses.
  let filterMs: number | undefined
  while ((filterMs = (await page.evaluate('window.__filterMs')) as number | undefined) === undefined) await page.evaluate(NEXT_FRAME)
  filter.push(Number(filterMs))
  await context.close()
}
await browser.close()
await bridge.close()
await real.searchService.close()
await real.notesStore.close()
rmSync(root, { recursive: true, force: true })

console.log(`\n${briefingCount} briefings, ${annotations.length} annotations, Chromium, ${RUNS} runs (median / max)`)
console.log('| step | median | max | target |')
console.log('|---|---|---|---|')
console.log(`| all-notes view, first paint | ${ms(median(firstPaint))} | ${ms(Math.max(...firstPaint))} | — |`)
console.log(`| all-notes view, longest task while opening (${longCount.join('/')} long tasks per run) | ${ms(median(longest))} | ${ms(Math.max(...longest))} | none over 50 ms |`)
console.log(`| filter by a tag, to paint | ${ms(median(filter))} | ${ms(Math.max(...filter))} | ≤ 100 ms |`)
