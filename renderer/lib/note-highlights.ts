/**
 * Paints note highlights in the reader with the CSS Custom Highlight API, one highlight registry entry per
 * colour (`note-yellow` …), so overlapping highlights of different colours both show and the DOM is never
 * rewritten. The main process places each highlight in the article's displayed text (article-text.ts);
 * this turns those offsets into Ranges, and finds the highlight under the pointer for its comment.
 *
 * For tests and assistive tooling, each article with highlights carries `data-note-highlights="<n>"`.
 */
import type { Color, PlacedHighlight } from '../../electron/shared/ipc-contract.ts'
import { articleText, rangeAt } from './article-text.ts'

export const NOTE_COLORS: readonly Color[] = ['yellow', 'red', 'green', 'blue', 'purple', 'orange']
export const noteHighlightName = (color: Color): string => `note-${color}`
/** The highlight focused from the notes panel or under the pointer. */
export const NOTE_FOCUS = 'note-focus'

export interface PaintedNote extends PlacedHighlight {
  range: Range
}

function supported(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function'
}

/** The displayed text of each item article on the page, by item id (what placeHighlights takes). */
export function articleTexts(itemIds: readonly string[]): Record<string, string> {
  const texts: Record<string, string> = {}
  for (const id of itemIds) {
    const root = document.getElementById(id)
    if (root) texts[id] = articleText(root).text
  }
  return texts
}

/** What was painted last, for {@link paintedRange}. */
let lastPainted: PaintedNote[] = []

/** The DOM Range a painted highlight covers, if it is on the page. */
export function paintedRange(id: string): Range | undefined {
  return lastPainted.find((p) => p.id === id)?.range
}

/** Ranges for the placed highlights, painted by colour; returns what was painted. */
export function paintNotes(placed: readonly PlacedHighlight[]): PaintedNote[] {
  const painted: PaintedNote[] = []
  lastPainted = painted
  const counts = new Map<string, number>()
  const texts = new Map<string, ReturnType<typeof articleText>>()
  for (const highlight of placed) {
    const root = document.getElementById(highlight.itemId)
    if (!root) continue
    let article = texts.get(highlight.itemId)
    if (!article) texts.set(highlight.itemId, (article = articleText(root)))
    const range = rangeAt(article, highlight.start, highlight.end)
    if (!range) continue
    painted.push({ ...highlight, range })
    counts.set(highlight.itemId, (counts.get(highlight.itemId) ?? 0) + 1)
  }
  for (const el of document.querySelectorAll<HTMLElement>('[data-note-highlights]')) delete el.dataset.noteHighlights
  for (const [itemId, count] of counts) {
    const el = document.getElementById(itemId)
    if (el) el.dataset.noteHighlights = String(count)
  }
  if (supported()) {
    for (const color of NOTE_COLORS) {
      const ranges = painted.filter((p) => p.color === color).map((p) => p.range)
      if (ranges.length > 0) {
        const highlight = new Highlight(...ranges)
        highlight.priority = 1
        CSS.highlights.set(noteHighlightName(color), highlight)
      } else CSS.highlights.delete(noteHighlightName(color))
    }
  }
  return painted
}

/** Marks one painted note as focused (or none). */
export function focusNote(note: PaintedNote | undefined): void {
  if (!supported()) return
  if (note) {
    const highlight = new Highlight(note.range)
    highlight.priority = 2
    CSS.highlights.set(NOTE_FOCUS, highlight)
  } else CSS.highlights.delete(NOTE_FOCUS)
}

export function clearNotes(): void {
  lastPainted = []
  for (const el of document.querySelectorAll<HTMLElement>('[data-note-highlights]')) delete el.dataset.noteHighlights
  if (!supported()) return
  for (const color of NOTE_COLORS) CSS.highlights.delete(noteHighlightName(color))
  CSS.highlights.delete(NOTE_FOCUS)
}

/** The painted note under the point (the shortest when several overlap), or undefined. */
export function noteAt(painted: readonly PaintedNote[], x: number, y: number): PaintedNote | undefined {
  let best: PaintedNote | undefined
  for (const note of painted) {
    const hit = [...note.range.getClientRects()].some((r) => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom)
    if (hit && (!best || note.end - note.start < best.end - best.start)) best = note
  }
  return best
}
