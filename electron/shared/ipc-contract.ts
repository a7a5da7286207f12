/**
 * The one API contract between the renderer and the main process: the method list ({@link CHANNELS}), the
 * events main pushes ({@link EVENT_CHANNELS}) and their types. Adding a method touches this file, its schema
 * (main/ipc/schemas.ts) and the service that implements it (main/services/api-service.ts), nothing else:
 * the preload, the renderer and the test bridge derive their method lists from CHANNELS.
 * No runtime dependencies: importable by main, preload, renderer (types only) and the test bridge.
 */
import type { Briefing, BriefingId, BriefingSummary } from '../../archive/model/briefing.ts'
import type {
  FindInBriefingResult,
  IndexProgress,
  QueryFilters,
  SearchResponse
} from '../../archive/search/results.ts'

// The data types the renderer shows, re-exported so it imports them from the contract only.
export type * from '../../archive/model/briefing.ts'
export type * from '../../archive/search/results.ts'

export type Locale = 'ko' | 'en'
export type ThemePreference = 'system' | 'light' | 'dark'

export interface Settings {
  locale: Locale
  theme: ThemePreference
  /** Reader zoom factor, 0.5 – 3. */
  zoom: number
}

export interface AppInfo {
  version: string
  /** Folder holding the briefings (sources and parsed JSON). */
  archiveDir: string
  /** Folder holding settings, bookmarks and notes. */
  userDataDir: string
}

export interface ArchiveApi {
  /** Every briefing in the archive, newest first. */
  listBriefings(input: Record<string, never>): Promise<BriefingSummary[]>
  /** One parsed briefing, or null when the id is unknown. */
  getBriefing(input: { id: BriefingId }): Promise<Briefing | null>
  /** Opens an http(s) URL in the user's browser; any other scheme is refused. */
  openExternal(input: { url: string }): Promise<{ opened: boolean }>
  getSettings(input: Record<string, never>): Promise<Settings>
  updateSettings(input: Partial<Settings>): Promise<Settings>
  getAppInfo(input: Record<string, never>): Promise<AppInfo>
  /** Searches every item of the archive; filters from the UI are merged with those typed in the query. */
  search(input: { query: string; filters?: QueryFilters; limit?: number; offset?: number }): Promise<SearchResponse>
  /** Where a query matches inside one briefing (find in briefing). */
  findInBriefing(input: { briefingId: BriefingId; query: string }): Promise<FindInBriefingResult>
  /** The state of the search index (building, loading, ready) for a progress display. */
  indexStatus(input: Record<string, never>): Promise<IndexProgress>
}

export type ApiMethod = keyof ArchiveApi
export type ApiInput<K extends ApiMethod> = Parameters<ArchiveApi[K]>[0]
export type ApiOutput<K extends ApiMethod> = Awaited<ReturnType<ArchiveApi[K]>>

export const CHANNELS = {
  listBriefings: 'briefings:list',
  getBriefing: 'briefings:get',
  openExternal: 'shell:open-external',
  getSettings: 'settings:get',
  updateSettings: 'settings:update',
  getAppInfo: 'app:info',
  search: 'search:query',
  findInBriefing: 'search:find-in-briefing',
  indexStatus: 'search:index-status'
} as const satisfies Record<ApiMethod, string>

export const API_METHODS = Object.keys(CHANNELS) as ApiMethod[]

/** Sends one call across the process boundary and unwraps its answer (throws on an error envelope). */
export type Invoke = <K extends ApiMethod>(method: K, input: ApiInput<K>) => Promise<ApiOutput<K>>

/** One function per contract method, each forwarding to `invoke`: the method list is CHANNELS, nowhere else. */
export function apiFromInvoke(invoke: Invoke): ArchiveApi {
  const api: Partial<Record<ApiMethod, (input: never) => Promise<unknown>>> = {}
  for (const method of API_METHODS) api[method] = (input) => invoke(method, input)
  return api as ArchiveApi
}

/** What main pushes to the renderer, by event name: payload types. */
export interface ApiEvents {
  /** The search index's state changed (loading, building shard n of m, ready, error). */
  indexProgress: IndexProgress
}
export type ApiEvent = keyof ApiEvents

export const EVENT_CHANNELS = {
  indexProgress: 'event:index-progress'
} as const satisfies Record<ApiEvent, string>

export const API_EVENTS = Object.keys(EVENT_CHANNELS) as ApiEvent[]

/** True when `name` is a contract event (own keys only). */
export function isApiEvent(name: string): name is ApiEvent {
  return Object.hasOwn(EVENT_CHANNELS, name)
}

export type EventHandler<E extends ApiEvent> = (payload: ApiEvents[E]) => void
/** Stops a subscription; calling it twice is harmless. */
export type Unsubscribe = () => void

/** What `window.archive` is: the API, plus a narrow subscription to main's events (never ipcRenderer). */
export interface ArchiveBridge extends ArchiveApi {
  subscribe<E extends ApiEvent>(event: E, handler: EventHandler<E>): Unsubscribe
}

/** The envelope every handler returns: never a throw across the process boundary. */
export type IpcResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; message: string } }
