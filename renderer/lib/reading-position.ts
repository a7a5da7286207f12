/** Where an item was relative to the reading line, so a reflow (zoom) can put it back. */
export interface ReadingAnchor {
  id: string
  /** How far down the item the reading line was, as a fraction of its height. */
  fraction: number
}

/**
 * The reading line: just under the sticky top bar. Item headings scroll to 1.25rem below the bar
 * (html `scroll-padding-top` plus the heading's `scroll-margin-top`), so a jumped-to item covers it.
 */
export function readingLine(): number {
  const topbar = document.querySelector('.topbar')?.getBoundingClientRect().bottom ?? 56
  return topbar + 32
}

export function captureAnchor(id: string | null): ReadingAnchor | null {
  const element = id ? document.getElementById(id) : null
  if (!id || !element || element.offsetHeight === 0) return null
  return { id, fraction: (readingLine() - element.getBoundingClientRect().top) / element.offsetHeight }
}

export function restoreAnchor(anchor: ReadingAnchor): void {
  const element = document.getElementById(anchor.id)
  if (!element) return
  const target = element.getBoundingClientRect().top + anchor.fraction * element.offsetHeight
  window.scrollBy({ top: target - readingLine(), behavior: 'instant' })
}
