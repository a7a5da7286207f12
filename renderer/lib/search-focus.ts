/** Where keyboard focus goes for search: the box in the top bar and the results list. */

export const SEARCH_INPUT_ID = 'search-input'
/** The find-in-briefing box (Ctrl+F). */
export const FIND_INPUT_ID = 'find-input'

/**
 * Focuses the search box, selecting its text so typing replaces the last query. The box is in the sticky top
 * bar, always on screen: focusing it must not scroll the window (Chromium scrolled the reader a window height
 * plus 2 px up, and that was the position saved to come back to).
 */
export function focusSearchBox(select = true): void {
  const input = document.getElementById(SEARCH_INPUT_ID)
  if (!(input instanceof HTMLInputElement)) return
  input.focus({ preventScroll: true })
  if (select) input.select()
}

/** Focuses a hit in the results list (`data-item-id`), keeping it in view. */
export function focusHit(itemId: string, scroll = true): boolean {
  const option = document.querySelector<HTMLElement>(`[role="option"][data-item-id="${CSS.escape(itemId)}"]`)
  if (!option) return false
  option.focus({ preventScroll: true })
  if (scroll) option.scrollIntoView({ block: 'nearest' })
  return true
}

/** Focuses the find box (in the sticky find bar, on screen) and selects its text, when it is shown. */
export function focusFindBox(): void {
  const input = document.getElementById(FIND_INPUT_ID)
  if (!(input instanceof HTMLInputElement)) return
  input.focus({ preventScroll: true })
  input.select()
}
