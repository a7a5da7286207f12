/**
 * The one API contract between the renderer and the main process.
 * Types and channel names only: importable by main, preload, renderer and the test bridge.
 */
import type { Briefing, BriefingId, BriefingSummary } from '../../archive/model/briefing.ts'
import type {
  FindInBriefingResult,
  IndexProgress,
  QueryFilters,
  SearchResponse
} from '../../archive/search/results.ts'

export type { FindInBriefingResult, IndexProgress, QueryFilters, SearchResponse }

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

/** The envelope every handler returns: never a throw across the process boundary. */
export type IpcResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; message: string } }
