/**
 * Recent and saved searches: the API methods over a {@link SearchesBackend} (the file, searches-store.ts).
 * No Electron import: the test bridge and the unit tests use it as is.
 *
 * New items of a saved search: the ids of the items that matched it when it was last opened (or saved) are
 * kept; "new" is how many items match now that are not among them. So a briefing imported later counts with
 * each of its matching items, a re-parsed briefing counts only items that did not match before (item ids stay
 * the same across a re-import), a deleted one counts nothing, and nothing depends on clocks or import times.
 * While the index is not ready (or a typed filter cannot be used) nothing is counted or marked seen.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { ArchiveApi, QueryFilters, RecentSearch, SearchesState, SearchSpec } from '../../shared/ipc-contract.ts'
import { MAX_QUERY_LENGTH, MAX_SEARCH_NAME, queryFilters, searchId } from '../ipc/schemas.ts'

/** How many recent searches are kept. */
export const MAX_RECENT = 10
/** How many saved searches can be kept. */
export const MAX_SAVED = 100
/** How many matching item ids a saved search keeps as seen (more: the oldest beyond it are counted as seen). */
export const MAX_SEEN = 200_000

const isoTime = z.string().min(1).max(40)
const spec = { query: z.string().max(MAX_QUERY_LENGTH), filters: queryFilters }

/** A saved search as kept: `seen` holds the item ids matching when it was last opened (null: not known yet). */
export interface StoredSavedSearch extends SearchSpec {
  id: string
  name: string
  created: string
  opened: string
  seen: string[] | null
}

/** What the file holds. */
export interface SearchesData {
  recent: RecentSearch[]
  saved: StoredSavedSearch[]
}

/** The file's shape, checked when it is read and before each write. */
export const searchesDataSchema: z.ZodType<SearchesData> = z
  .object({
    recent: z.array(z.object({ id: searchId, at: isoTime, ...spec }).strict()).max(MAX_RECENT),
    saved: z
      .array(
        z
          .object({
            id: searchId,
            name: z.string().min(1).max(MAX_SEARCH_NAME),
            created: isoTime,
            opened: isoTime,
            ...spec,
            seen: z.array(z.string().max(400)).max(MAX_SEEN).nullable()
          })
          .strict()
      )
      .max(MAX_SAVED)
  })
  .strict()

/** Where the searches are kept. */
export interface SearchesBackend {
  /** Absolute path of the file. */
  readonly path: string
  /** Set when the file was damaged at open and set aside. */
  readonly recovered?: { reason: string; badFile: string }
  read(): SearchesData
  /** Saves `data`; throws when it does not pass {@link searchesDataSchema}. */
  write(data: SearchesData): void
}

export const EMPTY_SEARCHES: SearchesData = Object.freeze({ recent: [], saved: [] }) as SearchesData

/** A backend kept in memory only (no file could be made, or where nothing is persisted). */
export function memorySearchesBackend(path = '(memory)'): SearchesBackend {
  let data: SearchesData = structuredClone(EMPTY_SEARCHES)
  return {
    path,
    read: () => structuredClone(data),
    write: (next) => void (data = structuredClone(searchesDataSchema.parse(next)))
  }
}

export interface SearchesServiceDeps {
  store: SearchesBackend
  /** The ids of the items matching a search now, or undefined when that cannot be told now. */
  matching: (spec: SearchSpec) => ReadonlySet<string> | undefined
  now?: () => Date
  newId?: () => string
}

export type SearchesApi = Pick<
  ArchiveApi,
  | 'listSearches'
  | 'recordSearch'
  | 'removeRecentSearch'
  | 'clearRecentSearches'
  | 'saveSearch'
  | 'openSavedSearch'
  | 'renameSavedSearch'
  | 'deleteSavedSearch'
>

/** The filters without empty values, keys in one order: two ways of writing the same filters compare equal. */
export function canonicalFilters(filters: QueryFilters): QueryFilters {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(filters).sort() as Array<keyof QueryFilters>) {
    const value = filters[key]
    if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) continue
    out[key] = Array.isArray(value) ? [...value].sort() : value
  }
  return out as QueryFilters
}

