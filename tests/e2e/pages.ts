/**
 * Page helpers for the end-to-end journeys: the search box, the results panel and the reader's find bar,
 * found by role and accessible name (Korean UI) as a user would find them.
 */
import { AxeBuilder } from '@axe-core/playwright'
import { expect, type Locator, type Page } from '@playwright/test'

/**
 * Waits until the open briefing is drawn whole: the reader draws a long briefing a few items per frame, and marks
 * its page `data-drawn="all"` once every item is on it (what reads every table or item must wait for that).
 */
export async function briefingDrawn(page: Page): Promise<void> {
  await expect(page.locator('main .page')).toHaveAttribute('data-drawn', 'all')
}

/**
 * axe-core's violations on the page as it is now, one line each: `screen: rule (nodes) first targets`.
 * Legacy mode runs axe.run in the page itself: the app has no frames, and the default cross-frame mode opens a
 * second page for every check and ships every passing node back (9.4 s against 3.9 s on the seed's reader).
 * Only violations are collected in full; every rule still runs.
 */
export async function axeViolations(page: Page, screen: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze()
  return result.violations.map(
    (v) => `${screen}: ${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`
  )
}

/** The seed briefing's id and item ids. */
export const SEED_ID = 'kostec-weekly-2023-04-07'
export const seedItem = (ref: string): string => `${SEED_ID}/${ref}`

export class SearchPage {
  readonly box: Locator
  readonly panel: Locator
  readonly results: Locator
  readonly hits: Locator
  /** The live count line ("10건 · 브리핑 5개"). */
  readonly count: Locator
  readonly filters: Locator
  readonly findBar: Locator

  readonly page: Page

  constructor(page: Page) {
    this.page = page
    this.box = page.getByRole('combobox', { name: '브리핑 검색' })
    this.panel = page.getByRole('main', { name: '검색' })
    this.results = page.getByRole('listbox', { name: '검색 결과' })
    this.hits = this.results.getByRole('option')
    this.count = this.panel.getByRole('status').filter({ hasText: /건/ })
    this.filters = page.getByRole('region', { name: '필터' })
    this.findBar = page.getByRole('search', { name: /이 브리핑에서 찾기|검색 결과 일치/ })
  }

  /** The hit for one item. */
  hit(itemId: string): Locator {
    return this.results.locator(`[role="option"][data-item-id="${itemId}"]`)
  }

  /** The total shown in the count line. */
  async total(): Promise<number> {
    const text = (await this.count.locator('strong').textContent()) ?? ''
    return Number.parseInt(text.replace(/[^\d]/g, ''), 10)
  }

  /**
   * How many hits are loaded ("N건 중 M건 표시": M), once that many are drawn (the rows are drawn a few per
   * frame, so counting them right after the answer shows may see only the first).
   */
  async loaded(): Promise<number> {
    const line = this.panel.getByText(/건 중 [\d,]+건 표시/)
    await expect(line).toBeVisible()
    const loaded = Number.parseInt((await line.textContent())?.match(/중 ([\d,]+)건 표시/)?.[1].replace(/,/g, '') ?? '', 10)
    await expect(this.hits).toHaveCount(loaded)
    return loaded
  }

  /** The item ids of the hits, in display order. */
  async hitIds(): Promise<string[]> {
    return this.hits.evaluateAll((options) => options.map((o) => o.getAttribute('data-item-id') ?? ''))
  }

  /** The texts painted with a CSS highlight (`search-hit` or `search-current`), each with its article id. */
  async highlighted(name = 'search-hit'): Promise<Array<{ text: string; itemId: string | null }>> {
    return this.page.evaluate((highlight) => {
      // The tests' TypeScript has no DOM library: the few DOM shapes used here, spelled out.
      interface ElementLike {
        id: string
        closest(selector: string): ElementLike | null
      }
      interface RangeLike {
        toString(): string
        commonAncestorContainer: { nodeType: number; parentElement: ElementLike | null }
      }
      const registry = (globalThis as unknown as { CSS?: { highlights?: Map<string, Set<RangeLike>> } }).CSS?.highlights
      return [...(registry?.get(highlight) ?? [])].map((range) => {
        const node = range.commonAncestorContainer
        const element = node.nodeType === 1 ? (node as unknown as ElementLike) : node.parentElement
        return { text: range.toString(), itemId: element?.closest('article')?.id ?? null }
      })
    }, name)
  }

  /** The window's vertical scroll position. */
  async scrollY(): Promise<number> {
    return this.page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)
  }

  /** The find bar's "2 / 5" position. */
  async position(): Promise<string> {
    return ((await this.findBar.locator('.position').textContent()) ?? '').trim()
  }
}

/**
 * Collects page errors, console errors (CSP violations are logged as such) and failed requests, so a
 * journey can assert there were none.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => {
    // Failed requests are reported with their URL below; the console line does not name it.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`)
    }
  })
  page.on('response', (response) => {
    // Chromium asks for /favicon.ico on its own; the app (app://) never does.
    if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
      errors.push(`HTTP ${response.status()}: ${response.url()}`)
    }
  })
  return errors
}

/**
 * Mean of the r, g, b channels (0–255) of the page background (`<html>`): above 200 in the light theme,
 * below 60 in the dark one.
 */
export async function pageBrightness(page: Page): Promise<number> {
  const rgb = await page
    .locator('html')
    .evaluate((html) => html.ownerDocument.defaultView?.getComputedStyle(html).backgroundColor ?? '')
  const channels = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number)
  if (channels.length !== 3) throw new Error(`page background is not an rgb colour: ${rgb}`)
  return (channels[0] + channels[1] + channels[2]) / 3
}
