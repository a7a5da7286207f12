/**
 * The search journey: search box → results as you type, grouped or ranked, with highlighted matches → open
 * a result in the reader (item scrolled to, matches highlighted, stepped through) → back to the same results
 * → filter chips → traditional/simplified folding → find in the briefing (Ctrl+F) → dark theme, no results,
 * paging. It runs on the bundled sample archive (archive/sample/briefings, fictional), with what each query
 * must find checked against the real core (`app.services.api.search`); the seed issue's own items (华为 →
 * 華爲 folding, its facts file) are checked only when ../shared/seed exists.
 * Runs the built renderer in Chromium against the real services and search index (fixtures.ts).
 */
import { writeFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import { generateBriefings } from '../../archive/sample/generate.ts'
import { readSeedFacts } from '../helpers/seed.ts'
import { expect, saveScreenshot, test } from './fixtures.ts'
import { pageBrightness, SearchPage, seedItem, watchErrors } from './pages.ts'

const SEED_SKIP = 'skipped: ../shared/seed not found'
/** The results page size of the search panel. */
const PAGE = 50

/** Every sample item that writes 베이징 (or 北京): two in 2026-04-10, two in 2026-01-09, one each in 2026-03-06, 2025-11-14. */
const BEIJING_SAMPLE_HITS = [
  'sample-weekly-2026-04-10/I-01',
  'sample-weekly-2026-04-10/I-02',
  'sample-weekly-2026-03-06/I-01',
  'sample-weekly-2026-01-09/I-01',
  'sample-weekly-2026-01-09/I-03',
  'sample-weekly-2025-11-14/I-04'
]
/** 베이징·톈진's computing platform: the best 베이징 hit, 베이징 and 北京 in it more than once, below the fold. */
const BEIJING_TIANJIN = 'sample-weekly-2026-01-09/I-03'
/** The issue of the folding check: its I-04 writes 華芯電子 (traditional) only; nothing in the samples writes 华芯电子. */
const FOLD_ID = 'sample-weekly-2025-11-14'
const foldItem = (ref: string): string => `${FOLD_ID}/${ref}`

/** The distinct item ids the find bar's highlights are in, sorted. */
async function highlightedItems(search: SearchPage): Promise<string[]> {
  return [...new Set((await search.highlighted()).map((f) => f.itemId ?? ''))].sort()
}

/**
 * Ctrl+F in the open briefing, starting with `startQuery` (the search that opened it) and then `query`:
 * its matches are exactly in `items`, the first is the one at or after `readingItem`'s position (`startItem`),
 * Enter / Shift+Enter step, stepping past the last wraps to the first (in `items[0]`), Esc closes.
 */
async function findInBriefing(
  page: Page,
  search: SearchPage,
  step: { startQuery: string; query: string; items: string[]; startItem: string; screenshot?: string }
): Promise<void> {
  await page.keyboard.press('Control+f')
  const findBox = search.findBar.getByRole('searchbox', { name: '이 브리핑에서 찾기' })
  await expect(findBox).toBeFocused()
  // It starts with the search that opened the item, already selected for typing over.
  await expect(findBox).toHaveValue(step.startQuery)
  await findBox.fill(step.query)
  await expect.poll(() => highlightedItems(search)).toEqual([...step.items].sort())
  const found = await search.highlighted()
  expect(found.length).toBeGreaterThan(2)
  expect(found.every((f) => f.text.includes(step.query))).toBe(true)
  // Find starts at the reading position: the first match at or after the item being read.
  const total = found.length
  await expect.poll(() => search.position()).toMatch(new RegExp(`^\\d+ / ${total}$`))
  const start = Number.parseInt(await search.position(), 10)
  expect((await search.highlighted('search-current'))[0]?.itemId).toBe(step.startItem)
  if (step.screenshot) await saveScreenshot(page, step.screenshot)
  await page.keyboard.press('Enter')
  await expect.poll(() => search.position()).toBe(`${(start % total) + 1} / ${total}`)
  await page.keyboard.press('Shift+Enter')
  await expect.poll(() => search.position()).toBe(`${start} / ${total}`)
  // Stepping on past the last match wraps to the first, scrolled into view.
  for (let i = start; i <= total; i++) await page.keyboard.press('Enter')
  await expect.poll(() => search.position()).toBe(`1 / ${total}`)
  expect((await search.highlighted('search-current'))[0]?.itemId).toBe(step.items[0])
  await expect(page.locator(`[id="${step.items[0]}"]`)).toBeInViewport()
  await page.keyboard.press('Escape')
  await expect(search.findBar).toHaveCount(0)
  expect(await search.highlighted()).toEqual([])
}

test('finds every sample item on a topic and reads it with the matches highlighted', async ({ page, app }) => {
  const errors = watchErrors(page)
  const search = new SearchPage(page)
  // What the real core answers for 베이징: the six sample items (and the seed's, when it is there).
  const core = await app.services.api.search({ query: '베이징', limit: PAGE })
  expect(core.hits.filter((h) => h.briefingId.startsWith('sample-')).map((h) => h.itemId).sort()).toEqual(
    [...BEIJING_SAMPLE_HITS].sort()
  )
  const opened = core.hits.find((h) => h.itemId === BEIJING_TIANJIN)
  expect(opened?.matches.sort()).toEqual(['北京', '베이징'].sort())
  await page.goto('/')
  await expect(page.getByRole('listbox', { name: '브리핑 목록' })).toBeVisible()

  // Ctrl+K from the library: the search box, with help and clickable examples.
  await page.keyboard.press('Control+k')
  await expect(search.box).toBeFocused()
  await expect(search.panel).toBeVisible()
  await expect(search.panel.getByRole('button', { name: /华为/ })).toBeVisible()
  await expect(search.panel.getByRole('button', { name: /region:상하이/ })).toBeVisible()
  await saveScreenshot(page, 'search-empty')

  // Results as you type: 베이징 finds each of the six sample items once, with 베이징 marked.
  await page.keyboard.type('베이징')
  await expect(search.hit(BEIJING_TIANJIN)).toBeVisible()
  for (const id of BEIJING_SAMPLE_HITS) await expect(search.hit(id)).toHaveCount(1)
  await expect(search.results.locator('mark', { hasText: '베이징' }).first()).toBeVisible()
  const marked = await search.results.locator('mark').allTextContents()
  expect(marked.some((m) => m.includes('베이징'))).toBe(true)
  const total = await search.total()
  expect(total).toBe(core.total)
  expect(total).toBeGreaterThanOrEqual(BEIJING_SAMPLE_HITS.length)
  await expect(search.hits).toHaveCount(Math.min(total, PAGE))
  // Grouped by briefing, newest first: a header with each issue's date and series.
  await expect(search.results.getByRole('group', { name: /2026년 1월 9일.*샘플 과학기술 정책 주간동향/ })).toBeVisible()
  await expect(search.results.getByRole('group', { name: /2025년 11월 14일.*샘플 과학기술 정책 주간동향/ })).toBeVisible()
  await expect(search.results.getByRole('group')).toHaveCount(new Set(core.hits.map((h) => h.briefingId)).size)
  const published = new Map(core.hits.map((h) => [h.itemId, h.published]))
  const groupedDates = (await search.hitIds()).map((id) => published.get(id) ?? '')
  expect(groupedDates).toEqual([...groupedDates].sort().reverse())
  await saveScreenshot(page, 'search-results')

  // The flat ranked list is the core's order, best first, and names the briefing on each hit; back to groups.
  await search.panel.getByRole('button', { name: '목록', exact: true }).click()
  await expect(search.results.getByRole('group')).toHaveCount(0)
  await expect.poll(() => search.hitIds()).toEqual(core.hits.map((h) => h.itemId))
  expect((await search.hitIds())[0]).toBe(BEIJING_TIANJIN)
  await expect(search.hit(BEIJING_TIANJIN)).toContainText('샘플 과학기술 정책 주간동향')
  await search.panel.getByRole('button', { name: '브리핑별' }).click()
  await expect(search.results.getByRole('group').first()).toBeVisible()

  // Keyboard: ↓ from the box moves into the results, ↓ again moves the selection, Enter opens.
  await search.box.focus()
  await page.keyboard.press('ArrowDown')
  const first = search.hits.first()
  await expect(first).toBeFocused()
  await expect(first).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowUp')
  await expect(search.box).toBeFocused()

  // Open the 베이징·톈진 result (below the fold): the reader shows the item with 베이징 and 北京 highlighted.
  await search.hit(BEIJING_TIANJIN).scrollIntoViewIfNeeded()
  const resultsScroll = await search.scrollY()
  expect(resultsScroll).toBeGreaterThan(0)
  await search.hit(BEIJING_TIANJIN).click()
  await expect(search.panel).toHaveCount(0)
  const article = page.locator(`[id="${BEIJING_TIANJIN}"]`)
  await expect(article).toBeInViewport()
  await expect(article).toHaveAttribute('data-search-hits', /^[1-9]\d*$/)
  const hits = Number(await article.getAttribute('data-search-hits'))
  expect(hits).toBeGreaterThan(2)
  const painted = await search.highlighted()
  expect(painted.length).toBe(hits)
  expect(painted.every((p) => p.itemId === BEIJING_TIANJIN)).toBe(true)
  expect([...new Set(painted.map((p) => p.text))].sort()).toEqual(['北京', '베이징'].sort())
  const current = await search.highlighted('search-current')
  expect(current).toHaveLength(1)
  await expect(search.findBar).toBeVisible()
  expect(await search.position()).toBe(`1 / ${hits}`)
  await saveScreenshot(page, 'search-reader-highlight')

  // Next / previous hit inside the item: F3, Shift+F3 and the buttons.
  await page.keyboard.press('F3')
  await expect.poll(() => search.position()).toBe(`2 / ${hits}`)
  await page.keyboard.press('Shift+F3')
  await expect.poll(() => search.position()).toBe(`1 / ${hits}`)
  await search.findBar.getByRole('button', { name: /이전 일치/ }).click()
  await expect.poll(() => search.position()).toBe(`${hits} / ${hits}`)
  await search.findBar.getByRole('button', { name: /다음 일치/ }).click()
  await expect.poll(() => search.position()).toBe(`1 / ${hits}`)

  // Back (Esc) returns to the same results: query, hit selected and focused, same scroll, no highlights.
  await page.keyboard.press('Escape')
  await expect(search.panel).toBeVisible()
  await expect(search.box).toHaveValue('베이징')
  await expect(search.hit(BEIJING_TIANJIN)).toHaveAttribute('aria-selected', 'true')
  await expect(search.hit(BEIJING_TIANJIN)).toBeFocused()
  expect(await search.total()).toBe(total)
  expect(await search.scrollY()).toBe(resultsScroll)
  expect(await search.highlighted()).toEqual([])

  // A year chip narrows the results; the active filter is shown and removable.
  const year = search.filters.getByRole('button', { name: /^발행 연도 2026년/ })
  await expect(year).toHaveAttribute('aria-pressed', 'false')
  await year.click()
  await expect(year).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => search.total()).toBeLessThan(total)
  await expect(search.hit(BEIJING_TIANJIN)).toBeVisible()
  await expect(search.hit('sample-weekly-2025-11-14/I-04')).toHaveCount(0)
  const remove = search.filters.getByRole('button', { name: /^필터 해제: 발행.*2026년$/ })
  await expect(remove).toBeVisible()
  await saveScreenshot(page, 'search-filters')
  // A category chip on top: together they leave the 2026 items of 지역, exactly those the core has.
  const region = search.filters.getByRole('button', { name: /^분야 지역/ })
  await region.click()
  await expect(region).toHaveAttribute('aria-pressed', 'true')
  const both = core.hits.filter((h) => h.published.startsWith('2026') && h.category === '지역').map((h) => h.itemId)
  expect(both).toContain(BEIJING_TIANJIN)
  await expect.poll(async () => (await search.hitIds()).sort()).toEqual(both.sort())
  await expect(search.filters.getByRole('button', { name: /^필터 해제: 분야 지역$/ })).toBeVisible()
  await search.filters.getByRole('button', { name: '필터 모두 해제' }).click()
  await expect.poll(() => search.total()).toBe(total)
  await expect(remove).toHaveCount(0)

  // 华芯电子 (simplified) is written nowhere in the samples: folding finds the item whose ranking table
  // writes 華芯電子 (with its Korean reading 화신전자), and the reader marks 華芯電子 in that table.
  const foldCore = await app.services.api.search({ query: '华芯电子' })
  expect(foldCore.hits.find((h) => h.itemId === foldItem('I-04'))?.matches).toContain('華芯電子')
  await search.box.fill('华芯电子')
  const ranking = search.hit(foldItem('I-04'))
  await expect(ranking).toHaveCount(1)
  await expect(ranking).toContainText('샘플과학기술정보연구소')
  await expect(ranking.locator('mark').first()).toBeVisible()
  await ranking.click()
  const i04 = page.locator(`[id="${foldItem('I-04')}"]`)
  await expect(i04).toHaveAttribute('data-search-hits', /^[1-9]\d*$/)
  const folded = await search.highlighted()
  expect(folded.length).toBe(Number(await i04.getAttribute('data-search-hits')))
  expect(folded.every((p) => p.itemId === foldItem('I-04'))).toBe(true)
  expect(folded.some((p) => p.text === '華芯電子')).toBe(true)
  await expect(i04.getByRole('cell', { name: '화신전자(華芯電子)' })).toBeInViewport()

  // Ctrl+F: find in the briefing, across items (I-02 and II-01 write 양자); reading I-04 it starts in II-01.
  await findInBriefing(page, search, {
    startQuery: '华芯电子',
    query: '양자',
    items: [foldItem('I-02'), foldItem('II-01')],
    startItem: foldItem('II-01'),
    screenshot: 'search-find'
  })

  // Back to the results, then Esc clears the box and Esc again closes the search.
  await page.getByRole('button', { name: '검색 결과로 돌아가기' }).click()
  await expect(search.box).toHaveValue('华芯电子')
  await search.box.focus()
  await page.keyboard.press('Escape')
  await expect(search.box).toHaveValue('')
  await page.keyboard.press('Escape')
  await expect(search.panel).toHaveCount(0)
  expect(errors).toEqual([])
})