function sameSearch(a: SearchSpec, b: SearchSpec): boolean {
  return a.query === b.query && JSON.stringify(canonicalFilters(a.filters)) === JSON.stringify(canonicalFilters(b.filters))
}

export function createSearchesService(deps: SearchesServiceDeps): SearchesApi {
  const { store } = deps
  const now = (): string => (deps.now ?? (() => new Date()))().toISOString()
  const newId = deps.newId ?? randomUUID

  /** The ids matching a search as they are kept (bounded). */
  const seenNow = (s: SearchSpec): string[] | undefined => {
    const ids = deps.matching(s)
    return ids ? [...ids].sort().slice(0, MAX_SEEN) : undefined
  }

  /**
   * Each saved search's new items as last counted: counting runs its search over the whole archive, so it is
   * done when the list is asked for (the renderer asks again after imports and when the index is ready) and
   * for the search saved or opened, not each time a recent search is kept.
   */
  const counted = new Map<string, number | null>()

  /** Counts one saved search's new items now; one without a baseline gets it now if it can (true then). */
  function count(s: StoredSavedSearch): boolean {
    const ids = deps.matching(s)
    let baselined = false
    if (ids && s.seen === null) {
      s.seen = [...ids].sort().slice(0, MAX_SEEN)
      baselined = true
    }
    const seen = new Set(s.seen ?? [])
    counted.set(s.id, ids && s.seen !== null ? [...ids].filter((id) => !seen.has(id)).length : null)
    return baselined
  }

  /** The state the renderer shows, counting again the saved searches in `recount` (all: every one). */
  function state(data: SearchesData, recount: 'all' | string | undefined): SearchesState {
    let baselined = false
    for (const s of data.saved) {
      if (recount === 'all' || recount === s.id || !counted.has(s.id)) baselined = count(s) || baselined
    }
    if (baselined) store.write(data)
    const saved = data.saved.map(({ seen: _seen, ...s }) => ({ ...s, newItems: counted.get(s.id) ?? null }))
    const recent = data.recent.map((r) => ({ ...r }))
    return store.recovered ? { recent, saved, recovered: store.recovered } : { recent, saved }
  }

  function change(update: (data: SearchesData) => string | void): SearchesState {
    const data = store.read()
    const recount = update(data)
    store.write(data)
    return state(data, recount ?? undefined)
  }

  function savedById(data: SearchesData, id: string): SearchesData['saved'][number] {
    const found = data.saved.find((s) => s.id === id)
    if (!found) throw new Error('searches: no saved search with this id (deleted meanwhile?)')
    return found
  }

  const normalise = (s: SearchSpec): SearchSpec => ({ query: s.query.trim(), filters: canonicalFilters(s.filters) })

  return {
    listSearches: async () => state(store.read(), 'all'),
    recordSearch: async (input) =>
      change((data) => {
        const s = normalise(input)
        if (s.query === '' && Object.keys(s.filters).length === 0) return
        data.recent = [{ id: newId(), at: now(), ...s }, ...data.recent.filter((r) => !sameSearch(r, s))].slice(0, MAX_RECENT)
      }),
    removeRecentSearch: async ({ id }) => change((data) => void (data.recent = data.recent.filter((r) => r.id !== id))),
    clearRecentSearches: async () => change((data) => void (data.recent = [])),
    saveSearch: async ({ name, ...input }) =>
      change((data) => {
        if (data.saved.length >= MAX_SAVED) throw new Error(`searches: at most ${MAX_SAVED} saved searches`)
        const at = now()
        const s = normalise(input)
        const id = newId()
        data.saved.push({ id, name: name.trim(), created: at, opened: at, ...s, seen: seenNow(s) ?? null })
        return id
      }),
    openSavedSearch: async ({ id }) =>
      change((data) => {
        const saved = savedById(data, id)
        saved.opened = now()
        const seen = seenNow(saved)
        if (seen) saved.seen = seen
        return id
      }),
    renameSavedSearch: async ({ id, name }) => change((data) => void (savedById(data, id).name = name.trim())),
    deleteSavedSearch: async ({ id }) =>
      change((data) => {
        data.saved = data.saved.filter((s) => s.id !== id)
        counted.delete(id)
      })
  }
}
