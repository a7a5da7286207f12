/**
 * Issue 10, what an analyst also expects of search: sort by relevance or date (over every result, remembered),
 * a publication month range beside the year chips, recent searches under the box (a combobox's listbox), and
 * saved searches that count what is new since they were last opened. By keyboard and mouse, through the bridge
 * against the real services; axe on the new UI in ko/en × light/dark; screenshots into /tmp/shots-search/.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { generateBriefings } from '../../archive/sample/generate.ts'
import type { AppHandle } from './fixtures.ts'
import { expect, test } from './fixtures.ts'
import { axeViolations, SearchPage, watchErrors } from './pages.ts'

const SHOTS = '/tmp/shots-search'

/** Adds generated briefings (fictional, the weekly's layout) and brings the index up to date. */
async function addGenerated(app: AppHandle, count: number): Promise<void> {
  for (const g of generateBriefings(count, { seed: 5 })) {
    const r = await app.services.store.importBytes(g.fileName, new TextEncoder().encode(g.text))
    if (r.status === 'failed') throw new Error(r.error)
  }
  await app.services.searchService.refresh()
}

/** The briefing ids of the groups shown, in display order. */
function groupsShown(page: Page): Promise<string[]> {
  return page.locator('#search-results [role="group"]').evaluateAll((groups) =>
    groups.map((g) => g.querySelector('[role="option"]')?.getAttribute('data-item-id')?.replace(/\/.*$/, '') ?? '')
  )
}

/** The briefing ids of one answer's hits, each once, in order. */
const briefingsOf = (hits: Array<{ briefingId: string }>): string[] => [...new Set(hits.map((h) => h.briefingId))]

test('sort: relevance or newest first over every result, in both views, remembered after a reload', async ({ app, page }) => {
  test.setTimeout(120_000)
  await addGenerated(app, 40)
  const errors = watchErrors(page)
  const api = app.services.api
  const relevanceGroups = briefingsOf((await api.search({ query: '베이징', limit: 50, groupOffset: 0, sort: 'relevance' })).hits)
  const dateGroups = briefingsOf((await api.search({ query: '베이징', limit: 50, groupOffset: 0, sort: 'date' })).hits)
  const relevanceFlat = (await api.search({ query: '베이징', limit: 50, sort: 'relevance' })).hits.map((h) => h.itemId)
  const dateFlat = (await api.search({ query: '베이징', limit: 50, sort: 'date' })).hits.map((h) => h.itemId)
  // the archive must tell the orders apart, or this test proves nothing
  expect(relevanceGroups).not.toEqual(dateGroups)
  expect(relevanceFlat).not.toEqual(dateFlat)

  const search = new SearchPage(page)
  await page.goto('/')
  await search.box.click()
  await search.box.fill('베이징')
  await expect(search.hits.first()).toBeVisible()
  const sort = search.panel.getByRole('combobox', { name: '정렬' })
  // grouped, nothing chosen yet: newest first, as grouped results always were
  await expect(sort).toHaveValue('date')
  await expect.poll(() => groupsShown(page)).toEqual(dateGroups)
  const total = await search.total()

  // by mouse: relevance; the groups come by their best hit, the count stays the whole set's
  await sort.selectOption({ label: '관련도순' })
  await expect.poll(() => groupsShown(page)).toEqual(relevanceGroups)
  expect(await search.total()).toBe(total)

  // by keyboard, in the list view: ↓ on the focused control picks 최신순, then the list is newest first
  await search.panel.getByRole('button', { name: '목록', exact: true }).click()
  await expect.poll(() => search.hitIds()).toEqual(relevanceFlat)
  await sort.focus()
  await page.keyboard.press('ArrowDown')
  await expect(sort).toHaveValue('date')
  await expect.poll(() => search.hitIds()).toEqual(dateFlat)

  // remembered in main's settings: after a reload the results come newest first again
  expect((await api.getSettings({})).searchSort).toBe('date')
  await page.reload()
  await search.box.click()
  await search.box.fill('베이징')
  await expect(search.panel.getByRole('combobox', { name: '정렬' })).toHaveValue('date')
  await expect.poll(() => groupsShown(page)).toEqual(dateGroups)
  expect(errors).toEqual([])
})

