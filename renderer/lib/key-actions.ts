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
export type ReaderAction = 'next' | 'previous' | 'back' | { zoom: ZoomAction }
export type LibraryAction = 'next' | 'previous' | 'open'

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

/** What a key press means in the reader, or null when the reader ignores it. */
export function readerActionFor(input: KeyInput): ReaderAction | null {
  const zoom = zoomAction(input)
  if (zoom) return { zoom }
  if (!plain(input)) return null
  if (input.key === 'ArrowDown' || (input.key === 'j' && !input.shiftKey)) return 'next'
  if (input.key === 'ArrowUp' || (input.key === 'k' && !input.shiftKey)) return 'previous'
  if (input.key === 'Escape') return 'back'
  return null
}

/** What a key press means in the library list. */
export function libraryActionFor(input: KeyInput): LibraryAction | null {
  if (!plain(input)) return null
  if (input.key === 'ArrowDown' || (input.key === 'j' && !input.shiftKey)) return 'next'
  if (input.key === 'ArrowUp' || (input.key === 'k' && !input.shiftKey)) return 'previous'
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
