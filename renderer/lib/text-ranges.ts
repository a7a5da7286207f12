/**
 * Pure text-range helpers for search highlighting: where match strings occur in a text, and which text
 * node an offset of concatenated text-node contents falls in (so a DOM Range can span nodes).
 */
import type { TextRange } from '../../archive/search/results.ts'

export type { TextRange }

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A needle as a pattern: whitespace inside it matches any run of whitespace, or none. */
function needlePattern(needle: string): string {
  return needle
    .trim()
    .split(/\s+/)
    .map(escapeRegExp)
    .join('\\s*')
}

/**
 * Every occurrence of any of `needles` in `text`, left to right, never overlapping; at one position the
 * longest needle wins. Whitespace inside a needle is flexible (`양자 컴퓨팅` finds `양자컴퓨팅` too).
 */
export function findOccurrences(text: string, needles: readonly string[]): TextRange[] {
  const patterns = [...new Set(needles.map((n) => n.trim()).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map(needlePattern)
  if (patterns.length === 0 || text === '') return []
  const out: TextRange[] = []
  for (const m of text.matchAll(new RegExp(patterns.join('|'), 'gu'))) {
    if (m[0].length > 0) out.push({ start: m.index, end: m.index + m[0].length })
  }
  return out
}

/**
 * The node an offset of the concatenated text falls in. `starts[i]` is where node i begins; `total` is
 * the length of everything. A start offset belongs to the node holding that character; an end offset
 * (exclusive) to the node holding the character before it, so ranges never begin or end in a neighbour.
 */
export function locateOffset(
  starts: readonly number[],
  total: number,
  offset: number,
  edge: 'start' | 'end'
): { index: number; offset: number } | null {
  if (starts.length === 0 || offset < 0 || offset > total) return null
  const probe = edge === 'start' ? offset : offset - 1
  if (probe < 0 || probe >= total) return null
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid] <= probe) lo = mid
    else hi = mid - 1
  }
  return { index: lo, offset: offset - starts[lo] }
}
