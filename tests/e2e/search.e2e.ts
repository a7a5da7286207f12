/**
 * The search journey on the real seed issue and the sample briefings: search box → results with highlighted
 * matches → open a result in the reader (item scrolled to, matches highlighted, stepped through) → back to
 * the same results → filter chips → traditional/simplified folding (华为) → find in the briefing (Ctrl+F).
 * Runs the built renderer in Chromium against the real services and search index (fixtures.ts).
 */
import { expect, saveScreenshot, test } from './fixtures.ts'
import { SearchPage, seedItem, watchErrors } from './pages.ts'


test('finds every item on a topic and reads it with the matches highlighted', async ({ page }) => {
  const errors = watchErrors(page)
  const search = new SearchPage(page)
  await page.goto('/')
  await expect(page.getByRole('listbox', { name: '브리핑 목록' })).toBeVisible()

  // Ctrl+K from the library: the search box, with help and clickable examples.
  await page.keyboard.press('Control+k')
  await expect(search.box).toBeFocused()
  await expect(search.panel).toBeVisible()
  await expect(search.panel.getByRole('button', { name: /华为/ })).toBeVisible()
  await expect(search.panel.getByRole('button', { name: /region:상하이/ })).toBeVisible()
  await saveScreenshot(page, 'search-empty')

  // Results as you type: 베이징 finds the seed's I-01, I-06 and II-01, with 베이징 marked.
  await page.keyboard.type('베이징')
  await expect(search.hit(seedItem('I-01'))).toBeVisible()
  for (const ref of ['I-01', 'I-06', 'II-01']) await expect(search.hit(seedItem(ref))).toHaveCount(1)
  await expect(search.results.locator('mark', { hasText: '베이징' }).first()).toBeVisible()
  const marked = await search.results.locator('mark').allTextContents()
  expect(marked.some((m) => m.includes('베이징'))).toBe(true)
  const total = await search.total()
  expect(total).toBeGreaterThanOrEqual(3)
  await expect(search.hits).toHaveCount(Math.min(total, 50))
  // Grouped by briefing: a header with the seed's date and series.
  await expect(search.results.getByRole('group', { name: /2023년 4월 7일.*중국 과학기술 정책 주간동향/ })).toBeVisible()
  await saveScreenshot(page, 'search-results')

  // The flat ranked list names the briefing on each hit; back to groups.
  await search.panel.getByRole('button', { name: '관련도순' }).click()
  await expect(search.results.getByRole('group')).toHaveCount(0)
  await expect(search.hit(seedItem('I-01'))).toContainText('중국 과학기술 정책 주간동향')
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

  // Open the I-01 result: the reader shows the item with 베이징 highlighted inside it.
  await search.hit(seedItem('I-01')).scrollIntoViewIfNeeded()
  const resultsScroll = await search.scrollY()
  expect(resultsScroll).toBeGreaterThan(0)
  await search.hit(seedItem('I-01')).click()
  await expect(search.panel).toHaveCount(0)
  const article = page.locator(`[id="${seedItem('I-01')}"]`)
  await expect(article).toBeInViewport()
  await expect(article).toHaveAttribute('data-search-hits', /^[1-9]\d*$/)
  const hits = Number(await article.getAttribute('data-search-hits'))
  const painted = await search.highlighted()
  expect(painted.length).toBe(hits)
  expect(painted.every((p) => p.itemId === seedItem('I-01'))).toBe(true)
  expect(painted.some((p) => p.text.includes('베이징'))).toBe(true)
  const current = await search.highlighted('search-current')
  expect(current).toHaveLength(1)
  await expect(search.findBar).toBeVisible()
  expect(await search.position()).toBe(`1 / ${hits}`)
  await saveScreenshot(page, 'search-reader-highlight')

  // Next / previous hit inside the item: F3, Shift+F3 and the buttons.
  if (hits > 1) {
    await page.keyboard.press('F3')
    await expect.poll(() => search.position()).toBe(`2 / ${hits}`)
    await page.keyboard.press('Shift+F3')
    await expect.poll(() => search.position()).toBe(`1 / ${hits}`)
    await search.findBar.getByRole('button', { name: /이전 일치/ }).click()
    await expect.poll(() => search.position()).toBe(`${hits} / ${hits}`)
  }

  // Back (Esc) returns to the same results: query, hit selected and focused.
  await page.keyboard.press('Escape')
  await expect(search.panel).toBeVisible()
  await expect(search.box).toHaveValue('베이징')
  await expect(search.hit(seedItem('I-01'))).toHaveAttribute('aria-selected', 'true')
  await expect(search.hit(seedItem('I-01'))).toBeFocused()
  expect(await search.total()).toBe(total)
  expect(await search.scrollY()).toBe(resultsScroll)
  expect(await search.highlighted()).toEqual([])

  // A filter chip narrows the results; the active filter is shown and removable.
  const chip = search.filters.getByRole('button', { name: /^분야 기술전략/ })
  await expect(chip).toHaveAttribute('aria-pressed', 'false')
  await chip.click()
  await expect(chip).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => search.total()).toBeLessThan(total)
  await expect(search.hit(seedItem('I-01'))).toBeVisible()
  await expect(search.hit(seedItem('II-01'))).toHaveCount(0)
  const remove = search.filters.getByRole('button', { name: '필터 해제: 분야 기술전략' })
  await expect(remove).toBeVisible()
  await saveScreenshot(page, 'search-filters')
  // A year chip sets the publication range; together they narrow to the 2023 seed only.
  await search.filters.getByRole('button', { name: /^발행 연도 2023년/ }).click()
  await expect.poll(async () => (await search.hitIds()).every((id) => id.startsWith('kostec-weekly-2023-04-07/'))).toBe(true)
  await search.filters.getByRole('button', { name: '필터 모두 해제' }).click()
  await expect.poll(() => search.total()).toBe(total)
  await expect(remove).toHaveCount(0)

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

  // Ctrl+F: find in the briefing, across items, stepping with Enter / Shift+Enter; Esc closes.
  await page.keyboard.press('Control+f')
  const findBox = search.findBar.getByRole('searchbox', { name: '이 브리핑에서 찾기' })
  await expect(findBox).toBeFocused()
  // It starts with the search that opened the item (华为 here), already selected for typing over.
  await expect(findBox).toHaveValue('华为')
  await findBox.fill('양자')
  const items = async (): Promise<string[]> => [...new Set((await search.highlighted()).map((f) => f.itemId ?? ''))].sort()
  await expect.poll(items).toEqual([seedItem('I-01'), seedItem('II-01')])
  const found = await search.highlighted()
  expect(found.length).toBeGreaterThan(2)
  expect(found.every((f) => f.text.includes('양자'))).toBe(true)
  // Find starts at the reading position: the first match at or after the item being read (I-06 → II-01).
  const total2 = found.length
  await expect.poll(() => search.position()).toMatch(new RegExp(`^\\d+ / ${total2}$`))
  const start = Number.parseInt(await search.position(), 10)
  expect((await search.highlighted('search-current'))[0]?.itemId).toBe(seedItem('II-01'))
  await saveScreenshot(page, 'search-find')
  await page.keyboard.press('Enter')
  await expect.poll(() => search.position()).toBe(`${(start % total2) + 1} / ${total2}`)
  await page.keyboard.press('Shift+Enter')
  await expect.poll(() => search.position()).toBe(`${start} / ${total2}`)
  // Stepping on past the last match wraps to the first, in I-01, scrolled into view.
  for (let i = start; i <= total2; i++) await page.keyboard.press('Enter')
  await expect.poll(() => search.position()).toBe(`1 / ${total2}`)
  expect((await search.highlighted('search-current'))[0]?.itemId).toBe(seedItem('I-01'))
  await expect(page.locator(`[id="${seedItem('I-01')}"]`)).toBeInViewport()
  await page.keyboard.press('Escape')
  await expect(search.findBar).toHaveCount(0)
  expect(await search.highlighted()).toEqual([])

  // Back to the results, then Esc clears the box and Esc again closes the search.
  await page.getByRole('button', { name: '검색 결과로 돌아가기' }).click()
  await expect(search.box).toHaveValue('华为')
  await search.box.focus()
  await page.keyboard.press('Escape')
  await expect(search.box).toHaveValue('')
  await page.keyboard.press('Escape')
  await expect(search.panel).toHaveCount(0)
  expect(errors).toEqual([])
})