test('date range: months from – to beside the year chips, an active filter chip, a clear message for a backwards range', async ({ app, page }) => {
  const errors = watchErrors(page)
  const api = app.services.api
  const all = await api.search({ query: '베이징', limit: 500 })
  const month = all.hits[0].published.slice(0, 7)
  const inMonth = all.hits.filter((h) => h.published.startsWith(month)).length
  expect(inMonth).toBeGreaterThan(0)
  expect(inMonth).toBeLessThan(all.total)

  const search = new SearchPage(page)
  await page.goto('/')
  await search.box.click()
  await search.box.fill('베이징')
  await expect(search.hits.first()).toBeVisible()
  const range = search.filters.getByRole('group', { name: '발행 기간' })
  const from = range.getByLabel('발행 시작 월')
  const to = range.getByLabel('발행 끝 월')
  await expect(from).toHaveValue('')

  // the months as the browser's month fields take them (typed or picked)
  await from.fill(month)
  await to.fill(month)
  await expect.poll(() => search.total()).toBe(inMonth)
  const chip = search.filters.getByRole('button', { name: `필터 해제: 발행 ${month}` })
  await expect(chip).toBeVisible()

  // backwards: a message, the inputs marked, the results left as they were (not silently nothing)
  const before = month.split('-').map(Number)
  const earlier = before[1] === 1 ? `${before[0] - 1}-12` : `${before[0]}-${String(before[1] - 1).padStart(2, '0')}`
  await to.fill(earlier)
  await expect(range.getByRole('alert')).toHaveText('시작 월이 끝 월보다 늦습니다. 시작을 앞당기거나 끝을 늦추세요.')
  await expect(to).toHaveAttribute('aria-invalid', 'true')
  expect(await search.total()).toBe(inMonth)

  // the clear button: no range, every result
  await range.getByRole('button', { name: '기간 지우기' }).click()
  await expect(range.getByRole('alert')).toHaveCount(0)
  await expect(from).toHaveValue('')
  await expect.poll(() => search.total()).toBe(all.total)

  // the chip removes the range too, and a year chip replaces it (one publication range at a time)
  await from.fill(month)
  await expect(chip).toBeVisible()
  await chip.click()
  await expect(from).toHaveValue('')
  await expect.poll(() => search.total()).toBe(all.total)
  const year = month.slice(0, 4)
  await search.filters.getByRole('button', { name: new RegExp(`^발행 연도 ${year}년`) }).click()
  await expect(from).toHaveValue(`${year}-01`)
  await expect(to).toHaveValue(`${year}-12`)
  expect(errors).toEqual([])
})

