/**
 * The shapes search answers with: pure types, shared by the main process, the command line and the
 * renderer (which imports them type-only).
 */
import type { QueryError, QueryFilters } from './parse-query.ts'

export type { QueryError, QueryFilters }

/**
 * The order of search results: by relevance (best score first; grouped, the briefing with the best hit
 * first), or by date (newest issue first).
 */
export type SearchSort = 'relevance' | 'date'

/** A highlighted range of a displayed text. */
export interface TextRange {
  start: number
  end: number
}

/** A snippet of an item's text around its first match, with the matched ranges. */
export interface Snippet {
  text: string
  highlights: TextRange[]
}

/**
 * Counts by filter value, for the filter chips. Each facet counts the results as if its own filter were
 * not set (the other filters apply), so two values of one facet can be chosen together.
 */
export interface FacetCounts {
  section: Record<string, number>
  category: Record<string, number>
  region: Record<string, number>
  briefing: Record<string, number>
  year: Record<string, number>
}

export interface SearchHitView {
  briefingId: string
  itemId: string
  title: string
  score: number
  published: string
  date?: string
  section: string
  sectionTitle: string
  category?: string
  regions: string[]
  snippet: Snippet
  /** The exact substrings of the item's text that matched, for highlighting in the reader. */
  matches: string[]
}

export interface SearchResponse {
  /** Hits over the whole result set (not the page). */
  total: number
  /** Briefings with at least one hit, over the whole result set. */
  briefings: number
  /**
   * Asked with `groupOffset` (paging by briefing): how many whole briefing groups this page holds; the next page
   * starts at `groupOffset + groups`.
   */
  groups?: number
  hits: SearchHitView[]
  facets: FacetCounts
  /** The filters in effect: typed in the query and set by the UI, merged. */
  filters: QueryFilters
  tookMs: number
  /**
   * Filters typed in the query that cannot be applied (`published:abc`, `date:2023-13`). When present the
   * query was not run (no hits): the user is told what to fix instead of getting results without the filter.
   */
  errors?: QueryError[]
}

/** The state of the search index, for a progress display. */
export interface IndexProgress {
  state: 'idle' | 'loading' | 'building' | 'ready' | 'error'
  /** Shards done / to do in the current refresh. */
  done: number
  total: number
  /** Shards loaded from disk and rebuilt in the last refresh. */
  loaded: number
  built: number
  /** Items searchable now. */
  items?: number
  error?: string
}

/** Where a query matches inside one briefing (find in briefing, Ctrl+F). */
export interface FindInBriefingResult {
  total: number
  items: Array<{ itemId: string; matches: string[] }>
}
