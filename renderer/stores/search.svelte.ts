import type { QueryFilters, SearchHitView, SearchResponse, SearchSort } from '../../archive/search/results.ts'
import type { SearchSpec } from '../../electron/shared/ipc-contract.ts'
import { api, errorMessage } from '../lib/api.ts'
import {
  hasFilters,
  removeFilter,
  removeFilterFromQuery,
  stripFilterTokens,
  toggleFilter,
  type ActiveFilter,
  type FacetKind
} from '../lib/search-filters.ts'
import { indexStatus } from './index-status.svelte.ts'
import { searches } from './searches.svelte.ts'
import { settings } from './settings.svelte.ts'
import type { Status } from './status.ts'

/** Results are asked for this long after the last keystroke. */
export const SEARCH_DEBOUNCE_MS = 120
/** Results per page ("더 보기" asks for the next page). */
export const SEARCH_PAGE = 50
/**
 * Shown results still on screen this long count as a search run (recent searches): typing pauses are longer
 * than keystrokes, so a word half typed is not kept. Enter in the box and opening a hit count at once.
 */
export const RECORD_PAUSE_MS = 1500

/**
 * The search: the text in the box, the filter chips, the results and where the user was in them, kept
 * while a result is open so coming back finds everything as it was.
 */
class SearchStore {
  /** The results panel is shown. */
  active = $state(false)
  query = $state('')
  /** Filters set with the chips (those typed in the query are in `response.filters`). */
  filters: QueryFilters = $state.raw({})
  response: SearchResponse | null = $state.raw(null)
  /** Every hit loaded so far (the first page, then each "more"). */
  hits: SearchHitView[] = $state.raw([])
  /** The query the shown results answer; the box may be ahead while typing. */
  answered = $state('')
  status: Status = $state('idle')
  error: string | undefined = $state()
  loadingMore = $state(false)
  /**
   * Results grouped by briefing (true) or one ranked list. Grouped results are paged by briefing, newest
   * first over every result, so "more" only appends older groups; set it with `setGrouped`.
   */
  grouped = $state(true)
  selectedId: string | null = $state(null)
  /** A search is scheduled (debounce running). */
  waiting = $state(false)
  /** The results list's scroll position, saved while a result is open. */
  scrollTop = 0
  /** Set when coming back from a result, so the list puts focus back on the selected hit. */
  returning = false
  #request = 0
  /** Briefing groups loaded so far (grouped paging: the next page starts there). */
  #groups = 0
  #timer: ReturnType<typeof setTimeout> | undefined
  #recordTimer: ReturnType<typeof setTimeout> | undefined
  /** The last search kept as recent (query and filters), so one is kept once however often it counts. */
  #recorded = ''
  #inflight: Promise<void> = Promise.resolve()

  constructor() {
    // Results asked for while the index was still building may be partial: ask again once it is ready.
    indexStatus.onReady(() => {
      if (this.hasInput) void this.run()
    })
  }

  /** True when there is something to search for: text, or at least one chip. */
  get hasInput(): boolean {
    return this.query.trim() !== '' || hasFilters(this.filters)
  }

  /** True while typed text waits for its answer (debounce or request). */
  get pending(): boolean {
    return this.waiting || this.status === 'loading'
  }

  open(): void {
    if (this.active) return
    this.active = true
    indexStatus.watch()
  }

  close(): void {
    this.active = false
    this.returning = false
  }

  setQuery(query: string): void {
    if (query === this.query) return
    this.query = query
    this.#schedule(SEARCH_DEBOUNCE_MS)
  }

  /** Replaces the query and searches at once (an example, a removed filter). */
  replaceQuery(query: string): void {
    this.query = query
    this.#schedule(0)
  }

  setFilters(filters: QueryFilters): void {
    this.filters = filters
    this.#schedule(0)
  }

  toggleFilter(kind: FacetKind, value: string): void {
    this.setFilters(toggleFilter(this.filters, kind, value))
  }

  /** Removes a filter in effect: a chip from the UI filters, a typed one from the query text. */
  removeFilter(filter: ActiveFilter): void {
    if (filter.typed) this.replaceQuery(removeFilterFromQuery(this.query, filter))
    else this.setFilters(removeFilter(this.filters, filter))
  }

  /** Removes every filter: the chips, and the filters typed in the query. */
  clearFilters(): void {
    this.filters = {}
    this.query = stripFilterTokens(this.query)
    this.#schedule(0)
  }

  /** Grouped by briefing or one list: the pages differ, so the results are asked for again. */
  setGrouped(grouped: boolean): void {
    if (grouped === this.grouped) return
    this.grouped = grouped
    if (this.hasInput) this.#schedule(0)
  }

  /**
   * The order of the results (a setting, remembered): relevance or newest first. Until one is chosen each
   * view keeps the order it always had: grouped newest first, the list best first.
   */
  get sort(): SearchSort {
    return settings.searchSort ?? (this.grouped ? 'date' : 'relevance')
  }

