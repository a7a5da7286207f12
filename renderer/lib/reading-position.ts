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

/**
 * Where focus goes back to when search closes over the reader: `previous` (what had focus before) when it is on
 * screen, else the first item heading on screen (below the reading line's top bar), so focus is where the reader
 * is; `previous` when no heading is on screen (a long table filling the window).
 */
export function focusTargetOnReturn(previous: HTMLElement): HTMLElement {
  const top = readingLine() - 32
  const onScreen = (e: Element): boolean => {
    const rect = e.getBoundingClientRect()
    return rect.height > 0 && rect.top >= top && rect.bottom <= window.innerHeight
  }
  if (onScreen(previous)) return previous
  const headings = document.querySelectorAll<HTMLElement>('main article h3[id$="-title"][tabindex="-1"]')
  return [...headings].find(onScreen) ?? previous
}
