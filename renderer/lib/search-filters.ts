/**
 * Pure helpers for the filter chips: which chips the facets offer, toggling them in the UI filters, the
 * list of filters in effect (set by chips or typed in the query) and removing a typed one from the query.
 */
import type { FacetCounts, QueryFilters } from '../../archive/search/results.ts'
import type { MessageKey } from './messages/types.ts'

/** The facets offered as chips. */
export type FacetKind = 'section' | 'category' | 'region' | 'year'
export const FACET_KINDS: readonly FacetKind[] = ['section', 'category', 'region', 'year']

/** Every kind of filter that can be in effect. */
export type FilterKind = 'section' | 'category' | 'region' | 'briefing' | 'published' | 'date'

/** The UI name of each kind of filter. */
export const FILTER_NAME: Record<FilterKind, MessageKey> = {
  section: 'search.facet.section',
  category: 'search.facet.category',
  region: 'search.facet.region',
  briefing: 'search.facet.briefing',
  published: 'search.facet.published',
  date: 'search.facet.date'
}

export interface FilterChip {
  kind: FacetKind
  value: string
  count: number
  active: boolean
}

export interface ActiveFilter {
  kind: FilterKind
  /** The value as stored (a list value, or `from..to` for a range). */
  value: string
  /** True when typed in the query rather than set by a chip. */
  typed: boolean
}

type ListKind = 'section' | 'category' | 'region' | 'briefing'
const LIST_KINDS: readonly ListKind[] = ['section', 'category', 'region', 'briefing']

