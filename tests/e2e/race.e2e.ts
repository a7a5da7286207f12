/**
 * Stale answers: a query's answer that arrives after a newer query must never reach the screen, and a hit
 * opened from results that still answer an older query is marked with what the query in the box matches.
 * The bridge is slowed on purpose (a held /api/search response) so the race happens every run, on the
 * bundled sample archive and the real services.
 */
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { SearchPage, watchErrors } from './pages.ts'

/** Holds the bridge's answer to `query` until `release()`; `answered` resolves when the page got it. */
async function holdSearch(page: Page, query: string): Promise<{ release: () => void; answered: Promise<unknown> }> {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/api/search', async (route) => {
    const body = route.request().postDataJSON() as { query: string }
    if (body.query === query) await gate
    await route.continue()
  })
  const answered = page.waitForResponse(
    (r) => r.url().endsWith('/api/search') && (r.request().postDataJSON() as { query: string }).query === query
  )
  return { release, answered }
}

test('a second query typed while the first is in flight: only its matches are marked', async ({ page }) => {
  const errors = watchErrors(page)
  const search = new SearchPage(page)
  const first = await holdSearch(page, '베이징')
  await page.goto('/')
  await page.keyboard.press('Control+k')
  // Typed text goes where focus is: a shortcut pressed before the app has mounted is held and replayed (see
  // early-keys.ts), text typed into a page with no app yet has nowhere to go (Electron shows the window only
  // once the app is drawn). The mount follows the page's load event by the font faces' worker (50-150 ms).
  await expect(search.box).toBeFocused()

  const sent = page.waitForRequest((r) => r.url().endsWith('/api/search') && r.postData()?.includes('"베이징"') === true)
  await page.keyboard.type('베이징')
  await sent
  // The user types on before 베이징 is answered, and opens the first result with the keyboard.
  await search.box.fill('반도체')
  await page.keyboard.press('Enter')
  await expect(search.hits.first()).toBeFocused()
  const opened = await search.hits.first().getAttribute('data-item-id')
  await page.keyboard.press('Enter')
  await expect(search.panel).toHaveCount(0)

  // Now the old answer arrives; it must change nothing.
  first.release()
  await first.answered
  const article = page.locator(`[id="${opened}"]`)
  await expect(article).toHaveAttribute('data-search-hits', /^[1-9]\d*$/)
  await expect(search.findBar).toContainText('반도체')
  const painted = await search.highlighted()
  expect(painted.length).toBe(Number(await article.getAttribute('data-search-hits')))
  expect(painted.every((p) => p.itemId === opened)).toBe(true)
  expect(painted.some((p) => p.text.includes('반도체'))).toBe(true)
  expect(painted.filter((p) => p.text.includes('베이징'))).toEqual([])

  // Back in the results: still those of 반도체.
  await page.keyboard.press('Escape')
  await expect(search.box).toHaveValue('반도체')
  await expect(search.panel.getByRole('heading', { name: '‘반도체’ 검색 결과' })).toBeVisible()
  expect(errors).toEqual([])
})

test('a hit opened from results of the previous query is marked with the new query\'s matches', async ({ page, app }) => {
  const errors = watchErrors(page)
  const search = new SearchPage(page)
  // An item both queries find, and one only the first finds (asked of the real services).
  const ids = async (query: string): Promise<string[]> => (await app.services.api.search({ query, limit: 500 })).hits.map((h) => h.itemId)
  const beijing = await ids('베이징')
  const shanghai = new Set(await ids('상하이'))
  const both = beijing.find((id) => shanghai.has(id))
  const onlyFirst = beijing.find((id) => !shanghai.has(id))
  expect(both, 'an item matching 베이징 and 상하이').toBeDefined()
  expect(onlyFirst, 'an item matching 베이징 only').toBeDefined()

  await page.goto('/')
  await page.keyboard.press('Control+k')
  await search.box.fill('베이징')
  await expect(search.hit(both!)).toBeVisible()

  // 상하이 is typed; while its answer is held, the user clicks a result still shown for 베이징.
  const second = await holdSearch(page, '상하이')
  const sent = page.waitForRequest((r) => r.url().endsWith('/api/search') && r.postData()?.includes('"상하이"') === true)
  await search.box.fill('상하이')
  await sent
  await search.hit(both!).click()
  await expect(search.panel).toHaveCount(0)
  const article = page.locator(`[id="${both}"]`)
  await expect(article).toBeVisible()
  // Nothing of 베이징 is marked while 상하이's answer is on its way…
  expect((await search.highlighted()).filter((p) => p.text.includes('베이징'))).toEqual([])
  second.release()
  await second.answered
  // …and then 상하이's matches are.
  await expect(article).toHaveAttribute('data-search-hits', /^[1-9]\d*$/)
  await expect(search.findBar).toContainText('상하이')
  const painted = await search.highlighted()
  expect(painted.every((p) => p.itemId === both)).toBe(true)
  expect(painted.some((p) => p.text.includes('상하이'))).toBe(true)
  expect(painted.filter((p) => p.text.includes('베이징'))).toEqual([])
  await page.unroute('**/api/search')

  // An item the new query does not find opens with nothing marked (and says so), never the old marks.
  await page.keyboard.press('Escape')
  await search.box.fill('베이징')
  await expect(search.hit(onlyFirst!)).toBeVisible()
  const third = await holdSearch(page, '상하이')
  await search.box.fill('상하이')
  await search.hit(onlyFirst!).click()
  third.release()
  await third.answered
  await expect(search.findBar).toContainText('상하이')
  await expect(page.locator(`[id="${onlyFirst}"]`)).toBeVisible()
  await expect.poll(async () => (await search.highlighted()).length).toBe(0)
  expect(errors).toEqual([])
})
