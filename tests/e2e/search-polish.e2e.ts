/**
 * Issue 10, search and its figures: counts over every result and grouped paging newest first (defect 1), the
 * reading position kept when search is closed from the reader (2), the find bar never covering the current match
 * (8), one number format, the no-results card centred, the English search help (11), and screenshots of search at
 * 800, 1280 and 1920 px in both themes. Runs the built renderer through the bridge on the samples, plus generated
 * briefings where a journey needs more than one page of results.
 */
import type { Page } from '@playwright/test'
import { generateBriefings } from '../../archive/sample/generate.ts'
import type { AppHandle } from './fixtures.ts'
import { expect, saveScreenshot, test } from './fixtures.ts'
import { SearchPage, watchErrors } from './pages.ts'

/** Adds `count` generated briefings (fictional, the weekly's layout) and brings the index up to date. */
async function addGenerated(app: AppHandle, count: number): Promise<void> {
  for (const g of generateBriefings(count, { seed: 5 })) {
    const r = await app.services.store.importBytes(g.fileName, new TextEncoder().encode(g.text))
    if (r.status === 'failed') throw new Error(r.error)
  }
  await app.services.searchService.refresh()
}

/** The groups' (date, briefing id) in display order. */
async function groupsShown(page: Page): Promise<string[]> {
  return page.locator('#search-results [role="group"]').evaluateAll((groups) =>
    groups.map((g) => g.querySelector('[role="option"]')?.getAttribute('data-item-id')?.replace(/\/.*$/, '') ?? '')
  )
}

/** The window's vertical scroll position. */
const scrollY = (page: Page): Promise<number> => page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)

test('defect 1: counts come from every result; grouped pages come newest first and only append', async ({ app, page }) => {
  test.setTimeout(180_000)
  await addGenerated(app, 120)
  const errors = watchErrors(page)
  const all = await app.services.api.search({ query: '베이징', limit: 500 })
  const briefings = [...new Map(all.hits.map((h) => [h.briefingId, h.published])).entries()]
    .sort(([ia, a], [ib, b]) => (a !== b ? (a < b ? 1 : -1) : ia < ib ? -1 : 1))
    .map(([id]) => id)
  expect(all.total).toBeGreaterThan(100)
  const search = new SearchPage(page)
  const count = page.locator('#search-panel [role="status"]').filter({ hasText: /건/ })
  await page.goto('/')
  await search.box.click()
  await search.box.fill('베이징')
  await expect(count).toContainText(`${all.total.toLocaleString('en-US')}건`)
  await expect(count).toContainText(`브리핑 ${briefings.length.toLocaleString('en-US')}개`)
  // The first group is the newest briefing with a hit over ALL results.
  const first = await groupsShown(page)
  expect(first[0]).toBe(briefings[0])
  expect(first).toEqual(briefings.slice(0, first.length))
  const shownBefore = await search.loaded()
  await expect(page.getByText(`${all.total.toLocaleString('en-US')}건 중 ${shownBefore.toLocaleString('en-US')}건 표시`)).toBeVisible()
  // More: the groups already shown stay where they were, older ones are added below.
  await page.getByRole('button', { name: '결과 더 보기' }).click()
  await expect.poll(() => search.hits.count()).toBeGreaterThan(shownBefore)
  const second = await groupsShown(page)
  expect(second.slice(0, first.length)).toEqual(first)
  expect(second).toEqual(briefings.slice(0, second.length))
  await expect(count).toContainText(`브리핑 ${briefings.length.toLocaleString('en-US')}개`)
  // The ranked list pages by rank and appends too.
  await page.getByRole('button', { name: '목록', exact: true }).click()
  await expect.poll(() => search.hits.count()).toBe(50)
  // Defect 11: one number format, "1,310건 중 50건 표시" beside "1,310건" (was "1310건 중 50건 표시").
  const every = await app.services.api.search({ query: 'published:2000..2100', limit: 1 })
  expect(every.total).toBeGreaterThan(999)
  await search.box.fill('published:2000..2100')
  const total = every.total.toLocaleString('en-US')
  await expect(count).toContainText(`${total}건`)
  await expect(page.getByText(`${total}건 중 50건 표시`)).toBeVisible()
  expect(errors).toEqual([])
})

test('defect 2: closing search from the reader returns to the exact reading position', async ({ page }) => {
  const search = new SearchPage(page)
  await page.goto('/')
  await page.getByRole('listbox', { name: '브리핑 목록' }).getByRole('option').first().click()
  await expect(page.locator('main h1')).toBeVisible()
  await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 2400))
  await expect.poll(() => scrollY(page)).toBe(2400)
  const heading = page.locator('main article h3, main article h2').first()
  await page.keyboard.press('Control+k')
  await expect(page.locator('#search-panel')).toBeVisible()
  await search.box.fill('반도체')
  await expect(search.hits.first()).toBeVisible()
  await page.getByRole('button', { name: '검색 닫기' }).click()
  await expect(page.locator('#search-panel')).toBeHidden()
  await expect.poll(() => scrollY(page)).toBe(2400)
  // and with Esc from the box (clears, then closes)
  await page.keyboard.press('Control+k')
  await search.box.fill('반도체')
  await expect(search.hits.first()).toBeVisible()
  await search.box.press('Escape')
  await search.box.press('Escape')
  await expect(page.locator('#search-panel')).toBeHidden()
  await expect.poll(() => scrollY(page)).toBe(2400)
  expect(await heading.count()).toBeGreaterThan(0)
  // The focused heading is on screen, below the top bar.
  const focused = await page.evaluate(() => {
    const d = globalThis as unknown as { document: { activeElement: { tagName: string; getBoundingClientRect(): { top: number; bottom: number } } | null }; innerHeight: number }
    const r = d.document.activeElement?.getBoundingClientRect()
    return { tag: d.document.activeElement?.tagName ?? '', id: (d.document.activeElement as unknown as { id: string } | null)?.id, top: r?.top ?? -1, bottom: r?.bottom ?? -1, height: d.innerHeight }
  })
  expect(focused.tag).toMatch(/^H[1-4]$/)
  expect(focused.top).toBeGreaterThan(40)
  expect(focused.bottom).toBeLessThan(focused.height)
})