export function yearRange(year: string): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` }
}

/** The year a publication range covers exactly, if it is one whole year. */
export function wholeYear(from: string | undefined, to: string | undefined): string | undefined {
  if (!from || !to) return undefined
  const year = from.slice(0, 4)
  const range = yearRange(year)
  return range.from === from && range.to === to ? year : undefined
}

export function isFilterActive(filters: QueryFilters, kind: FacetKind, value: string): boolean {
  if (kind === 'year') return wholeYear(filters.publishedFrom, filters.publishedTo) === value
  return filters[kind]?.includes(value) ?? false
}

/**
 * The filters in effect: those the answer reports (typed in the query) merged with the chips, lists
 * united and the chips' ranges winning, as the main process merges them.
 */
export function filtersInEffect(reported: QueryFilters, ui: QueryFilters): QueryFilters {
  const out: QueryFilters = { ...reported }
  for (const kind of LIST_KINDS) {
    const values = [...new Set([...(reported[kind] ?? []), ...(ui[kind] ?? [])])]
    if (values.length > 0) out[kind] = values
  }
  for (const key of ['publishedFrom', 'publishedTo', 'dateFrom', 'dateTo'] as const) if (ui[key]) out[key] = ui[key]
  return out
}

/** True when any filter is set. */
export function hasFilters(filters: QueryFilters): boolean {
  return Object.values(filters).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== false))
}

/** The UI filters with one chip switched on or off (a year chip replaces any publication range). */
export function toggleFilter(filters: QueryFilters, kind: FacetKind, value: string): QueryFilters {
  const next: QueryFilters = { ...filters }
  if (kind === 'year') {
    if (isFilterActive(filters, 'year', value)) {
      delete next.publishedFrom
      delete next.publishedTo
    } else {
      const range = yearRange(value)
      next.publishedFrom = range.from
      next.publishedTo = range.to
    }
    return next
  }
  const values = filters[kind] ?? []
  const updated = values.includes(value) ? values.filter((v) => v !== value) : [...values, value]
  if (updated.length > 0) next[kind] = updated
  else delete next[kind]
  return next
}

/** The UI filters without one active filter. */
export function removeFilter(filters: QueryFilters, filter: ActiveFilter): QueryFilters {
  const next: QueryFilters = { ...filters }
  if (filter.kind === 'published') {
    delete next.publishedFrom
    delete next.publishedTo
  } else if (filter.kind === 'date') {
    delete next.dateFrom
    delete next.dateTo
  } else {
    const values = (filters[filter.kind] ?? []).filter((v) => v !== filter.value)
    if (values.length > 0) next[filter.kind] = values
    else delete next[filter.kind]
  }
  return next
}

function compareChips(kind: FacetKind): (a: FilterChip, b: FilterChip) => number {
  // Years newest first; everything else by count, then by name.
  if (kind === 'year') return (a, b) => b.value.localeCompare(a.value)
  return (a, b) => b.count - a.count || a.value.localeCompare(b.value, 'ko')
}

/**
 * The chips of one facet: every value the current results have, plus the active ones even when the
 * results no longer count them.
 */
export function facetChips(facets: FacetCounts, kind: FacetKind, inEffect: QueryFilters): FilterChip[] {
  const counts = facets[kind] ?? {}
  const chips = new Map<string, FilterChip>()
  for (const [value, count] of Object.entries(counts)) {
    chips.set(value, { kind, value, count, active: isFilterActive(inEffect, kind, value) })
  }
  const activeValues =
    kind === 'year'
      ? [wholeYear(inEffect.publishedFrom, inEffect.publishedTo)].filter((v): v is string => Boolean(v))
      : (inEffect[kind] ?? [])
  for (const value of activeValues) {
    if (!chips.has(value)) chips.set(value, { kind, value, count: 0, active: true })
  }
  return [...chips.values()].sort(compareChips(kind))
}

function range(from: string | undefined, to: string | undefined): string {
  return `${from ?? ''}..${to ?? ''}`
}

/** Every filter in effect, in a stable order; `typed` when it comes from the query text, not a chip. */
export function activeFilters(inEffect: QueryFilters, ui: QueryFilters): ActiveFilter[] {
  const out: ActiveFilter[] = []
  for (const kind of LIST_KINDS) {
    for (const value of inEffect[kind] ?? []) out.push({ kind, value, typed: !(ui[kind] ?? []).includes(value) })
  }
  if (inEffect.publishedFrom || inEffect.publishedTo) {
    const typed = ui.publishedFrom !== inEffect.publishedFrom || ui.publishedTo !== inEffect.publishedTo
    out.push({ kind: 'published', value: range(inEffect.publishedFrom, inEffect.publishedTo), typed })
  }
  if (inEffect.dateFrom || inEffect.dateTo) {
    const typed = ui.dateFrom !== inEffect.dateFrom || ui.dateTo !== inEffect.dateTo
    out.push({ kind: 'date', value: range(inEffect.dateFrom, inEffect.dateTo), typed })
  }
  return out
}

/** The last day of a month `YYYY-MM`, as `YYYY-MM-DD`. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
}

/** `YYYY-MM` when `from` starts a month (`YYYY-MM-01`), otherwise undefined. */
function monthStarting(from: string | undefined): string | undefined {
  return from && /^\d{4}-\d{2}-01$/.test(from) ? from.slice(0, 7) : undefined
}

/** `YYYY-MM` when `to` ends a month, otherwise undefined. */
function monthEnding(to: string | undefined): string | undefined {
  return to && /^\d{4}-\d{2}-\d{2}$/.test(to) && monthEnd(to.slice(0, 7)) === to ? to.slice(0, 7) : undefined
}

/** A range `from..to` for display: a whole year as `2023`, whole months as `2023-01 – 2023-04`, else days. */
export function rangeLabel(value: string): string {
  const [from, to] = value.split('..')
  const year = wholeYear(from || undefined, to || undefined)
  if (year) return year
  const [fromMonth, toMonth] = [monthStarting(from), monthEnding(to)]
  // Months only when every end given is a whole month (never a month beside a day).
  const months = (!from || fromMonth !== undefined) && (!to || toMonth !== undefined)
  const [start, end] = months ? [fromMonth, toMonth] : [from, to]
  if (start && end) return start === end ? start : `${start} – ${end}`
  return start ? `${start} –` : `– ${end}`
}

/** The months a UI publication range covers, for the month inputs (`YYYY-MM`, '' when open or not whole months). */
export function publishedMonths(filters: QueryFilters): { from: string; to: string } {
  return { from: monthStarting(filters.publishedFrom) ?? '', to: monthEnding(filters.publishedTo) ?? '' }
}

/** True when a month range runs backwards (both ends set, the start after the end). */
export function isBackwards(range: { from: string; to: string }): boolean {
  return range.from !== '' && range.to !== '' && range.from > range.to
}

/**
 * The UI filters with the publication range set to whole months (`YYYY-MM`, '' for an open end; both '' removes
 * it). It replaces any year chip, as a year chip replaces it: one publication range at a time.
 */
export function withPublishedMonths(filters: QueryFilters, range: { from: string; to: string }): QueryFilters {
  const next: QueryFilters = { ...filters }
  delete next.publishedFrom
  delete next.publishedTo
  if (/^\d{4}-\d{2}$/.test(range.from)) next.publishedFrom = `${range.from}-01`
  if (/^\d{4}-\d{2}$/.test(range.to)) next.publishedTo = monthEnd(range.to)
  return next
}

const QUERY_KEYS: Record<FilterKind, string[]> = {
  section: ['section', '섹션'],
  category: ['category', '분야'],
  region: ['region', '지역'],
  briefing: ['briefing'],
  published: ['published', '발행'],
  date: ['date', '날짜']
}

const FILTER_TOKEN = /(^|\s)-?([\p{L}_]+):(?:"([^"]*)"?|(\S+))/gu

function tidy(query: string): string {
  return query.replace(/\s{2,}/g, ' ').trim()
}

/** The query without any filter token (`region:상하이`, `발행:2023` …); other words are kept. */
export function stripFilterTokens(query: string): string {
  const keys = new Set(Object.values(QUERY_KEYS).flat())
  return tidy(query.replace(FILTER_TOKEN, (whole, lead: string, key: string) => (keys.has(key.toLowerCase()) ? lead : whole)))
}

/**
 * The query without the `key:value` tokens of a typed filter (for list kinds only those with this value;
 * for ranges every token of the key), with spacing tidied.
 */
export function removeFilterFromQuery(query: string, filter: ActiveFilter): string {
  const keys = QUERY_KEYS[filter.kind]
  const out = query.replace(FILTER_TOKEN, (whole, lead: string, key: string, quoted?: string, bare?: string) => {
    if (!keys.includes(key.toLowerCase())) return whole
    const value = (quoted ?? bare ?? '').trim()
    const isRange = filter.kind === 'published' || filter.kind === 'date'
    return isRange || value.normalize('NFKC') === filter.value.normalize('NFKC') ? lead : whole
  })
  return tidy(out)
}
