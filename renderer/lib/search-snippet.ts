/** Pure helpers for showing a search hit: snippet segments, title highlights, labels. */
import type { Snippet, TextRange } from '../../archive/search/results.ts'
import { findOccurrences } from './text-ranges.ts'

export interface TextSegment {
  text: string
  hit: boolean
}

/**
 * Cuts `text` into plain and highlighted segments from (possibly unsorted, overlapping or out-of-range)
 * offsets, so markup can wrap the hits in <mark> without ever parsing HTML.
 */
export function highlightSegments(text: string, highlights: readonly TextRange[]): TextSegment[] {
  const ranges = highlights
    .map((r) => ({ start: Math.max(0, Math.min(text.length, r.start)), end: Math.max(0, Math.min(text.length, r.end)) }))
    .filter((r) => r.end > r.start)
    .sort((a, b) => a.start - b.start || b.end - a.end)
  const segments: TextSegment[] = []
  let at = 0
  for (const r of ranges) {
    if (r.end <= at) continue
    const start = Math.max(r.start, at)
    if (start > at) segments.push({ text: text.slice(at, start), hit: false })
    segments.push({ text: text.slice(start, r.end), hit: true })
    at = r.end
  }
  if (at < text.length) segments.push({ text: text.slice(at), hit: false })
  return segments
}

/** How many characters of a cut-off word at either end of a snippet may be dropped. */
const PARTIAL_WORD = 12

/**
 * A snippet without the broken word at a cut (`…가율이 각각` → `…각각`), so it starts and ends on whole
 * words; highlights are shifted to match and never dropped (a cut inside a match is left alone).
 */
export function tidySnippet(snippet: Snippet): Snippet {
  let { text } = snippet
  let highlights = snippet.highlights.map((h) => ({ ...h }))
  const lead = /^…\s+/.exec(text)
  if (lead) {
    // Cut at a space: the first word is whole, only the space goes.
    const cut = lead[0].length - 1
    text = '…' + text.slice(lead[0].length)
    highlights = highlights.map((h) => ({ start: Math.max(1, h.start - cut), end: Math.max(1, h.end - cut) }))
  } else if (text.startsWith('…')) {
    const space = text.indexOf(' ', 1)
    const firstHit = Math.min(...highlights.map((h) => h.start), Infinity)
    if (space > 1 && space <= PARTIAL_WORD && space < firstHit) {
      // Keep the ellipsis; drop the broken word and its space.
      const cut = space
      text = '…' + text.slice(space + 1)
      highlights = highlights.map((h) => ({ start: h.start - cut, end: h.end - cut }))
    }
  }
  if (text.endsWith('…')) {
    const space = text.lastIndexOf(' ', text.length - 2)
    const lastHit = Math.max(...highlights.map((h) => h.end), -Infinity)
    if (space > 0 && text.length - 1 - space <= PARTIAL_WORD && space >= lastHit) {
      text = text.slice(0, space) + '…'
    }
  }
  return { text, highlights }
}

/** A title with the hit's matched strings highlighted. */
export function titleSegments(title: string, matches: readonly string[]): TextSegment[] {
  return highlightSegments(title, findOccurrences(title, matches))
}

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '')
}

/**
 * The matched forms the user did not type (華爲 and 화웨이 for 华为, 北京 for 베이징): worth showing,
 * since they explain why an item was found. Spacing and case differences do not count.
 */
export function otherForms(matches: readonly string[], query: string): string[] {
  const typed = fold(query.replace(/"/g, ' '))
  const seen = new Set<string>()
  const out: string[] = []
  for (const m of matches) {
    const f = fold(m)
    if (!f || typed.includes(f) || seen.has(f)) continue
    seen.add(f)
    out.push(m)
  }
  return out
}

/** `I-01` from `kostec-weekly-2023-04-07/I-01`. */
export function itemLabel(itemId: string): string {
  return itemId.slice(itemId.lastIndexOf('/') + 1)
}
