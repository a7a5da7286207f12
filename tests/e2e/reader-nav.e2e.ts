/**
 * Getting around the reader (issue 10: defects 7, 9, 10 and what an analyst also expects): the contents toggle
 * and drawer, folding search filters, reading keys, the whole window's zoom, reopening where a briefing was
 * left, previous / next issue, back and forward, copying a link and a citation, the reading width, printing.
 * Runs on the bundled samples (five issues of one series).
 */
import type { Page } from '@playwright/test'
import { expect, saveScreenshot, test } from './fixtures.ts'
import { SearchPage, watchErrors } from './pages.ts'

const SAMPLE_ID = 'sample-weekly-2025-11-14'
const NEXT_ID = 'sample-weekly-2026-01-09'
const sampleItem = (ref: string): string => `${SAMPLE_ID}/${ref}`
const SAMPLE_SERIES = '샘플 과학기술 정책 주간동향'

async function openSample(page: Page, id = SAMPLE_ID): Promise<void> {
  const list = page.getByRole('listbox', { name: '브리핑 목록' })
  await expect(list).toBeVisible()
  const date = id.slice(-10)
  await list.getByRole('option').filter({ has: page.locator(`time[datetime="${date}"]`) }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SAMPLE_SERIES)
  await expect(page.locator('main time').first()).toHaveAttribute('datetime', date)
}

