/**
 * The library as the user narrows and orders it: filters by publisher, series and kind, sorted by publication
 * or import date (newest first), grouped by year and month with a count per group, laid out for a virtualised
 * list (fixed row and header heights, so the position of any row is known without rendering it). Pure.
 */
import type { BriefingKind, BriefingSummary } from '../../electron/shared/ipc-contract.ts'

export type LibrarySort = 'published' | 'imported'

export interface LibraryFilters {
  publishers: string[]
  series: string[]
  kinds: BriefingKind[]
}

export const NO_FILTERS: LibraryFilters = { publishers: [], series: [], kinds: [] }

export const kindOf = (b: BriefingSummary): BriefingKind => b.kind ?? 'weekly'

/** The date a summary sorts and groups by: YYYY-MM-DD (import date falls back to publication). */
export function sortDate(b: BriefingSummary, sort: LibrarySort): string {
  return sort === 'imported' ? (b.importedAt?.slice(0, 10) ?? b.published) : b.published
}

export function passes(b: BriefingSummary, f: LibraryFilters): boolean {
  return (
    (f.publishers.length === 0 || f.publishers.includes(b.publisher)) &&
    (f.series.length === 0 || f.series.includes(b.series)) &&
    (f.kinds.length === 0 || f.kinds.includes(kindOf(b)))
  )
}

/** Newest first by the sort's date, then by the full import time, then by id (a stable order). */
export function ordered(list: readonly BriefingSummary[], sort: LibrarySort): BriefingSummary[] {
  const key = (b: BriefingSummary): string => (sort === 'imported' ? (b.importedAt ?? b.published) : b.published)
  return [...list].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    if (ka !== kb) return ka < kb ? 1 : -1
    return a.id.localeCompare(b.id)
  })
}

export interface Facets {
  publishers: Array<[string, number]>
  series: Array<[string, number]>
  kinds: Array<[BriefingKind, number]>
}

/**
 * How many briefings each filter value would keep, given the other filters (so counts never lie). One pass:
 * a briefing counts towards a publisher when it passes the series and kind filters, and so on.
 */
export function facets(list: readonly BriefingSummary[], f: LibraryFilters): Facets {
  const publishers = new Map<string, number>()
  const series = new Map<string, number>()
  const kinds = new Map<BriefingKind, number>()
  const anyPublisher = f.publishers.length === 0
  const anySeries = f.series.length === 0
  const anyKind = f.kinds.length === 0
  for (const b of list) {
    const kind = kindOf(b)
    const publisherOk = anyPublisher || f.publishers.includes(b.publisher)
    const seriesOk = anySeries || f.series.includes(b.series)
    const kindOk = anyKind || f.kinds.includes(kind)
    if (seriesOk && kindOk) publishers.set(b.publisher, (publishers.get(b.publisher) ?? 0) + 1)
    if (publisherOk && kindOk) series.set(b.series, (series.get(b.series) ?? 0) + 1)
    if (publisherOk && seriesOk) kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
  }
  const sorted = <K extends string>(map: Map<K, number>): Array<[K, number]> =>
    [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  return { publishers: sorted(publishers), series: sorted(series), kinds: sorted(kinds) }
}

export type LibraryEntry =
  | { kind: 'group'; key: string; year: string; month: string; count: number; top: number }
  | { kind: 'row'; summary: BriefingSummary; index: number; top: number }

export interface LibraryLayout {
  entries: LibraryEntry[]
  /** The rows alone, in order (what j/k step through). */
  rows: BriefingSummary[]
  height: number
  /** Top of each row by id. */
  topOf: Map<string, number>
}

/** The grouped list's layout: a header per year-month, then its rows; `header` and `row` are pixel heights. */
export function layout(list: readonly BriefingSummary[], sort: LibrarySort, header: number, row: number): LibraryLayout {
  const entries: LibraryEntry[] = []
  const topOf = new Map<string, number>()
  let top = 0
  let current = ''
  let group: Extract<LibraryEntry, { kind: 'group' }> | undefined
  list.forEach((summary, index) => {
    const month = sortDate(summary, sort).slice(0, 7)
    if (month !== current || !group) {
      current = month
      group = { kind: 'group', key: month, year: month.slice(0, 4), month: month.slice(5, 7), count: 0, top }
      entries.push(group)
      top += header
    }
    group.count += 1
    entries.push({ kind: 'row', summary, index, top })
    topOf.set(summary.id, top)
    top += row
  })
  return { entries, rows: [...list], height: top, topOf }
}

/** The entries that overlap [from, to) (plus the group header of the first one), found by binary search. */
export function visible(l: LibraryLayout, from: number, to: number): LibraryEntry[] {
  const { entries } = l
  let lo = 0
  let hi = entries.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (entries[mid].top < from) lo = mid + 1
    else hi = mid
  }
  const start = Math.max(0, lo - 1)
  const out: LibraryEntry[] = []
  // The header of the group the first shown row belongs to comes too (the screen reader's and the eye's context).
  if (entries[start]?.kind === 'row') {
    let h = start
    while (h > 0 && entries[h].kind === 'row') h--
    out.push(entries[h])
  }
  for (let i = start; i < entries.length && entries[i].top < to; i++) out.push(entries[i])
  return out
}
