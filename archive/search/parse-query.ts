/** One term of a query. */
export interface QueryTerm {
  kind: 'word' | 'phrase'
  /** As typed (without quotes, `-` or `*`). */
  text: string
  negate: boolean
  prefix: boolean
}

/** Filters a query can carry (typed as `key:value`, or set by the UI's chips). */
export interface QueryFilters {
  section?: string[]
  category?: string[]
  region?: string[]
  briefing?: string[]
  /** Publication date range, inclusive, YYYY-MM-DD (prefixes such as 2023 or 2023-04 allowed). */
  publishedFrom?: string
  publishedTo?: string
  /** Event date range of the item, inclusive. */
  dateFrom?: string
  dateTo?: string
  bookmarked?: boolean
  annotated?: boolean
  /** Items with a note carrying one of these tags (`tag:`), or a highlight of one of these colours (`color:`). */
  tag?: string[]
  color?: string[]
}

export interface ParsedQuery {
  terms: QueryTerm[]
  filters: QueryFilters
  /** Parts of the input that could not be understood (an unknown `key:`), kept as words. */
  notes: string[]
}

const FILTER_KEYS: Record<string, keyof QueryFilters> = {
  section: 'section',
  섹션: 'section',
  category: 'category',
  분야: 'category',
  region: 'region',
  지역: 'region',
  briefing: 'briefing',
  published: 'publishedFrom',
  발행: 'publishedFrom',
  date: 'dateFrom',
  날짜: 'dateFrom',
  is: 'bookmarked',
  tag: 'tag',
  태그: 'tag',
  color: 'color',
  색: 'color'
}

/** Colour names a query may use, in either language, to the stored colour. */
const COLOR_NAMES: Record<string, string> = {
  yellow: 'yellow', 노랑: 'yellow', red: 'red', 빨강: 'red', green: 'green', 초록: 'green',
  blue: 'blue', 파랑: 'blue', purple: 'purple', 보라: 'purple', orange: 'orange', 주황: 'orange'
}

const TOKEN = /(-?)(?:([\p{L}_]+):)?(?:"([^"]*)"?|(\S+))/gu

function lastDay(prefix: string): string {
  if (/^\d{4}$/.test(prefix)) return `${prefix}-12-31`
  if (/^\d{4}-\d{2}$/.test(prefix)) {
    const [y, m] = prefix.split('-').map(Number)
    return `${prefix}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`
  }
  return prefix
}

function firstDay(prefix: string): string {
  if (/^\d{4}$/.test(prefix)) return `${prefix}-01-01`
  if (/^\d{4}-\d{2}$/.test(prefix)) return `${prefix}-01`
  return prefix
}

/** Parses a date range `2023-03-01..2023-03-31`, `2023`, `2023-04`, `..2023-06`, `2023-01..`. */
export function parseDateRange(value: string): { from?: string; to?: string } | undefined {
  const m = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)?(?:(\.\.)(\d{4}(?:-\d{2}(?:-\d{2})?)?)?)?$/.exec(value.replace(/~/, '..'))
  if (!m || (!m[1] && !m[3])) return undefined
  if (!m[2]) return { from: firstDay(m[1]), to: lastDay(m[1]) }
  return { from: m[1] ? firstDay(m[1]) : undefined, to: m[3] ? lastDay(m[3]) : undefined }
}

/**
 * Parses the query language: words (all required), "quoted phrases", -exclusions, prefix*, and
 * filters `section:`, `category:`, `region:`, `briefing:`, `published:` / `date:` ranges and
 * `is:bookmarked` / `is:annotated`, `tag:` and `color:` (over the user's notes). Korean keys (섹션, 분야, 지역,
 * 발행, 날짜, 태그, 색) and colour names (노랑 …) work too.
 */
export function parseQuery(input: string): ParsedQuery {
  const query: ParsedQuery = { terms: [], filters: {}, notes: [] }
  for (const m of input.normalize('NFKC').replace(/[“”„‟″]/g, '"').matchAll(TOKEN)) {
    const negate = m[1] === '-'
    const key = m[2]?.toLowerCase()
    const value = (m[3] ?? m[4] ?? '').trim()
    const quoted = m[3] !== undefined
    if (key && FILTER_KEYS[key]) {
      const target = FILTER_KEYS[key]
      if (!value) continue
      if (target === 'bookmarked') {
        if (/^(bookmarked|북마크)$/i.test(value)) query.filters.bookmarked = true
        else if (/^(annotated|메모|노트)$/i.test(value)) query.filters.annotated = true
        else query.notes.push(m[0])
      } else if (target === 'color') {
        const color = COLOR_NAMES[value.toLowerCase()]
        if (!color) {
          query.notes.push(m[0])
          continue
        }
        query.filters.color = [...new Set([...(query.filters.color ?? []), color])]
      } else if (target === 'tag') {
        query.filters.tag = [...new Set([...(query.filters.tag ?? []), value.replace(/^#/, '')])]
      } else if (target === 'publishedFrom' || target === 'dateFrom') {
        const range = parseDateRange(value)
        if (!range) {
          query.notes.push(m[0])
          continue
        }
        if (target === 'publishedFrom') Object.assign(query.filters, { publishedFrom: range.from, publishedTo: range.to })
        else Object.assign(query.filters, { dateFrom: range.from, dateTo: range.to })
      } else {
        const list = (query.filters[target] as string[] | undefined) ?? []
        list.push(value)
        ;(query.filters as Record<string, unknown>)[target] = list
      }
      continue
    }
    const raw = key ? `${m[2]}:${value}` : value
    if (!raw || raw === '-') continue
    if (quoted && !key) {
      query.terms.push({ kind: 'phrase', text: raw, negate, prefix: false })
    } else {
      const prefix = raw.endsWith('*')
      const text = raw.replace(/\*+$/, '')
      if (text) query.terms.push({ kind: 'word', text, negate, prefix })
    }
  }
  return query
}

/** Merges UI filters (chips) into the filters typed in the query; UI values win for ranges. */
export function mergeFilters(typed: QueryFilters, ui: QueryFilters = {}): QueryFilters {
  const out: QueryFilters = { ...typed }
  for (const key of ['section', 'category', 'region', 'briefing', 'tag', 'color'] as const) {
    const values = [...(typed[key] ?? []), ...(ui[key] ?? [])]
    if (values.length) out[key] = [...new Set(values)]
  }
  for (const key of ['publishedFrom', 'publishedTo', 'dateFrom', 'dateTo'] as const) if (ui[key]) out[key] = ui[key]
  if (ui.bookmarked) out.bookmarked = true
  if (ui.annotated) out.annotated = true
  return out
}