test('shows results in the dark theme and says when nothing matches', async ({ page }) => {
  const errors = watchErrors(page)
  const search = new SearchPage(page)
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.goto('/')
  await expect(page.getByRole('listbox', { name: '브리핑 목록' })).toBeVisible()

  // `/` focuses the box from the library; an example runs at once.
  await page.keyboard.press('/')
  await expect(search.box).toBeFocused()
  await search.panel.getByRole('button', { name: /^양자 한 단어/ }).click()
  await expect(search.box).toHaveValue('양자')
  await expect(search.hit(seedItem('I-01'))).toBeVisible()
  await search.box.fill('반도체')
  await expect(search.hit(seedItem('I-03'))).toBeVisible()
  await saveScreenshot(page, 'search-results-dark')
  await page.emulateMedia({ colorScheme: 'light' })

  // Nothing matches: the no-results state; with a filter on, it offers to clear the filters.
  await search.box.fill('반도체 region:상하이 분야:바이오')
  await expect(search.panel.getByText(/맞는 항목이 없습니다/)).toBeVisible()
  await search.panel.getByRole('button', { name: '필터 모두 해제' }).last().click()
  await expect(search.box).toHaveValue('반도체')
  await expect(search.hit(seedItem('I-03'))).toBeVisible()

  // More than one page: the first 50, then "결과 더 보기" for the rest. A typed filter shows as active.
  await search.box.fill('published:2000..2100')
  await expect(search.hits).toHaveCount(50)
  const all = await search.total()
  expect(all).toBeGreaterThan(50)
  await expect(search.panel.getByText(`${all}건 중 50건 표시`)).toBeVisible()
  await expect(search.filters.getByRole('button', { name: /필터 해제: 발행/ })).toBeVisible()
  await search.panel.getByRole('button', { name: '결과 더 보기' }).click()
  await expect(search.hits).toHaveCount(all)
  await expect(search.panel.getByRole('button', { name: '결과 더 보기' })).toHaveCount(0)
  expect(errors).toEqual([])
})