test('recent searches: kept when run (Enter, an opened hit, a pause), offered in the empty box, ↑ ↓ Enter Delete Esc, mouse remove, clear all', async ({ app, page }) => {
  const errors = watchErrors(page)
  const api = app.services.api
  const search = new SearchPage(page)
  await page.goto('/')
  await search.box.click()
  // nothing run yet: no list
  await expect(search.box).toHaveAttribute('aria-expanded', 'false')

  // Enter runs it: kept
  await search.box.fill('양자')
  await search.box.press('Enter')
  await expect(search.hits.first()).toBeFocused()
  await expect.poll(async () => (await api.listSearches({})).recent.map((r) => r.query)).toEqual(['양자'])
  // opening a hit: kept
  await search.box.fill('베이징')
  await expect(search.hits.first()).toBeVisible()
  await search.hits.first().click()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect.poll(async () => (await api.listSearches({})).recent.map((r) => r.query)).toEqual(['베이징', '양자'])
  // typed key by key, then left on screen: only what was shown after the pause is kept, never the keystrokes
  await search.box.click()
  await search.box.fill('')
  await search.box.pressSequentially('반도체')
  await expect(search.hits.first()).toBeVisible()
  await expect.poll(async () => (await api.listSearches({})).recent.map((r) => r.query)).toEqual(['반도체', '베이징', '양자'])

  // Esc clears the box (the list is not offered then), focus again: the list, newest first
  await search.box.press('Escape')
  await expect(search.box).toHaveValue('')
  await expect(search.box).toHaveAttribute('aria-expanded', 'false')
  await search.box.blur()
  await search.box.focus()
  const list = page.getByRole('listbox', { name: '최근 검색' })
  await expect(list).toBeVisible()
  await expect(search.box).toHaveAttribute('aria-expanded', 'true')
  await expect(search.box).toHaveAttribute('aria-controls', 'recent-searches')
  const options = list.getByRole('option')
  await expect(options).toHaveText(['반도체', '베이징', '양자'])

  // ↓ ↓ ↑ ↑: the active option follows (aria-activedescendant, aria-selected), wrapping at the ends
  await page.keyboard.press('ArrowDown')
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true')
  await expect(search.box).toHaveAttribute('aria-activedescendant', 'recent-search-0')
  await page.keyboard.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('ArrowUp')
  await expect(options.nth(2)).toHaveAttribute('aria-selected', 'true')
  // Enter runs 양자
  await page.keyboard.press('Enter')
  await expect(search.box).toHaveValue('양자')
  await expect(list).toBeHidden()
  await expect(search.hits.first()).toBeVisible()

  // empty box, ↓ offers the list; Delete removes the active one (kept in main); Esc closes, the search stays
  await search.box.press('Escape')
  await search.box.press('ArrowDown')
  await expect(options).toHaveCount(3)
  await search.box.press('ArrowDown')
  await search.box.press('Delete')
  await expect(options).toHaveCount(2)
  await expect.poll(async () => (await api.listSearches({})).recent.length).toBe(2)
  await search.box.press('Escape')
  await expect(list).toBeHidden()
  await expect(search.panel).toBeVisible()

  // mouse: the × of an entry removes it, a click on an entry runs it
  await search.box.blur()
  await search.box.click()
  await expect(options).toHaveCount(2)
  await options.nth(0).hover()
  await options.nth(0).locator('.remove').click()
  await expect(options).toHaveCount(1)
  await expect(search.box).toBeFocused()
  const last = (await options.first().textContent()) ?? ''
  await options.first().click()
  await expect(search.box).toHaveValue(last.trim())

  // Tab from the box reaches the list's 모두 지우기 and the list stays; Esc there goes back to the box, closed
  await search.box.fill('')
  await search.box.blur()
  await search.box.focus()
  await expect(list).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(list.locator('xpath=..').getByRole('button', { name: '모두 지우기' })).toBeFocused()
  await expect(list).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(search.box).toBeFocused()
  await expect(list).toBeHidden()

  // the empty search page lists them too, each removable, and clears all
  await search.box.blur()
  const shelf = search.panel.getByRole('region', { name: '최근 검색' })
  await expect(shelf.getByRole('listitem')).toHaveCount(1)
  await search.panel.getByRole('button', { name: '모두 지우기' }).click()
  await expect(shelf).toHaveCount(0)
  expect((await api.listSearches({})).recent).toEqual([])
  expect(errors).toEqual([])
})