test('back from a hit far down the results: the same hit focused, the window exactly where it was', async ({ app, page }) => {
  test.setTimeout(120_000)
  await addGenerated(app, 40)
  const errors = watchErrors(page)
  const search = new SearchPage(page)
  await page.goto('/')
  await search.box.click()
  await search.box.fill('베이징')
  await page.getByRole('button', { name: '목록', exact: true }).click()
  await expect.poll(() => search.hits.count()).toBe(50)
  // The last hit of the page: far below the rows drawn at once when the results are shown again.
  await search.hits.last().scrollIntoViewIfNeeded()
  const last = search.hits.last()
  const itemId = await last.getAttribute('data-item-id')
  const before = await scrollY(page)
  expect(before).toBeGreaterThan(2000)
  await last.click()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(search.hit(itemId ?? '')).toBeFocused()
  expect(await scrollY(page)).toBe(before)
  await expect(search.hit(itemId ?? '')).toBeInViewport()
  expect(errors).toEqual([])
})

test('defect 8: the find bar never covers the current match', async ({ page }) => {
  await page.goto('/')
  await page.getByRole('listbox', { name: '브리핑 목록' }).getByRole('option').first().click()
  await expect(page.locator('main h1')).toBeVisible()
  // One match only: an item's whole title.
  const title = ((await page.locator('main article h3 .title').nth(3).textContent()) ?? '').trim()
  await page.keyboard.press('Control+f')
  const box = page.getByRole('searchbox', { name: '이 브리핑에서 찾기' })
  await box.fill(`"${title}"`)
  await expect(page.locator('.findbar .position')).toHaveText('1 / 1')
  // A taller bar (a larger text size) than the fixed guess of its height; the match put right under it.
  const where = (): Promise<{ match: number; bar: number }> =>
    page.evaluate(() => {
      const g = globalThis as unknown as {
        CSS: { highlights: Map<string, Set<{ getBoundingClientRect(): { bottom: number } }>> }
        document: { querySelector(s: string): { getBoundingClientRect(): { top: number } } | null }
      }
      const current = [...(g.CSS.highlights.get('search-current') ?? [])][0]
      return { match: current?.getBoundingClientRect().bottom ?? -1, bar: g.document.querySelector('.findbar')?.getBoundingClientRect().top ?? -1 }
    })
  await page.locator('.findbar').evaluate((bar) => ((bar as unknown as { style: { zoom: string } }).style.zoom = '1.8'))
  const before = await where()
  await page.evaluate((by) => (globalThis as unknown as { scrollBy(x: number, y: number): void }).scrollBy(0, by), before.match - before.bar - 8)
  await expect.poll(async () => { const w = await where(); return Math.round(w.match - w.bar) }).toBe(8)
  // Enter steps to the same match: it is shown clear of the bar.
  await box.press('Enter')
  await expect.poll(async () => { const w = await where(); return w.bar - w.match }).toBeGreaterThanOrEqual(16)
})

test('defect 11: no-results card centred; English help keeps (발행:2023-04) on one line; counts formatted', async ({ page }) => {
  const search = new SearchPage(page)
  await page.goto('/')
  await search.box.click()
  await search.box.fill('존재하지않는낱말xyz')
  const card = page.locator('#search-panel .panel').first()
  await expect(page.locator('#search-panel')).toContainText('맞는 항목이 없습니다')
  const inner = await page.locator('#search-panel .inner').boundingBox()
  const box = await card.boundingBox()
  expect(inner && box).toBeTruthy()
  if (inner && box) expect(Math.abs(box.x + box.width / 2 - (inner.x + inner.width / 2))).toBeLessThan(2)
  await saveScreenshot(page, 'search-polish-no-results-1280')
  // English help at 800 px: the bracketed example is one unbroken piece.
  await page.setViewportSize({ width: 800, height: 900 })
  await search.box.fill('')
  const example = page.locator('#search-panel .about .nowrap').filter({ hasText: '2023-04' })
  await expect(example).toHaveCount(1)
  expect(await example.evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { whiteSpace: string } }).getComputedStyle(e).whiteSpace)).toBe('nowrap')
})

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots: search at 800, 1280 and 1920 px, ${theme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme })
    const search = new SearchPage(page)
    for (const width of [800, 1280, 1920]) {
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/')
      await search.box.click()
      await search.box.fill('베이징')
      await expect(search.hits.first()).toBeVisible()
      await saveScreenshot(page, `search-polish-${width}-${theme}`)
    }
  })
}
