/** How a filter in effect reads in the UI (the active filter chips, recent and saved searches). */
import { date, t } from './i18n.ts'
import { FILTER_NAME, activeFilters, rangeLabel, type ActiveFilter } from './search-filters.ts'
import type { QueryFilters } from '../../archive/search/results.ts'

/** The value of a filter as shown: a range as `2023` / `2023-01 – 2023-04`, a briefing by its date. */
export function filterValueLabel(filter: ActiveFilter, briefingDate?: (id: string) => string | undefined): string {
  if (filter.kind === 'published' || filter.kind === 'date') {
    const text = rangeLabel(filter.value)
    return /^\d{4}$/.test(text) ? t('search.year', { year: text }) : text
  }
  if (filter.kind === 'briefing') {
    const published = briefingDate?.(filter.value)
    return published ? date(published) : filter.value
  }
  return filter.value
}

/** Every filter of a search as `name value` parts, for a one-line summary. */
export function filtersSummary(filters: QueryFilters, briefingDate?: (id: string) => string | undefined): string[] {
  const parts = activeFilters(filters, filters).map((f) => `${t(FILTER_NAME[f.kind])} ${filterValueLabel(f, briefingDate)}`)
  if (filters.bookmarked) parts.push('is:bookmarked')
  if (filters.annotated) parts.push('is:annotated')
  for (const tag of filters.tag ?? []) parts.push(`tag:${tag}`)
  for (const color of filters.color ?? []) parts.push(`color:${color}`)
  return parts
}