test('saved searches: save, a matching briefing imported later shows "N new" with the right count, opening clears it; rename, delete, kept across reloads', async ({ app, page }) => {
  test.setTimeout(90_000)
  const errors = watchErrors(page)
  const api = app.services.api
  const search = new SearchPage(page)
  await page.goto('/')
  await search.box.click()
  await search.box.fill('베이징')
  await expect(search.hits.first()).toBeVisible()
  const before = (await api.search({ query: '베이징', limit: 0 })).total

  // Esc in the name field cancels the save, and only that: the results stay open, nothing is saved
  const save = search.panel.getByRole('button', { name: '검색 저장' })
  const name = search.panel.getByLabel('저장할 이름')
  await save.click()
  await expect(name).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(name).toHaveCount(0)
  await expect(search.hits.first()).toBeVisible()
  expect((await api.listSearches({})).saved).toEqual([])

  // save by keyboard: the name defaults to the query
  await save.focus()
  await page.keyboard.press('Enter')
  await expect(name).toBeFocused()
  await expect(name).toHaveValue('베이징')
  await page.keyboard.type('베이징 동향')
  await page.keyboard.press('Enter')
  await expect(search.panel.getByText('저장한 검색입니다')).toBeVisible()
  expect((await api.listSearches({})).saved).toMatchObject([{ name: '베이징 동향', query: '베이징', newItems: 0 }])

  // a briefing not in the archive yet, imported through main's import (the dialog answered by the test)
  const [fresh] = generateBriefings(1, { seed: 79, startDate: '2030-06-14' })
  const folder = join(app.root, 'incoming')
  await mkdir(folder, { recursive: true })
  await writeFile(join(folder, fresh.fileName), fresh.text)
  app.services.importPaths = [folder]
  await api.importFiles({})
  await page.getByRole('dialog', { name: '가져오기 결과' }).getByRole('button', { name: '닫기' }).click()
  const added = (await api.search({ query: '베이징', limit: 0 })).total - before
  expect(added).toBeGreaterThan(0)

  // the header's saved searches say how many are new; so does the list on the empty page
  const toggle = search.panel.getByRole('button', { name: /저장한 검색 1개/ })
  await expect(toggle).toContainText(`새 항목 ${added}건`)
  await search.box.fill('')
  const shelf = search.panel.getByRole('region', { name: '저장한 검색' })
  const entry = shelf.getByRole('button', { name: /^베이징 동향/ })
  await expect(entry).toContainText(`새 항목 ${added}건`)
  await page.screenshot({ path: `${SHOTS}/saved-new-1280-light.png` })

  // opening it runs it and marks it seen: the badge goes
  await entry.click()
  await expect(search.box).toHaveValue('베이징')
  await expect.poll(() => search.total()).toBe(before + added)
  await expect(toggle).not.toContainText('새 항목')
  expect((await api.listSearches({})).saved[0].newItems).toBe(0)

  // rename (keyboard) and the reload keeps it (main's file); Esc first cancels a rename and keeps the search page
  await search.box.fill('')
  const renameButton = shelf.getByRole('button', { name: '‘베이징 동향’ 이름 바꾸기' })
  const rename = shelf.getByLabel('새 이름')
  await renameButton.click()
  await expect(rename).toBeFocused()
  await page.keyboard.type(' 취소')
  await page.keyboard.press('Escape')
  await expect(rename).toHaveCount(0)
  await expect(shelf.getByRole('button', { name: /^베이징 동향/ })).toBeVisible()
  expect((await api.listSearches({})).saved[0].name).toBe('베이징 동향')
  await renameButton.click()
  await expect(rename).toBeFocused()
  await page.keyboard.type('베이징 주간')
  await page.keyboard.press('Enter')
  await expect(shelf.getByRole('button', { name: /^베이징 주간/ })).toBeFocused()
  await page.reload()
  await search.box.click()
  await expect(search.panel.getByRole('region', { name: '저장한 검색' }).getByRole('button', { name: /^베이징 주간/ })).toBeVisible()
  // delete
  await search.panel.getByRole('button', { name: '‘베이징 주간’ 삭제' }).click()
  await expect(search.panel.getByRole('region', { name: '저장한 검색' })).toHaveCount(0)
  expect((await api.listSearches({})).saved).toEqual([])
  expect(errors).toEqual([])
})

test.describe('a damaged searches file', () => {
  test.use({ userDataFiles: { 'searches.json': '{"recent": [{"id": "a", "qu' } })
  test('is set aside, never lost, and the empty search page says so', async ({ page }) => {
    const search = new SearchPage(page)
    await page.goto('/')
    await search.box.click()
    await expect(search.panel.getByRole('alert')).toContainText('최근·저장한 검색 파일이 손상되어 새로 시작했습니다')
    await expect(search.panel.getByRole('alert')).toContainText('searches.corrupt-')
  })
})

/** Fills the recent and saved searches through main, as earlier sessions would have. */
async function seedSearches(app: AppHandle): Promise<void> {
  const api = app.services.api
  await api.recordSearch({ query: '양자', filters: {} })
  await api.recordSearch({ query: '베이징', filters: { region: ['베이징'], publishedFrom: '2025-01-01', publishedTo: '2025-12-31' } })
  await api.saveSearch({ name: '반도체 동향', query: '반도체', filters: {} })
}

const HANGUL = /\p{Script=Hangul}/u

