import type {
  QueryFilters,
  RecentSearch,
  SavedSearch,
  SearchesState,
  SearchSpec
} from '../../electron/shared/ipc-contract.ts'
import { api, errorMessage } from '../lib/api.ts'
import { indexStatus } from './index-status.svelte.ts'
import type { Status } from './status.ts'

/**
 * Recent and saved searches, mirrored from main (which keeps them and counts each saved search's new items).
 * Listed again when the library changes (an import or a delete can bring new items) and when the index is
 * ready (counts are not known before).
 */
class SearchesStore {
  status: Status = $state('idle')
  error: string | undefined = $state()
  recent: RecentSearch[] = $state.raw([])
  saved: SavedSearch[] = $state.raw([])
  /** The file was damaged at start and set aside: where it is. */
  recovered: SearchesState['recovered'] = $state.raw()
  #started = false
  #revision = 0

  /** Subscribes once and lists the searches (the search box calls it when it is made). */
  start(): void {
    if (this.#started) return
    this.#started = true
    api.subscribe('libraryChanged', () => void this.load())
    indexStatus.onReady(() => void this.load())
    void this.load()
  }

  load(): Promise<void> {
    return this.#call(() => api.listSearches({}))
  }

  /** Remembers a search that was run (main keeps each query and filters once, newest first). */
  record(spec: SearchSpec): Promise<void> {
    return this.#call(() => api.recordSearch(spec))
  }

  removeRecent(id: string): Promise<void> {
    return this.#call(() => api.removeRecentSearch({ id }))
  }

  clearRecent(): Promise<void> {
    return this.#call(() => api.clearRecentSearches({}))
  }

  save(name: string, spec: SearchSpec): Promise<void> {
    return this.#call(() => api.saveSearch({ name, ...spec }))
  }

  /** Marks a saved search opened: what matches it now is seen (its "new" count goes back to 0). */
  opened(id: string): Promise<void> {
    return this.#call(() => api.openSavedSearch({ id }))
  }

  rename(id: string, name: string): Promise<void> {
    return this.#call(() => api.renameSavedSearch({ id, name }))
  }

  remove(id: string): Promise<void> {
    return this.#call(() => api.deleteSavedSearch({ id }))
  }

  /** True when a saved search has exactly this query and filters. */
  isSaved(query: string, filters: QueryFilters): boolean {
    const key = JSON.stringify(sortedFilters(filters))
    return this.saved.some((s) => s.query === query.trim() && JSON.stringify(sortedFilters(s.filters)) === key)
  }

  async #call(call: () => Promise<SearchesState>): Promise<void> {
    const revision = ++this.#revision
    this.status = 'loading'
    try {
      const state = await call()
      // an older answer never replaces a newer one
      if (revision !== this.#revision) return
      this.recent = state.recent
      this.saved = state.saved
      this.recovered = state.recovered
      this.status = 'idle'
      this.error = undefined
    } catch (error) {
      if (revision !== this.#revision) return
      this.status = 'error'
      this.error = errorMessage(error)
    }
  }
}

/** Filters with keys and list values in one order, empty ones left out (main compares them so too). */
function sortedFilters(filters: QueryFilters): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(filters).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) continue
    out[key] = Array.isArray(value) ? [...value].sort() : value
  }
  return out
}

export const searches = new SearchesStore()
