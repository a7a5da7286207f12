/** The parts of a KeyboardEvent the shortcuts look at (kept DOM-free so it is testable in Node). */
export interface KeyInput {
  key: string
  code?: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

export type ZoomAction = 'in' | 'out' | 'reset'
export type ReaderAction =
  | 'next'
  | 'previous'
  | 'back'
  | 'bookmark'
  | 'notes'
  | 'contents'
  | 'print'
  | 'copyLink'
  | 'copyCitation'
  | { issue: 1 | -1 }
  | { scroll: ScrollAction }
  | { extend: ExtendAction }
/** The reader's scrolling keys: a line (↑ ↓), a screen (PageUp/PageDown, Space), the ends (Home/End). */
export type ScrollAction = 'lineDown' | 'lineUp' | 'pageDown' | 'pageUp' | 'top' | 'bottom'
/** Shift+arrows extend a text selection (Ctrl/Alt: by word, ↑ ↓: by line). */
export interface ExtendAction {
  direction: 'forward' | 'backward'
  granularity: 'character' | 'word' | 'line'
}
export type LibraryAction = 'next' | 'previous' | 'open'
/** Shortcuts that work in every view. */
export type GlobalAction =
  | 'search'
  | 'find'
  | 'findNext'
  | 'findPrevious'
  | 'undo'
  | 'historyBack'
  | 'historyForward'
  | { zoom: ZoomAction }
/** Keys in the search results list. */
export type ResultsAction = 'next' | 'previous' | 'first' | 'last' | 'open' | 'exit' | 'bookmark'

function zoomAction(input: KeyInput): ZoomAction | null {
  if (!(input.ctrlKey || input.metaKey) || input.altKey) return null
  if (input.key === '=' || input.key === '+' || input.code === 'NumpadAdd') return 'in'
  if (input.key === '-' || input.key === '_' || input.code === 'NumpadSubtract') return 'out'
  if (input.key === '0' || input.code === 'Numpad0') return 'reset'
  return null
}

function plain(input: KeyInput): boolean {
  return !input.ctrlKey && !input.metaKey && !input.altKey
}

/**
 * The letter key `letter` (lower case): by `key`, or by its physical position when a Korean input mode
 * turns the key into a jamo (j → ㅓ, k → ㅏ) or Ctrl hides the letter.
 */
function letterKey(input: KeyInput, letter: string): boolean {
  if (input.key.toLowerCase() === letter) return true
  return input.code === `Key${letter.toUpperCase()}` && !/^[a-z]$/i.test(input.key)
}

function accel(input: KeyInput): boolean {
  return (input.ctrlKey || input.metaKey) && !input.altKey
}

/**
 * Shortcuts for the whole window: Ctrl+K (or / outside a text field) goes to the search box, Ctrl+F
 * opens find in the briefing, F3 / Shift+F3 (and Ctrl+G / Ctrl+Shift+G) step through matches.
 * `typing` is true when the key goes to a text field.
 */
export function globalActionFor(input: KeyInput, typing: boolean): GlobalAction | null {
  // Ctrl/Cmd +, -, 0 zoom the whole window, wherever the focus is.
  const zoom = zoomAction(input)
  if (zoom) return { zoom }
  // Alt+← / Alt+→: back and forward through what was opened (in a text field they stay the field's).
  if (!typing && input.altKey && !input.ctrlKey && !input.metaKey && !input.shiftKey) {
    if (input.key === 'ArrowLeft') return 'historyBack'
    if (input.key === 'ArrowRight') return 'historyForward'
  }
  if (accel(input) && !input.shiftKey && letterKey(input, 'k')) return 'search'
  if (accel(input) && !input.shiftKey && letterKey(input, 'f')) return 'find'
  if (accel(input) && letterKey(input, 'g')) return input.shiftKey ? 'findPrevious' : 'findNext'
  if (input.key === 'F3' && !input.ctrlKey && !input.metaKey && !input.altKey) {
    return input.shiftKey ? 'findPrevious' : 'findNext'
  }
  if (!typing && plain(input) && input.key === '/') return 'search'
  // In a text field Ctrl+Z undoes typing, not a note change.
  if (!typing && accel(input) && !input.shiftKey && letterKey(input, 'z')) return 'undo'
  return null
}

/** What a key press means in the search results list. */
export function resultsActionFor(input: KeyInput): ResultsAction | null {
  // Ctrl+D: the selected hit's bookmark (the toggle in the hit is for the mouse; see BookmarkButton's inOption)
  if (accel(input) && !input.shiftKey && letterKey(input, 'd')) return 'bookmark'
  if (!plain(input)) return null
  if (input.key === 'ArrowDown' || (!input.shiftKey && letterKey(input, 'j'))) return 'next'
  if (input.key === 'ArrowUp' || (!input.shiftKey && letterKey(input, 'k'))) return 'previous'
  if (input.key === 'Home') return 'first'
  if (input.key === 'End') return 'last'
  if (input.key === 'Enter') return 'open'
  if (input.key === 'Escape') return 'exit'
  return null
}

/** What a key press means in the reader, or null when the reader ignores it. */
export function readerActionFor(input: KeyInput): ReaderAction | null {
  if (accel(input) && !input.shiftKey && letterKey(input, 'd')) return 'bookmark'
  if (accel(input) && input.shiftKey && letterKey(input, 'm')) return 'notes'
  // Ctrl+\ (the ₩ key of a Korean keyboard is the same key): the contents sidebar.
  if (accel(input) && !input.shiftKey && (input.key === '\\' || input.code === 'Backslash')) return 'contents'
  if (accel(input) && !input.shiftKey && letterKey(input, 'p')) return 'print'
  if (accel(input) && input.shiftKey && letterKey(input, 'l')) return 'copyLink'
  if (accel(input) && input.shiftKey && letterKey(input, 'e')) return 'copyCitation'
  const arrows: Record<string, ExtendAction['direction']> = { ArrowRight: 'forward', ArrowDown: 'forward', ArrowLeft: 'backward', ArrowUp: 'backward' }
  if (input.shiftKey && !input.metaKey && input.key in arrows) {
    const line = input.key === 'ArrowDown' || input.key === 'ArrowUp'
    return { extend: { direction: arrows[input.key], granularity: line ? 'line' : input.ctrlKey || input.altKey ? 'word' : 'character' } }
  }
  if (!plain(input)) return null
  if (input.key === ' ') return { scroll: input.shiftKey ? 'pageUp' : 'pageDown' }
  if (input.shiftKey) return null
  if (letterKey(input, 'j')) return 'next'
  if (letterKey(input, 'k')) return 'previous'
  const scroll: Record<string, ScrollAction> = {
    ArrowDown: 'lineDown',
    ArrowUp: 'lineUp',
    PageDown: 'pageDown',
    PageUp: 'pageUp',
    Home: 'top',
    End: 'bottom'
  }
  if (Object.hasOwn(scroll, input.key)) return { scroll: scroll[input.key] }
  // [ and ]: the previous and next issue of the series (by position, so a Korean input mode keeps them).
  if (input.key === '[' || input.code === 'BracketLeft') return { issue: -1 }
  if (input.key === ']' || input.code === 'BracketRight') return { issue: 1 }
  if (input.key === 'Escape') return 'back'
  return null
}

/** What a key press means in the library list. */
export function libraryActionFor(input: KeyInput): LibraryAction | null {
  if (!plain(input)) return null
  if (input.key === 'ArrowDown' || (!input.shiftKey && letterKey(input, 'j'))) return 'next'
  if (input.key === 'ArrowUp' || (!input.shiftKey && letterKey(input, 'k'))) return 'previous'
  if (input.key === 'Enter') return 'open'
  return null
}

/** The id `delta` steps away from `current` in `ids`, clamped to the ends; the first id when none is current. */
export function stepId(ids: readonly string[], current: string | null, delta: number): string | null {
  if (ids.length === 0) return null
  const index = current === null ? -1 : ids.indexOf(current)
  if (index === -1) return delta < 0 ? null : ids[0]
  return ids[Math.min(ids.length - 1, Math.max(0, index + delta))]
}