for (const locale of ['ko', 'en'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    test(`axe: the recent list, the saved list, the sort and the date range (${locale}, ${theme})`, async ({ app, page }) => {
      await app.services.api.updateSettings({ locale, theme })
      await seedSearches(app)
      const found: string[] = []
      const label = locale === 'ko' ? '브리핑 검색' : 'Search briefings'
      const box = page.getByRole('combobox', { name: label })
      await page.goto('/')
      await page.keyboard.press('Control+k')
      await expect(box).toBeFocused()
      const list = page.getByRole('listbox', { name: locale === 'ko' ? '최근 검색' : 'Recent searches' })
      await expect(list).toBeVisible()
      await page.keyboard.press('ArrowDown')
      found.push(...(await axeViolations(page, 'recent list open, saved list')))
      if (locale === 'en') {
        // the new UI in English has no Korean of its own (the queries are the user's)
        for (const text of [
          await page.locator('.recent-foot').innerText(),
          await page.locator('#shelf-saved').innerText(),
          await page.locator('#shelf-recent').innerText()
        ]) expect(text).not.toMatch(HANGUL)
      }
      await page.keyboard.press('Escape')
      await box.fill('베이징')
      await expect(page.locator('#search-results [role="option"]').first()).toBeVisible()
      const from = page.getByLabel(locale === 'ko' ? '발행 시작 월' : 'Published from (month)')
      await from.fill('2026-01')
      await page.getByLabel(locale === 'ko' ? '발행 끝 월' : 'Published to (month)').fill('2025-01')
      await expect(page.locator('#date-range-error')).toBeVisible()
      await page.getByRole('button', { name: locale === 'ko' ? /저장한 검색 1개/ : /Saved searches \(1\)/ }).click()
      await expect(page.locator('#search-saved-panel')).toBeVisible()
      found.push(...(await axeViolations(page, 'results: sort, date range (backwards), saved panel')))
      if (locale === 'en') {
        for (const text of [
          await page.locator('.range').innerText(),
          await page.locator('header.head .tools').innerText(),
          await page.locator('header.head .keep').innerText()
        ]) expect(text).not.toMatch(HANGUL)
      }
      await page.getByRole('button', { name: locale === 'ko' ? '검색 저장' : 'Save search' }).click()
      await expect(page.locator('#search-save-form')).toBeVisible()
      found.push(...(await axeViolations(page, 'save form')))
      expect(found).toEqual([])
    })
  }
}

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots: sort, date range, recent list, saved list with new items at 800 and 1280 px (${theme})`, async ({ app, page }) => {
    await app.services.api.updateSettings({ theme })
    await seedSearches(app)
    // something new for the saved search: a briefing imported after it was saved
    const [fresh] = generateBriefings(1, { seed: 78, startDate: '2030-07-05' })
    await app.services.store.importBytes(fresh.fileName, new TextEncoder().encode(fresh.text))
    await app.services.searchService.refresh()
    const search = new SearchPage(page)
    for (const width of [800, 1280]) {
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/')
      await search.box.click()
      await expect(page.getByRole('listbox', { name: '최근 검색' })).toBeVisible()
      await page.keyboard.press('ArrowDown')
      await page.screenshot({ path: `${SHOTS}/recent-${width}-${theme}.png` })
      await page.keyboard.press('Escape')
      await search.box.blur()
      await page.screenshot({ path: `${SHOTS}/empty-saved-${width}-${theme}.png` })
      await search.box.fill('베이징')
      await expect(search.hits.first()).toBeVisible()
      if (width === 800) await search.filters.getByRole('button', { name: '필터 펼치기' }).click()
      await search.filters.getByLabel('발행 시작 월').fill('2025-01')
      await search.filters.getByLabel('발행 끝 월').fill('2026-06')
      await expect(search.filters.getByRole('button', { name: /필터 해제: 발행/ })).toBeVisible()
      await page.screenshot({ path: `${SHOTS}/results-${width}-${theme}.png` })
      await page.screenshot({ path: `${SHOTS}/results-full-${width}-${theme}.png`, fullPage: true })
      await search.panel.getByRole('button', { name: /저장한 검색 1개/ }).click()
      await page.screenshot({ path: `${SHOTS}/saved-panel-${width}-${theme}.png` })
    }
    // English at 800 px: the empty page with both lists, and the results with the range set
    await app.services.api.updateSettings({ locale: 'en' })
    await page.setViewportSize({ width: 800, height: 900 })
    await page.goto('/')
    const box = page.getByRole('combobox', { name: 'Search briefings' })
    await box.click()
    await expect(page.getByRole('listbox', { name: 'Recent searches' })).toBeVisible()
    await page.screenshot({ path: `${SHOTS}/en-recent-800-${theme}.png` })
    await box.fill('베이징')
    await expect(page.locator('#search-results [role="option"]').first()).toBeVisible()
    await page.getByRole('button', { name: 'Show filters' }).click()
    await page.getByLabel('Published from (month)').fill('2026-06')
    await page.getByLabel('Published to (month)').fill('2025-01')
    await expect(page.locator('#date-range-error')).toBeVisible()
    await page.screenshot({ path: `${SHOTS}/en-results-800-${theme}.png`, fullPage: true })
  })
}