test('finds the seed items on a topic and folds 华为 to the 華爲 the seed writes', async ({ page, app }) => {
  test.skip(!app.seed, SEED_SKIP)
  const errors = watchErrors(page)
  const search = new SearchPage(page)
  await page.goto('/')
  await page.keyboard.press('Control+k')
  await expect(search.box).toBeFocused()

  // 베이징 finds the seed's I-01, I-06 and II-01, grouped under the seed's date and series.
  await page.keyboard.type('베이징')
  await expect(search.hit(seedItem('I-01'))).toBeVisible()
  for (const ref of ['I-01', 'I-06', 'II-01']) await expect(search.hit(seedItem(ref))).toHaveCount(1)
  const total = await search.total()
  await expect(search.results.getByRole('group', { name: /2023년 4월 7일.*중국 과학기술 정책 주간동향/ })).toBeVisible()
  await search.panel.getByRole('button', { name: '목록', exact: true }).click()
  await expect(search.hit(seedItem('I-01'))).toContainText('중국 과학기술 정책 주간동향')
  await search.panel.getByRole('button', { name: '브리핑별' }).click()
  await expect(search.results.getByRole('group').first()).toBeVisible()

  // 분야 기술전략 keeps I-01 and drops II-01; with 2023 on top only the seed is left.
  const chip = search.filters.getByRole('button', { name: /^분야 기술전략/ })
  await chip.click()
  await expect(chip).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => search.total()).toBeLessThan(total)
  await expect(search.hit(seedItem('I-01'))).toBeVisible()
  await expect(search.hit(seedItem('II-01'))).toHaveCount(0)
  await search.filters.getByRole('button', { name: /^발행 연도 2023년/ }).click()
  await expect.poll(async () => {
    const ids = await search.hitIds()
    return ids.length > 0 && ids.every((id) => id.startsWith('kostec-weekly-2023-04-07/'))
  }).toBe(true)
  await search.filters.getByRole('button', { name: '필터 모두 해제' }).click()
  await expect.poll(() => search.total()).toBe(total)

  // 华为 is written nowhere in the seed: folding finds 후룬연구원's item, and the reader marks 華爲 / 華為.
  await search.box.fill('华为')
  const huawei = search.hits.filter({ hasText: '후룬연구원' })
  await expect(huawei).toHaveCount(1)
  await expect(huawei.first()).toHaveAttribute('data-item-id', seedItem('I-06'))
  await expect(huawei.first()).toContainText(/華爲|華為/)
  await huawei.first().click()
  const i06 = page.locator(`[id="${seedItem('I-06')}"]`)
  await expect(i06).toHaveAttribute('data-search-hits', /^[1-9]\d*$/)
  const folded = await search.highlighted()
  expect(folded.every((p) => p.itemId === seedItem('I-06'))).toBe(true)
  expect(folded.some((p) => /華爲|華為/.test(p.text))).toBe(true)

  // Ctrl+F 양자 across the seed's items: I-01 and II-01; reading I-06 it starts in II-01, wraps to I-01.
  await findInBriefing(page, search, {
    startQuery: '华为',
    query: '양자',
    items: [seedItem('I-01'), seedItem('II-01')],
    startItem: seedItem('II-01'),
    screenshot: 'search-find-seed'
  })
  expect(errors).toEqual([])
})