  /** Orders the results by relevance or by date: the server orders the whole set, so they are asked for again. */
  setSort(sort: SearchSort): void {
    if (sort === this.sort) return
    void settings.setSearchSort(sort)
    if (this.hasInput) this.#schedule(0)
  }

  /** The page asked for after `loaded` hits / groups, by briefing when grouped, in the order chosen. */
  #page(
    loadedHits: number,
    loadedGroups: number
  ): { limit: number; sort: SearchSort; offset?: number; groupOffset?: number } {
    const sort = this.sort
    return this.grouped
      ? { limit: SEARCH_PAGE, sort, groupOffset: loadedGroups }
      : { limit: SEARCH_PAGE, sort, offset: loadedHits }
  }

  /** Runs a recent or saved search: its query and UI filters replace what is there. */
  runSearch(spec: SearchSpec): void {
    this.open()
    this.query = spec.query
    this.filters = spec.filters
    this.#schedule(0)
  }

  /**
   * The shown results count as a search run (Enter, an opened hit, or a pause): kept as recent once. Only
   * when they answer what is in the box and found something.
   */
  commit(): void {
    clearTimeout(this.#recordTimer)
    this.#recordTimer = undefined
    if (!this.response || this.response.total === 0 || this.response.errors?.length || this.answered !== this.query) return
    const spec = { query: this.answered.trim(), filters: this.filters }
    const key = JSON.stringify(spec)
    if (key === this.#recorded) return
    this.#recorded = key
    void searches.record(spec)
  }

  select(id: string | null): void {
    this.selectedId = id
  }

  /** Runs a search that is waiting for the debounce now; resolves when its answer is in. */
  async flush(): Promise<void> {
    if (this.#timer !== undefined) await this.run()
    else await this.#inflight
  }

  /**
   * `hit` as the answer to the text now in the box: when the box is ahead of the shown results (typed
   * after them, or a search in flight), waits for the answer to what is typed, then looks for the same item
   * in it. `hit` is null when the item is not in that answer.
   */
  async settle(hit: SearchHitView): Promise<{ hit: SearchHitView | null; query: string }> {
    if (this.pending || this.answered !== this.query) await this.flush()
    return { hit: this.hits.find((h) => h.itemId === hit.itemId) ?? null, query: this.answered }
  }

  run(): Promise<void> {
    this.#inflight = this.#run()
    return this.#inflight
  }

  async #run(): Promise<void> {
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.waiting = false
    const request = ++this.#request
    if (!this.hasInput) {
      this.#reset()
      return
    }
    const query = this.query
    this.status = 'loading'
    // A page being added to the old answer is abandoned.
    this.loadingMore = false
    try {
      const response = await api.search({ query, filters: this.filters, ...this.#page(0, 0) })
      if (request !== this.#request) return
      this.response = response
      this.hits = response.hits
      this.#groups = response.groups ?? 0
      this.answered = query
      this.status = 'idle'
      this.error = undefined
      this.scrollTop = 0
      if (!response.hits.some((h) => h.itemId === this.selectedId)) this.selectedId = null
      // Still shown after a pause: a search run (a newer answer or keystroke restarts the wait).
      clearTimeout(this.#recordTimer)
      this.#recordTimer = setTimeout(() => {
        if (request === this.#request) this.commit()
      }, RECORD_PAUSE_MS)
    } catch (error) {
      if (request !== this.#request) return
      this.status = 'error'
      this.error = errorMessage(error)
    }
  }

  /** Loads the next page of results. */
  async more(): Promise<void> {
    if (!this.response || this.loadingMore || this.hits.length >= this.response.total) return
    const request = this.#request
    this.loadingMore = true
    try {
      const page = await api.search({ query: this.answered, filters: this.filters, ...this.#page(this.hits.length, this.#groups) })
      if (request !== this.#request) return
      const seen = new Set(this.hits.map((h) => h.itemId))
      this.hits = [...this.hits, ...page.hits.filter((h) => !seen.has(h.itemId))]
      this.#groups += page.groups ?? 0
    } catch (error) {
      if (request !== this.#request) return
      this.error = errorMessage(error)
    } finally {
      if (request === this.#request) this.loadingMore = false
    }
  }

  #schedule(delay: number): void {
    clearTimeout(this.#recordTimer)
    this.#recordTimer = undefined
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.waiting = false
    if (!this.hasInput) {
      // Nothing to ask: forget the old answer at once, and make any reply in flight stale.
      this.#request++
      this.#reset()
      return
    }
    if (delay === 0) void this.run()
    else {
      this.waiting = true
      this.#timer = setTimeout(() => void this.run(), delay)
    }
  }

  #reset(): void {
    this.response = null
    this.hits = []
    this.#groups = 0
    this.answered = ''
    this.status = 'idle'
    this.error = undefined
    this.loadingMore = false
    this.selectedId = null
    this.scrollTop = 0
  }
}

export const search = new SearchStore()
