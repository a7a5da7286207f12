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

/** What is wrong with a filter typed in a query. */
export type QueryErrorProblem =
  /** `published:` with nothing after it. */
  | 'empty'
  /** A `published:` / `date:` value that is not a date or a range of dates. */
  | 'date'
  /** A month outside 01–12. */
  | 'month'
  /** A day the month does not have (2023-02-30). */
  | 'day'
  /** A range whose end is before its start. */
  | 'order'
  /** `is:` with something other than bookmarked / annotated. */
  | 'is'
  /** `color:` with an unknown colour name. */
  | 'color'

/**
 * A filter typed in a query that cannot be applied: the search answers with the error instead of ignoring
 * the filter (which would answer as if it were not there). The renderer words it in the UI's language from
 * `problem`; {@link describeQueryError} words it in English.
 */
export interface QueryError {
  /** The filter as typed: `published:abc`, `날짜:2023-13`. */
  token: string
  /** The filter's key as typed, without the colon: `published`, `날짜`. */
  key: string
  /** Its value as typed. */
  value: string
  problem: QueryErrorProblem
  /** For `month` and `day`: the date at fault, e.g. `2023-13` of `2023-01..2023-13`. */
  part?: string
}

export interface ParsedQuery {
  terms: QueryTerm[]
  filters: QueryFilters
  /** Parts of the input that could not be understood (an unknown `key:`), kept as words. */
  notes: string[]
  /** Filters that cannot be applied; a search with any answers with them instead of results. */
  errors: QueryError[]
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

const DATE_PART = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

/** Why one end of a range is not a date (`month`, `day`, `date`), or undefined when it is one. */
function datePartProblem(part: string): QueryErrorProblem | undefined {
  const m = DATE_PART.exec(part)
  if (!m) return 'date'
  if (m[2] === undefined) return undefined
  const month = Number(m[2])
  if (month < 1 || month > 12) return 'month'
  if (m[3] === undefined) return undefined
  const day = Number(m[3])
  const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate()
  return day < 1 || day > days ? 'day' : undefined
}

/**
 * Checks a date range `2023-03-01..2023-03-31`, `2023`, `2023-04`, `..2023-06`, `2023-01..` (`~` for `..`):
 * the range, or what is wrong with it.
 */
export function checkDateRange(
  value: string
): { from?: string; to?: string } | { problem: QueryErrorProblem; part?: string } {
  const text = value.replace(/~/, '..')
  const at = text.indexOf('..')
  const [start, end] = at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 2)]
  if (!start && !end) return { problem: 'date' }
  for (const part of [start, end]) {
    const problem = part ? datePartProblem(part) : undefined
    if (problem) return problem === 'date' ? { problem } : { problem, part }
  }
  if (end === undefined) return { from: firstDay(start), to: lastDay(start) }
  const range = { from: start ? firstDay(start) : undefined, to: end ? lastDay(end) : undefined }
  if (range.from && range.to && range.from > range.to) return { problem: 'order' }
  return range
}

/** Parses a date range (see {@link checkDateRange}); undefined when it is not a valid one. */
export function parseDateRange(value: string): { from?: string; to?: string } | undefined {
  const range = checkDateRange(value)
  return 'problem' in range ? undefined : range
}

const DATE_FORMS = 'YYYY, YYYY-MM or YYYY-MM-DD, or a range such as 2023..2024, 2023-01.. or ..2023-06'

/** A query error in English, naming the filter as typed: for the command line and logs. */
export function describeQueryError(error: QueryError): string {
  const { token, value } = error
  switch (error.problem) {
    case 'empty':
      return `${token} needs a value`
    case 'date':
      return `${token}: "${value}" is not a date; expected ${DATE_FORMS}`
    case 'month':
      return `${token}: ${error.part ?? value} has no month ${Number(error.part?.slice(5, 7))}; months are 01 to 12`
    case 'day':
      return `${token}: ${error.part?.slice(0, 7) ?? value} has no day ${Number(error.part?.slice(8, 10))}`
    case 'order':
      return `${token}: the range ends before it starts`
    case 'is':
      return `${token}: expected is:bookmarked or is:annotated`
    case 'color':
      return `${token}: unknown colour; expected yellow, red, green, blue, purple or orange (노랑 빨강 초록 파랑 보라 주황)`
  }
}

/**
 * Parses the query language: words (all required), "quoted phrases", -exclusions, prefix*, and
 * filters `section:`, `category:`, `region:`, `briefing:`, `published:` / `date:` ranges and
 * `is:bookmarked` / `is:annotated`, `tag:` and `color:` (over the user's notes). Korean keys (섹션, 분야, 지역,
 * 발행, 날짜, 태그, 색) and colour names (노랑 …) work too.
 */
export function parseQuery(input: string): ParsedQuery {
  const query: ParsedQuery = { terms: [], filters: {}, notes: [], errors: [] }
  for (const m of input.normalize('NFKC').replace(/[“”„‟″]/g, '"').matchAll(TOKEN)) {
    const negate = m[1] === '-'
    const key = m[2]?.toLowerCase()
    const value = (m[3] ?? m[4] ?? '').trim()
    const quoted = m[3] !== undefined
    if (key && FILTER_KEYS[key]) {
      const target = FILTER_KEYS[key]
      const fail = (problem: QueryErrorProblem, part?: string): void => {
        const token = `${m[2]}:${quoted ? `"${value}"` : value}`
        query.errors.push({ token, key: m[2], value, problem, ...(part ? { part } : {}) })
      }
      if (!value) {
        fail('empty')
        continue
      }
      if (target === 'bookmarked') {
        if (/^(bookmarked|북마크)$/i.test(value)) query.filters.bookmarked = true
        else if (/^(annotated|메모|노트)$/i.test(value)) query.filters.annotated = true
        else fail('is')
      } else if (target === 'color') {
        const color = COLOR_NAMES[value.toLowerCase()]
        if (!color) {
          fail('color')
          continue
        }
        query.filters.color = [...new Set([...(query.filters.color ?? []), color])]
      } else if (target === 'tag') {
        query.filters.tag = [...new Set([...(query.filters.tag ?? []), value.replace(/^#/, '')])]
      } else if (target === 'publishedFrom' || target === 'dateFrom') {
        const range = checkDateRange(value)
        if ('problem' in range) {
          fail(range.problem, range.part)
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
