/**
 * The library with many briefings from several publishers: grouped by year and month with counts, filtered by
 * kind and publisher, sorted by publication or import date, virtualised (only rows near the window drawn), and
 * moved through with the keyboard (Home, End, PageDown, j/k) with the selected row always in view and focused.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateBriefings } from '../../archive/sample/generate.ts'
import { expect, REPO_ROOT, saveScreenshot, test } from './fixtures.ts'
import { watchErrors } from './pages.ts'

const POSTS = ['kistep-metadata.txt', 'kiep-csf-circled.txt', 'kosen-slash-date.txt']

test('200 briefings and three posts: groups with counts, filters, sort, only the rows in view drawn, keyboard to the end and back', async ({ page, app }) => {
  const errors = watchErrors(page)
  const many = generateBriefings(200, { seed: 11, startDate: '2035-12-28' })
  for (const b of many) {
    const outcome = await app.services.store.importBytes(b.fileName, new TextEncoder().encode(b.text))
    expect(outcome.status, b.fileName).toBe('imported')
  }
  for (const name of POSTS) {
    const outcome = await app.services.store.importBytes(name, readFileSync(join(REPO_ROOT, 'tests/fixtures/import/layouts', name)))
    expect(outcome.status, name).not.toBe('failed')
  }
  const total = (await app.services.store.list()).length
  await page.goto('/')
  const count = page.locator('#library-title + .count')
  await expect(count).toHaveText(`브리핑 ${total}건`)
  const listbox = page.getByRole('listbox', { name: '브리핑 목록' })
  // The app is mounted hidden and shown once its faces have loaded (start.ts); the rows come a task after the
  // mount's own, so the count is there before them.
  await expect(listbox.getByRole('option').first()).toBeVisible()
  // Virtualised: far fewer rows in the DOM than briefings, each knowing its place among all.
  const drawn = await listbox.getByRole('option').count()
  expect(drawn).toBeGreaterThan(3)
  expect(drawn).toBeLessThan(40)
  await expect(listbox.getByRole('option').first()).toHaveAttribute('aria-setsize', String(total))
  // The first group is the newest month, with its count.
  await expect(listbox.locator('.group').first()).toContainText('2035년 12월')
  await expect(listbox.locator('.group').first()).toContainText(/\d+건/)
  await saveScreenshot(page, 'library-groups')

  // End: the last briefing is selected, drawn, focused and on screen; Home: back to the first.
  await listbox.getByRole('option').first().focus()
  await page.keyboard.press('End')
  const last = listbox.locator(`[aria-posinset="${total}"]`)
  await expect(last).toBeFocused()
  await expect(last).toBeInViewport()
  await page.keyboard.press('k')
  await expect(listbox.locator(`[aria-posinset="${total - 1}"]`)).toBeFocused()
  await page.keyboard.press('Home')
  await expect(listbox.locator('[aria-posinset="1"]')).toBeFocused()
  await page.keyboard.press('PageDown')
  const afterPage = Number(await page.evaluate(() => document.activeElement?.getAttribute('aria-posinset')))
  expect(afterPage).toBeGreaterThan(2)

  // Filters: single posts only, then one publisher; counts say what each keeps.
  const filters = page.getByRole('group', { name: '보관함 필터' })
  await filters.getByRole('button', { name: /단일 게시물/ }).click()
  await expect(count).toHaveText(`브리핑 3건 표시 · 전체 ${total}건`)
  await expect(listbox.getByRole('option')).toHaveCount(3)
  await saveScreenshot(page, 'library-posts')
  await filters.getByRole('button', { name: /KISTEP|한국과학기술기획평가원/ }).first().click()
  await expect(listbox.getByRole('option')).toHaveCount(1)
  await filters.getByRole('button', { name: '필터 모두 해제' }).click()
  await expect(listbox.getByRole('option').first()).toBeVisible()

  // Sort by import date: the posts, imported last, come first.
  await page.getByRole('combobox', { name: '정렬' }).selectOption('imported')
  await expect(listbox.getByRole('option').first()).toContainText('단일 게시물')
  expect(errors).toEqual([])
})

test('a key pressed as the page loads reaches the app, which mounts a task later: Ctrl+K goes to the search box', async ({ page }) => {
  const errors = watchErrors(page)
  // Right after the load event the app may not be mounted yet: its keys are held and dispatched again
  // (holdEarlyKeys, tested in early-keys.spec.ts; this is what a journey pressing Ctrl+K at once relies on).
  await page.goto('/')
  await page.keyboard.press('Control+k')
  await expect(page.getByRole('combobox', { name: '브리핑 검색' })).toBeFocused()
  expect(errors).toEqual([])
})