test("finds what the seed's facts say each query must find", async ({ page, app }) => {
  test.skip(!app.seed, SEED_SKIP)
  const errors = watchErrors(page)
  const search = new SearchPage(page)
  const expectations = readSeedFacts().searchExpectations
  expect(expectations.length).toBeGreaterThan(0)
  await page.goto('/')
  await page.keyboard.press('/')
  await expect(search.box).toBeFocused()
  for (const { query, mustFind } of expectations) {
    await search.box.fill(query)
    for (const ref of mustFind) {
      await expect(search.hit(seedItem(ref)), `${query} → ${ref}`).toHaveCount(1)
    }
  }
  expect(errors).toEqual([])
})

test('shows results in the dark theme and says when nothing matches', async ({ page, app }) => {
  const errors = watchErrors(page)
  const search = new SearchPage(page)
  const nothing = '반도체 region:상하이 분야:바이오'
  expect((await app.services.api.search({ query: nothing })).total).toBe(0)
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto('/')
  await expect(page.getByRole('listbox', { name: '브리핑 목록' })).toBeVisible()
  await expect.poll(() => pageBrightness(page)).toBeLessThan(60)

  // `/` focuses the box from the library; an example runs at once.
  await page.keyboard.press('/')
  await expect(search.box).toBeFocused()
  await search.panel.getByRole('button', { name: /^양자 한 단어/ }).click()
  await expect(search.box).toHaveValue('양자')
  await expect(search.hit('sample-weekly-2025-11-14/II-01')).toBeVisible()
  await expect(search.hit('sample-weekly-2026-03-06/II-02')).toBeVisible()
  await search.box.fill('반도체')
  await expect(search.hit('sample-weekly-2026-02-06/III-01')).toBeVisible()
  await expect(search.results.locator('mark', { hasText: '반도체' }).first()).toBeVisible()
  expect(await search.total()).toBe((await app.services.api.search({ query: '반도체' })).total)
  expect(await pageBrightness(page)).toBeLessThan(60)
  await saveScreenshot(page, 'search-results-dark')
  await page.emulateMedia({ colorScheme: 'light' })
  await expect.poll(() => pageBrightness(page)).toBeGreaterThan(200)

  // Nothing matches: the no-results state; with a filter on, it offers to clear the filters.
  await search.box.fill(nothing)
  await expect(search.panel.getByText(/맞는 항목이 없습니다/)).toBeVisible()
  await expect(search.hits).toHaveCount(0)
  await search.panel.getByRole('button', { name: '필터 모두 해제' }).last().click()
  await expect(search.box).toHaveValue('반도체')
  await expect(search.hit('sample-weekly-2026-02-06/III-01')).toBeVisible()
  expect(errors).toEqual([])
})

