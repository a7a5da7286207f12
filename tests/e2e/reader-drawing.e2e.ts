/**
 * A briefing is drawn a few items per frame (issue 10, 13: opening a long briefing must not block the window).
 * These journeys act on a briefing the moment it shows, before the rest of it is drawn, and check that nothing
 * is missed: going to the end, following the last contents entry, find in briefing counting every match, and
 * every item ending up on the page, in order. Runs on the bundled samples.
 */
import type { Page } from '@playwright/test'
import { allItems } from '../../archive/model/briefing.ts'
import { expect, test, type AppHandle } from './fixtures.ts'
import { briefingDrawn, SearchPage, watchErrors } from './pages.ts'

const SAMPLE_ID = 'sample-weekly-2025-11-14'

/** Opens the sample from the library and returns as soon as its title shows (not waiting for the rest). */
async function openNow(page: Page): Promise<void> {
  await page.goto('/')
  await page.locator(`[role="option"][data-id="${SAMPLE_ID}"]`).click()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
}

async function sampleItems(app: AppHandle): Promise<Array<{ id: string; title: string }>> {
  const briefing = await app.services.api.getBriefing({ id: SAMPLE_ID })
  if (!briefing) throw new Error(`no briefing ${SAMPLE_ID} in the test archive`)
  return allItems(briefing).map((item) => ({ id: item.id, title: item.title }))
}

test('a briefing drawn in steps ends with every item on the page, in reading order, and the colophon last', async ({ page, app }) => {
  const errors = watchErrors(page)
  const items = await sampleItems(app)
  // More items than the reader draws at once, or this journey would show nothing.
  expect(items.length).toBeGreaterThan(2)
  await openNow(page)
  await briefingDrawn(page)
  expect(await page.locator('main article.item').evaluateAll((articles) => articles.map((a) => a.id))).toEqual(items.map((i) => i.id))
  await expect(page.locator('main .page footer.colophon')).toHaveCount(1)
  expect(errors).toEqual([])
})

test('End at once goes to the very end: every item drawn, the colophon in view', async ({ page }) => {
  const errors = watchErrors(page)
  await openNow(page)
  await page.keyboard.press('End')
  await expect(page.locator('main .page')).toHaveAttribute('data-drawn', 'all')
  await expect(page.locator('main .page footer.colophon')).toBeInViewport()
  expect(errors).toEqual([])
})

test('a link to a late item opens the briefing with that item exactly where a jump puts it once all is drawn', async ({ page, app }) => {
  const errors = watchErrors(page)
  const items = await sampleItems(app)
  const nav = page.getByRole('navigation', { name: '목차' })
  const headingTop = (id: string): Promise<number> =>
    page.locator(`[id="${id}-title"]`).evaluate((h) => Math.round(h.getBoundingClientRect().top))
  for (const target of items.slice(-3)) {
    // Where a jump puts the heading with the whole briefing drawn.
    await openNow(page)
    await briefingDrawn(page)
    await nav.locator(`a[href="#${target.id}"]`).click()
    await expect(page.locator(`[id="${target.id}-title"]`)).toBeFocused()
    const settled = await headingTop(target.id)
    // A briefing-reader:// link (a second instance, an exported file) opens the briefing at the item: the jump
    // comes with the first items drawn, so the page must first be drawn far enough below the item.
    const connected = page.waitForResponse((r) => r.url().endsWith('/api/events'))
    await page.goto('/')
    await page.getByRole('listbox', { name: '브리핑 목록' }).getByRole('option').first().waitFor()
    await connected
    app.services.events.emit('openLink', { kind: 'item', id: target.id })
    await expect(page.locator(`[id="${target.id}-title"]`)).toBeFocused()
    await briefingDrawn(page)
    expect(await headingTop(target.id), target.id).toBe(settled)
    await expect(nav.locator(`a[href="#${target.id}"]`)).toHaveAttribute('aria-current', 'true')
  }
  expect(errors).toEqual([])
})

test('find in briefing, opened at once, counts the matches of every item, drawn or not yet', async ({ page, app }) => {
  const errors = watchErrors(page)
  // A word of the last item's title: it is in an item the first step does not draw.
  const last = (await sampleItems(app)).at(-1)
  const word = last?.title.split(/\s+/).find((w) => /^\p{Script=Hangul}{2,}$/u.test(w))
  if (!word) throw new Error(`no Hangul word in the last item's title: ${last?.title}`)
  const search = new SearchPage(page)
  await openNow(page)
  await page.keyboard.press('Control+f')
  await page.keyboard.type(word)
  await expect(search.findBar).toContainText('/')
  const first = await search.position()
  // The same find once everything has long been drawn gives the same count.
  await page.keyboard.press('Escape')
  await briefingDrawn(page)
  await page.keyboard.press('Control+f')
  await page.keyboard.press('Control+a')
  await page.keyboard.type(word)
  await expect(search.findBar).toContainText('/')
  const settled = await search.position()
  expect(first.split('/')[1]?.trim()).toBe(settled.split('/')[1]?.trim())
  expect(Number(settled.split('/')[1])).toBeGreaterThan(0)
  expect(errors).toEqual([])
})

