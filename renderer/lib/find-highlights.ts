/**
 * Highlights search matches in the reader with the CSS Custom Highlight API: DOM Ranges over the text
 * nodes Svelte rendered, so the briefing's DOM is never rewritten. A match split over several text nodes
 * (a Chinese name in its own <span lang="zh">) is one Range across them.
 *
 * For tests and assistive tooling, each article with matches carries `data-search-hits="<n>"` and the
 * article holding the current match `data-search-current`.
 */
import { articleText, rangeAt } from './article-text.ts'
import { findOccurrences } from './text-ranges.ts'

/** The CSS highlight names (styled in app.css as ::highlight(search-hit) and ::highlight(search-current)). */
export const HIGHLIGHT_ALL = 'search-hit'
export const HIGHLIGHT_CURRENT = 'search-current'

export interface HitScope {
  /** The item article (its element id). */
  itemId: string
  /** Exact strings to highlight in it. */
  matches: readonly string[]
}

export interface PlacedHit {
  itemId: string
  range: Range
}

function supported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function'
}

/** Ranges for every occurrence of the scopes' matches, in reading order (scope order, then text order). */
export function placeHits(scopes: readonly HitScope[]): PlacedHit[] {
  const placed: PlacedHit[] = []
  for (const scope of scopes) {
    const root = document.getElementById(scope.itemId)
    if (!root) continue
    const article = articleText(root)
    let count = 0
    for (const occurrence of findOccurrences(article.text, scope.matches)) {
      const range = rangeAt(article, occurrence.start, occurrence.end)
      if (!range) continue
      placed.push({ itemId: scope.itemId, range })
      count++
    }
    if (count > 0) (root as HTMLElement).dataset.searchHits = String(count)
  }
  return placed
}

/** Paints every placed hit and marks the current one. */
export function paintHits(hits: readonly PlacedHit[], current: number): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-search-current]')) delete el.dataset.searchCurrent
  const hit = hits[current]
  if (hit) {
    const article = document.getElementById(hit.itemId)
    if (article) article.dataset.searchCurrent = ''
  }
  if (!supported()) return
  CSS.highlights.set(HIGHLIGHT_ALL, new Highlight(...hits.map((h) => h.range)))
  if (hit) CSS.highlights.set(HIGHLIGHT_CURRENT, new Highlight(hit.range))
  else CSS.highlights.delete(HIGHLIGHT_CURRENT)
}

/** Removes every highlight and data attribute. */
export function clearHits(): void {
  for (const el of document.querySelectorAll<HTMLElement>('[data-search-hits]')) delete el.dataset.searchHits
  for (const el of document.querySelectorAll<HTMLElement>('[data-search-current]')) delete el.dataset.searchCurrent
  if (!supported()) return
  CSS.highlights.delete(HIGHLIGHT_ALL)
  CSS.highlights.delete(HIGHLIGHT_CURRENT)
}

/** The band of the window where a match is comfortably readable: below the top bar, above the find bar. */
function visibleBand(): { top: number; bottom: number } {
  const topbar = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 56
  return { top: topbar + 24, bottom: window.innerHeight - 88 }
}

/**
 * Scrolls so the range is readable: when `heading` is given (a result just opened) the item's heading
 * goes to the top if the match is then still on screen; otherwise the match is centred, and a match
 * already in view does not move the page.
 */
export function revealRange(range: Range, heading?: HTMLElement | null): void {
  const rect = range.getBoundingClientRect()
  const band = visibleBand()
  if (heading) {
    const topbar = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 56
    // Where a contents jump puts a heading (scroll-padding plus the heading's 1.25rem scroll margin).
    const shift = heading.getBoundingClientRect().top - topbar - 20
    if (rect.bottom - shift < band.bottom) {
      window.scrollBy({ top: shift, behavior: 'instant' })
      return
    }
  } else if (rect.top >= band.top && rect.bottom <= band.bottom) {
    return
  }
  window.scrollBy({ top: rect.top + rect.height / 2 - window.innerHeight / 2, behavior: 'instant' })
}