test('says which typed filter cannot be used instead of searching without it', async ({ page, app }) => {
  const errors = watchErrors(page)
  const search = new SearchPage(page)
  // the core answers with the error and no hits (not every 베이징 item, as when the filter was ignored)
  const answer = await app.services.api.search({ query: 'published:abc 베이징' })
  expect(answer.total).toBe(0)
  expect(answer.errors?.map((e) => [e.token, e.problem])).toEqual([['published:abc', 'date']])
  await page.goto('/')
  await expect(page.getByRole('listbox', { name: '브리핑 목록' })).toBeVisible()
  await page.keyboard.press('/')
  await search.box.fill('published:abc 베이징')
  const alert = search.panel.getByRole('alert')
  await expect(alert).toContainText('이 필터는 쓸 수 없습니다')
  await expect(alert).toContainText('published:abc: 날짜가 아닙니다')
  await expect(search.hits).toHaveCount(0)
  await saveScreenshot(page, 'search-invalid-filter')
  await search.box.fill('날짜:2023-13')
  await expect(alert).toContainText('날짜:2023-13: 13월은 없습니다')
  // fixed: the search runs again
  await search.box.fill('베이징 published:2026')
  await expect(search.hit(BEIJING_TIANJIN)).toBeVisible()
  await expect(alert).toHaveCount(0)
  expect(errors).toEqual([])
})