async function currentItem(page: Page): Promise<string | null> {
  const link = page.getByRole('navigation', { name: '목차' }).locator('a[aria-current="true"]')
  if ((await link.count()) === 0) return null
  const href = await link.getAttribute('href')
  return href ? decodeURIComponent(href.replace(/^#/, '')) : null
}

const scrollY = (page: Page): Promise<number> => page.evaluate(() => window.scrollY)

test('narrow and wide windows: the contents open as a drawer or hide and show, remembered; filters fold', async ({ page, app }) => {
  const errors = watchErrors(page)
  await page.setViewportSize({ width: 700, height: 900 })
  await page.goto('/')
  await openSample(page)
  const nav = page.getByRole('navigation', { name: '목차' })
  const toggle = page.getByRole('button', { name: '목차 보기' })
  // Under 720 px the sidebar is not there, but the toggle is.
  await expect(nav).toHaveCount(0)
  await expect(toggle).toBeVisible()
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await saveScreenshot(page, 'reader-nav-700')
  // Ctrl+\ opens it as a drawer over the text, with focus in it; following an entry closes it.
  await page.keyboard.press('Control+\\')
  await expect(nav).toBeVisible()
  await expect(nav.locator(':focus')).toHaveCount(1)
  const box = await nav.boundingBox()
  expect(box?.width ?? 0).toBeGreaterThan(200)
  await saveScreenshot(page, 'reader-nav-700-drawer')
  await nav.getByRole('link').nth(2).click()
  await expect(nav).toHaveCount(0)
  // Esc closes the drawer before it leaves the reader.
  await toggle.click()
  await expect(nav).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(nav).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()

  // Wide: shown; the toggle hides it and the choice is remembered across a reload.
  await page.setViewportSize({ width: 1280, height: 800 })
  await expect(nav).toBeVisible()
  await saveScreenshot(page, 'reader-nav-1280')
  await page.getByRole('button', { name: '목차 숨기기' }).click()
  await expect(nav).toHaveCount(0)
  await expect.poll(async () => (await app.services.api.getSettings({})).contentsSidebar).toBe(false)
  await page.reload()
  await openSample(page)
  await expect(page.getByRole('button', { name: '목차 보기' })).toBeVisible()
  await expect(nav).toHaveCount(0)
  await page.keyboard.press('Control+\\')
  await expect(nav).toBeVisible()
  await page.setViewportSize({ width: 1920, height: 1080 })
  await saveScreenshot(page, 'reader-nav-1920')

  // 800 x 900: the search filters are folded, the first result near the top; they unfold on demand.
  await page.setViewportSize({ width: 800, height: 900 })
  await saveScreenshot(page, 'reader-nav-800')
  const search = new SearchPage(page)
  await page.keyboard.press('Control+k')
  await expect(search.box).toBeFocused()
  await page.keyboard.type('베이징')
  await expect(search.hits.first()).toBeVisible()
  const fold = page.getByRole('button', { name: '필터 펼치기' })
  await expect(fold).toHaveAttribute('aria-expanded', 'false')
  const top = (await search.hits.first().boundingBox())?.y ?? 9999
  expect(top).toBeLessThan(450)
  await saveScreenshot(page, 'search-800-folded')
  await fold.click()
  await expect(page.getByRole('button', { name: '필터 접기' })).toHaveAttribute('aria-expanded', 'true')
  await expect(page.locator('#search-facet-rows').getByRole('group').first()).toBeVisible()
  expect(errors).toEqual([])
})

test('reading keys: arrows scroll lines, PageDown/PageUp a screen, Home/End the ends; Tab goes from the title to the contents', async ({ page }) => {
  const errors = watchErrors(page)
  await page.goto('/')
  await openSample(page)
  const title = page.locator('#briefing-title')
  await expect(title).toBeFocused()
  // Tab from the title: into the contents sidebar, then on into the text.
  await page.keyboard.press('Tab')
  await expect(page.getByRole('navigation', { name: '목차' }).locator(':focus')).toHaveCount(1)
  await title.focus()

  const current = await currentItem(page)
  await page.keyboard.press('ArrowDown')
  await expect.poll(() => scrollY(page)).toBeGreaterThan(0)
  const line = await scrollY(page)
  expect(line).toBeLessThan(120)
  expect(await currentItem(page)).toBe(current)
  await page.keyboard.press('ArrowDown')
  await expect.poll(() => scrollY(page)).toBe(line * 2)
  await page.keyboard.press('ArrowUp')
  await expect.poll(() => scrollY(page)).toBe(line)

  const height = page.viewportSize()?.height ?? 800
  await page.keyboard.press('PageDown')
  await expect.poll(() => scrollY(page)).toBeGreaterThan(line + height / 2)
  const paged = (await scrollY(page)) - line
  expect(paged).toBeLessThan(height)
  await page.keyboard.press('PageUp')
  await expect.poll(() => scrollY(page)).toBe(line)

  await page.keyboard.press('End')
  const bottom = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)
  await expect.poll(() => scrollY(page)).toBe(bottom)
  await page.keyboard.press('Home')
  await expect.poll(() => scrollY(page)).toBe(0)
  // j still moves by item.
  await page.keyboard.press('j')
  await expect.poll(() => currentItem(page)).not.toBe(current)
  expect(errors).toEqual([])
})

test('zoom scales the whole window (library, top bar, search, sidebar) and is remembered', async ({ page, app }) => {
  const errors = watchErrors(page)
  await page.goto('/')
  const list = page.getByRole('listbox', { name: '브리핑 목록' })
  await expect(list).toBeVisible()
  const rowHeight = async (): Promise<number> => (await list.getByRole('option').first().boundingBox())?.height ?? 0
  const barHeight = async (): Promise<number> => (await page.locator('.topbar').boundingBox())?.height ?? 0
  const row = await rowHeight()
  const bar = await barHeight()
  // In the library, not only the reader.
  await page.keyboard.press('Control+=')
  await page.keyboard.press('Control+=')
  await expect.poll(() => rowHeight()).toBeGreaterThan(row * 1.2)
  expect(await barHeight()).toBeGreaterThan(bar * 1.2)
  await expect.poll(async () => (await app.services.api.getSettings({})).zoom).toBe(1.25)
  await saveScreenshot(page, 'zoom-library-125')
  // Remembered: a reload starts zoomed; the reader's sidebar scales too.
  await page.reload()
  await expect.poll(() => rowHeight()).toBeGreaterThan(row * 1.2)
  await openSample(page)
  const entry = page.getByRole('navigation', { name: '목차' }).getByRole('link').first()
  const zoomed = (await entry.boundingBox())?.height ?? 0
  await page.keyboard.press('Control+0')
  await expect.poll(async () => ((await entry.boundingBox())?.height ?? 0) * 1.2).toBeLessThan(zoomed)
  expect(errors).toEqual([])
})

test('reopens where it was left, steps through the series, goes back and forward, copies, prints', async ({ page, app }) => {
  const errors = watchErrors(page)
  await page.goto('/')
  await openSample(page)
  // Read down to II-01.
  await page.getByRole('navigation', { name: '목차' }).locator(`a[href="#${sampleItem('II-01')}"]`).click()
  await expect.poll(() => currentItem(page)).toBe(sampleItem('II-01'))
  await page.keyboard.press('ArrowDown')
  await expect
    .poll(async () => (await app.services.api.getReadingPlace({ briefingId: SAMPLE_ID }))?.itemId)
    .toBe(sampleItem('II-01'))

  // Copy the item's link and a citation line: the current item's (the toolbar's buttons say which).
  await expect(page.getByRole('button', { name: 'II-01 링크 복사' })).toHaveCount(1)
  await page.keyboard.press('Control+Shift+L')
  await expect.poll(() => app.services.clipboard.at(-1)).toBe(`briefing-reader://item/${sampleItem('II-01')}`)
  await page.keyboard.press('Control+Shift+E')
  await expect
    .poll(() => app.services.clipboard.at(-1))
    .toMatch(new RegExp(`^Briefing Reader 샘플 편집부, 「${SAMPLE_SERIES}」 2025-11-14, II-01 「.+」$`))

  // Next issue ( ] or the button at the end ), back with Alt+←, forward with the mouse's forward button.
  await page.keyboard.press(']')
  await expect(page.locator('main time').first()).toHaveAttribute('datetime', NEXT_ID.slice(-10))
  await page.keyboard.press('Alt+ArrowLeft')
  await expect(page.locator('main time').first()).toHaveAttribute('datetime', '2025-11-14')
  // Reopened where it was left.
  await expect.poll(() => currentItem(page)).toBe(sampleItem('II-01'))
  await expect(page.locator(`[id="${sampleItem('II-01')}"]`)).toBeInViewport()
  await page.evaluate(() => window.dispatchEvent(new MouseEvent('mouseup', { button: 4, cancelable: true })))
  await expect(page.locator('main time').first()).toHaveAttribute('datetime', NEXT_ID.slice(-10))
  await page.getByRole('button', { name: /^이전 호: / }).click()
  await expect(page.locator('main time').first()).toHaveAttribute('datetime', '2025-11-14')
  await page.evaluate(() => window.dispatchEvent(new MouseEvent('mouseup', { button: 3, cancelable: true })))
  await expect(page.locator('main time').first()).toHaveAttribute('datetime', NEXT_ID.slice(-10))

  // Across a restart (a reload; the settings file keeps the places): the first sample opens at II-01.
  await page.reload()
  await openSample(page)
  await expect.poll(() => currentItem(page)).toBe(sampleItem('II-01'))
  await expect(page.locator(`[id="${sampleItem('II-01')}"]`)).toBeInViewport()

  // Reading width: wider text, remembered.
  const page0 = page.locator('.page')
  const normal = (await page0.boundingBox())?.width ?? 0
  await page.getByLabel('읽기 폭').selectOption('narrow')
  await expect.poll(async () => (await page0.boundingBox())?.width ?? 0).toBeLessThan(normal)
  await expect.poll(async () => (await app.services.api.getSettings({})).readingWidth).toBe('narrow')

  // Print: the sidebar, top bar and tools stay off the paper.
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('navigation', { name: '목차' })).toBeHidden()
  await expect(page.getByRole('toolbar', { name: '읽기 도구' })).toBeHidden()
  await expect(page.locator('.topbar')).toBeHidden()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.emulateMedia({ media: 'screen' })
  expect(errors).toEqual([])
})