/** A probe as warmFont lays it out, and the app at that moment: mounted (its top bar there) and hidden or not. */
type Probe = { lang: string; family: string; weight: string; hidden: boolean; ariaHidden: string | null; app: string; sizes: string[] }
/** The type scale's steps at the default zoom (app.css --fs-*), in px. */
const SIZES = ['12px', '13px', '14px', '15px', '16px', '17px', '18px', '20px', '22px', '24px', '32px']

test('the font faces are loaded in a worker, then laid out in the window: its own while the app is mounted hidden, then shown; the reader\'s and the type scale\'s sizes in idle time, once each, hidden, nothing left behind', async ({ page }) => {
  const errors = watchErrors(page)
  // Records each probe warmFont lays out (a span on the body, measured once) as it is at that moment, and each
  // worker the page starts (its name, what it answered, whether it was ended).
  await page.addInitScript(() => {
    /** How #app is: 'empty' (not mounted yet), 'hidden' (mounted, not shown) or 'shown'. */
    const appState = (): string => {
      const app = document.getElementById('app')
      return !app?.querySelector('header') ? 'empty' : app.hidden ? 'hidden' : 'shown'
    }
    const seen: Probe[] = []
    const workers: { name: string; answers: unknown[]; ended: boolean }[] = []
    Object.assign(window, { __probes: seen, __workers: workers })
    const PageWorker = window.Worker
    window.Worker = class extends PageWorker {
      readonly record: { name: string; answers: unknown[]; ended: boolean }
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options)
        const record = { name: options?.name ?? '', answers: [] as unknown[], ended: false }
        this.record = record
        workers.push(record)
        this.addEventListener('message', (event) => record.answers.push(event.data))
      }
      terminate(): void {
        this.record.ended = true
        super.terminate()
      }
    }
    const measure = Element.prototype.getBoundingClientRect
    Element.prototype.getBoundingClientRect = function (this: Element) {
      if (this instanceof HTMLSpanElement && this.parentElement === document.body) {
        const style = getComputedStyle(this)
        seen.push({ lang: this.lang, family: style.fontFamily, weight: style.fontWeight, hidden: style.visibility === 'hidden', ariaHidden: this.getAttribute('aria-hidden'), app: appState(), sizes: [...this.children].map((line) => getComputedStyle(line).fontSize) })
      }
      return measure.call(this)
    }
  })
  await page.goto('/')
  await expect(page.getByRole('listbox', { name: '브리핑 목록' }).getByRole('option').first()).toBeVisible()
  const probes = () => page.evaluate(() => (window as unknown as { __probes: Probe[] }).__probes)
  await expect.poll(async () => (await probes()).length).toBe(8)
  const laidOut = await probes()
  // The window's face before the first render, then the reader's in idle time, then the type scale's sizes in
  // the window's face, one weight at a time (a line in each step).
  expect(laidOut.map((p) => `${p.lang} ${p.weight}`)).toEqual(['ko 400', 'ko 700', 'zh 400', 'zh 700', 'ko 700', 'ko 400', 'ko 600', 'ko 700'])
  expect(laidOut.slice(5).map((p) => p.sizes)).toEqual([SIZES, SIZES, SIZES])
  expect(laidOut[0].family).toContain('Noto Sans CJK KR')
  expect(laidOut[2].family).toContain('Noto Sans CJK SC')
  expect(laidOut[4].family).toContain('Georgia')
  expect(laidOut.every((p) => p.hidden && p.ariaHidden === 'true')).toBe(true)
  // The window's faces were laid out while the app was mounted but hidden (it is shown once they are ready);
  // the reader's once it was shown.
  expect(laidOut.map((p) => p.app)).toEqual(['hidden', 'hidden', 'shown', 'shown', 'shown', 'shown', 'shown', 'shown'])
  await expect(page.locator('#app')).not.toHaveAttribute('hidden')
  // Each was removed once laid out.
  expect(await page.evaluate(() => document.querySelectorAll('body > span').length)).toBe(0)
  // One worker measured them first (the window's two faces, then the reader's three: it answers with how many it
  // measured) and was ended once done: the app's CSP lets it run.
  const workers = () => page.evaluate(() => (window as unknown as { __workers: { name: string; answers: unknown[]; ended: boolean }[] }).__workers)
  await expect.poll(async () => (await workers()).filter((w) => w.ended).length).toBe(1)
  expect(await workers()).toEqual([{ name: 'font faces', answers: [2, 3], ended: true }])
  expect(errors).toEqual([])
})
