import { normalizeForSearch, type NormalizedText } from './normalize.ts'
import type { Matcher } from './plan-query.ts'
import { tokenize } from './tokenize.ts'
import { ROW_END } from './documents.ts'

import type { Snippet, TextRange } from './results.ts'

export type { Snippet, TextRange }

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * Where the query's terms occur in a displayed text: CJK terms and aliases match regardless of
 * spacing (양자컴퓨팅 highlights `양자 컴퓨팅`), Latin words by stem or prefix, phrases verbatim after
 * normalisation. Offsets are in the source text, so highlights land on the right characters.
 */
export function findMatches(source: string, matchers: Matcher[], normalized?: NormalizedText): TextRange[] {
  const n = normalized ?? normalizeForSearch(source)
  const ranges: Array<[number, number]> = []
  for (const m of matchers) {
    if (m.negate) continue
    for (const h of m.highlights) {
      const chars = [...h].filter((c) => c !== ' ')
      if (chars.length === 0) continue
      const pattern = m.phrase ? escape(h) : chars.map(escape).join(' ?')
      for (const found of n.text.matchAll(new RegExp(pattern, 'gu'))) {
        ranges.push([found.index, found.index + found[0].length])
      }
    }
    if (m.words.length > 0) {
      for (const t of tokenize(n.text, { subwords: true })) {
        if (t.cjk) continue
        if (m.words.some((w) => (w.prefix ? t.term.startsWith(w.stem) : t.term === w.stem))) ranges.push([t.start, t.end])
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged: TextRange[] = []
  for (const [s, e] of ranges) {
    const start = n.starts[s]
    const end = n.ends[e - 1]
    const last = merged[merged.length - 1]
    if (last && start <= last.end) last.end = Math.max(last.end, end)
    else merged.push({ start, end })
  }
  return merged
}

/**
 * Cuts a snippet of about `width` characters around the first match. Line breaks between blocks
 * (bullets, headlines) become ` · ` and the end of a table row ` / `, so neither runs together; highlights follow.
 */
export function makeSnippet(source: string, ranges: TextRange[], width = 120): Snippet {
  const first = ranges[0]
  let from = first ? Math.max(0, first.start - Math.floor(width / 3)) : 0
  const to = Math.min(source.length, from + width)
  from = Math.max(0, Math.min(from, to - width))
  // map each source offset of the window to its offset in the snippet text
  let text = from > 0 ? '…' : ''
  const at = new Map<number, number>()
  let i = from
  while (i < to) {
    at.set(i, text.length)
    const c = source[i]
    if (c === '\n' || c === '\r' || c === ROW_END) {
      let j = i
      let row = true
      while (j < to && /\s/.test(source[j])) {
        if (source[j] === '\n' || source[j] === '\r') row = false
        at.set(j++, text.length)
      }
      if (text.length > 0 && j < to && !text.endsWith('…')) text += row ? ' / ' : ' · '
      i = j
    } else {
      text += /\s/.test(c) ? ' ' : c
      i++
    }
  }
  at.set(to, text.length)
  if (to < source.length) text += '…'
  const highlights = ranges
    .filter((r) => r.start >= from && r.end <= to)
    .map((r) => ({ start: at.get(r.start) ?? 0, end: at.get(r.end) ?? 0 }))
    .filter((r) => r.end > r.start)
  return { text, highlights }
}

/** Renders a snippet as text with 【】 around matches (for the command line). */
export function markSnippet(snippet: Snippet, open = '【', close = '】'): string {
  let out = ''
  let at = 0
  for (const h of snippet.highlights) {
    out += snippet.text.slice(at, h.start) + open + snippet.text.slice(h.start, h.end) + close
    at = h.end
  }
  return out + snippet.text.slice(at)
}