test('pages through more results than one page holds', async ({ page, app }, testInfo) => {
  const errors = watchErrors(page)
  const search = new SearchPage(page)
  // The five samples hold 46 items, fewer than a page: one more fictional issue from the sample generator
  // (archive/sample/generate.ts), imported through the real store and index like any other.
  const [extra] = generateBriefings(1, { seed: 11, startDate: '2024-06-14' })
  const file = testInfo.outputPath(extra.fileName)
  await writeFile(file, extra.text)
  const outcome = await app.services.store.importFile(file)
  expect(outcome.status).not.toBe('failed')
  await app.services.searchService.refresh()
  const items = (await app.services.api.listBriefings({})).reduce((sum, b) => sum + b.itemCount, 0)
  expect(items).toBeGreaterThan(PAGE)

  await page.goto('/')
  await page.keyboard.press('Control+k')
  await expect(search.box).toBeFocused()

  // More than one page: whole briefings up to 50 hits (grouped results page by briefing), then "결과 더 보기"
  // for the rest. A typed filter shows as active.
  await search.box.fill('published:2000..2100')
  const first = await search.loaded()
  expect(first).toBeGreaterThan(0)
  expect(first).toBeLessThanOrEqual(PAGE)
  const all = await search.total()
  expect(all).toBe(items)
  await expect(search.panel.getByText(`${all}건 중 ${first}건 표시`)).toBeVisible()
  await expect(search.filters.getByRole('button', { name: /필터 해제: 발행/ })).toBeVisible()
  await search.panel.getByRole('button', { name: '결과 더 보기' }).click()
  await expect(search.hits).toHaveCount(all)
  await expect(search.panel.getByRole('button', { name: '결과 더 보기' })).toHaveCount(0)
  expect(new Set(await search.hitIds()).size).toBe(all)
  await expect(search.hit(`${extra.expected.id}/I-01`)).toHaveCount(1)
  expect(errors).toEqual([])
})
