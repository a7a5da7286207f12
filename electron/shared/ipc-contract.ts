/**
 * The one API contract between the renderer and the main process: the method list ({@link CHANNELS}), the
 * events main pushes ({@link EVENT_CHANNELS}) and their types. Adding a method touches this file, its schema
 * (main/ipc/schemas.ts) and the service that implements it (main/services/api-service.ts), nothing else:
 * the preload, the renderer and the test bridge derive their method lists from CHANNELS.
 * No runtime dependencies: importable by main, preload, renderer (types only) and the test bridge.
 */
import type { Briefing, BriefingId, BriefingSummary, ItemId } from '../../archive/model/briefing.ts'
import type {
  FindInBriefingResult,
  IndexProgress,
  QueryFilters,
  SearchResponse,
  SearchSort
} from '../../archive/search/results.ts'

import type {
  AnchorStatus,
  Annotation,
  Bookmark,
  BookmarkState,
  Color,
  DeepLink,
  Highlight,
  ItemNote,
  TrashEntry
} from '../../archive/notes/model.ts'
import type { AnnotationView, NotesFacets, NotesQuery } from '../../archive/notes/query-notes.ts'
import type { ReanchorEntry } from '../../archive/notes/anchor.ts'
import type { NotesImportReport } from '../../archive/notes/interchange.ts'

// The data types the renderer shows, re-exported so it imports them from the contract only.
export type * from '../../archive/model/briefing.ts'
export type * from '../../archive/search/results.ts'
export type * from '../../archive/notes/model.ts'
export type * from '../../archive/notes/query-notes.ts'
export type * from '../../archive/notes/interchange.ts'

export interface NotesQueryResult {
  total: number
  views: AnnotationView[]
  /** Counts over the whole store, for the filter lists. */
  facets: NotesFacets
}

/** A highlight placed in the reader's text of its article (offsets in that article's displayed text). */
export interface PlacedHighlight {
  id: string
  itemId: string
  start: number
  end: number
  color: Color
  comment: string
  tags: string[]
  status: AnchorStatus
}

/** What changes an annotation can take (fields that do not apply to its kind are refused). */
export interface AnnotationPatch {
  color?: Color
  comment?: string
  tags?: string[]
  text?: string
  reason?: string
  state?: BookmarkState
}

export interface DigestRequest {
  query: NotesQuery
  groupBy: 'briefing' | 'category' | 'tag'
  lang: Locale
  /** The file's title (what the view shows). */
  title: string
}

/** What a re-import of a corrected briefing did to its notes: those that moved and those that could not be placed. */
export interface ReanchorReport {
  briefingId: BriefingId
  /** When it happened (ISO 8601). */
  at: string
  entries: Array<ReanchorEntry & { kind: Annotation['kind']; summary: string }>
}

/** The notes store's state for the settings and the start-up notice. */
export interface NotesInfo {
  storeFile: string
  colorMeanings: Record<Color, string>
  /** Every tag in use, with how many annotations carry it. */
  tags: Record<string, number>
  /** Set when the store was damaged at start and a backup restored. */
  recovered?: { reason: string; badFile: string; backup?: string }
  trash: number
}

export type Locale = 'ko' | 'en'
export type ThemePreference = 'system' | 'light' | 'dark'

export interface Settings {
  locale: Locale
  theme: ThemePreference
  /** Zoom factor of the whole window, 0.5 – 3. */
  zoom: number
  /** Whether the reader's contents sidebar is shown in a wide window (a narrow one shows it on demand). */
  contentsSidebar: boolean
  /** How wide the reader's text column may grow. */
  readingWidth: ReadingWidth
  /** The order of search results last chosen (absent: none chosen; grouped results newest first, the list best first). */
  searchSort?: SearchSort
}

export type ReadingWidth = 'narrow' | 'normal' | 'wide' | 'full'

/** Where a briefing was left: the item at the reading line and how far down it (0 – 1); no item: the top. */
export interface ReadingPlace {
  briefingId: BriefingId
  itemId: ItemId | null
  fraction: number
}

export interface AppInfo {
  version: string
  /** Folder holding the briefings (sources and parsed JSON): the one open now. */
  archiveDir: string
  /** Whether that is the default folder (none chosen in Settings). */
  archiveIsDefault: boolean
  /** Folder holding settings, bookmarks and notes. */
  userDataDir: string
  /** True when main zooms the whole window to settings.zoom (Electron); otherwise the page zooms its root. */
  windowZoom: boolean
}

/** The archive folder's repairs and problems since the app started (archive/storage's warnings). */
export interface ArchiveWarnings {
  /** Each repair or problem: the file, relative to the archive folder, and what happened. */
  warnings: Array<{ file: string; message: string }>
  /** Why the archive or its search index cannot be used, when it cannot (a folder refused, unreadable). */
  error?: string
}

/** One file of an import and what became of it. */
export interface ImportRow {
  /** The file's path as given or found in a folder (bytes dropped in the test bridge: the file's name). */
  file: string
  status: 'imported' | 'updated' | 'unchanged' | 'failed' | 'skipped'
  briefingId?: BriefingId
  /** The briefing's title line (series and date), for the report. */
  title?: string
  /** One line: why the file failed or was skipped. */
  reason?: string
}

export type ImportStatus = ImportRow['status']

/** How an import is going (pushed as `importProgress`). */
export interface ImportProgress {
  /** Numbers the imports since start: a later job's events are never taken for an earlier one's. */
  job: number
  /** walking: finding the files in folders; importing: file `done + 1` of `total`; indexing: making them searchable. */
  state: 'walking' | 'importing' | 'indexing' | 'done' | 'cancelled'
  done: number
  total: number
  /** The file being imported now. */
  file?: string
}

/** What an import did (the answer to importFiles, and pushed as `importFinished`). */
export interface ImportReport {
  job: number
  cancelled: boolean
  rows: ImportRow[]
  counts: Record<ImportStatus, number>
}

/** A search as it can be run again: the text in the box and the UI filters (chips, month range). */
export interface SearchSpec {
  query: string
  filters: QueryFilters
}

/** A search recently run (shown results, then a pause, Enter or an opened hit). */
export interface RecentSearch extends SearchSpec {
  id: string
  /** When it was last run (ISO 8601). */
  at: string
}

/** A search saved under a name, with how many items match it now that did not when it was last opened. */
export interface SavedSearch extends SearchSpec {
  id: string
  name: string
  /** When it was saved and last opened (ISO 8601). */
  created: string
  opened: string
  /**
   * Items matching now that were not matching (or not in the archive) when it was last opened or saved;
   * null while that cannot be told (the index is not ready, a typed filter cannot be used).
   */
  newItems: number | null
}

/** The recent and saved searches (kept in main, `<userData>/searches.json`). */
export interface SearchesState {
  /** Newest first, at most ten, each query and filters once. */
  recent: RecentSearch[]
  /** In the order they were saved. */
  saved: SavedSearch[]
  /** Set when the file was damaged at start: it was set aside (never deleted) and an empty list started. */
  recovered?: { reason: string; badFile: string }
}

/** The channel the preload (never the page) uses for files dropped on the window: their paths, read by the preload. */
export const DROP_CHANNEL = 'import:dropped'

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
  /**
   * A page of results: by hit (`offset`), or by briefing (`groupOffset`: whole briefing groups, newest first,
   * at most `groupLimit` of them, ending after the group that reaches `limit` hits). Counts cover every result.
   * `sort` orders the whole result set before it is paged (relevance by default; see SearchSort).
   */
  search(input: {
    query: string
    filters?: QueryFilters
    sort?: SearchSort
    limit?: number
    offset?: number
    groupOffset?: number
    groupLimit?: number
  }): Promise<SearchResponse>
  /** Where a query matches inside one briefing (find in briefing). */
  findInBriefing(input: { briefingId: BriefingId; query: string }): Promise<FindInBriefingResult>
  /** The state of the search index (building, loading, ready) for a progress display. */
  indexStatus(input: Record<string, never>): Promise<IndexProgress>
  /** What the archive repaired or could not use since the app started, and why it failed if it did (a notice). */
  archiveWarnings(input: Record<string, never>): Promise<ArchiveWarnings>
  /**
   * Opens the import dialog (files and folders, several at once; main opens it) and imports what is chosen,
   * pushing `importProgress`; the report, or null when the dialog was cancelled. Imports run one at a time.
   */
  importFiles(input: Record<string, never>): Promise<ImportReport | null>
  /** Stops the running import after the file in progress (what was imported stays). */
  cancelImport(input: Record<string, never>): Promise<{ cancelling: boolean }>
  /** Deletes a briefing and its source; its notes are kept (listed as detached). */
  deleteBriefing(input: { id: BriefingId }): Promise<{ deleted: boolean; detachedNotes: number }>
  /**
   * Opens main's folder dialog and switches the app to the chosen archive folder (an empty one is made an
   * archive; a shared team folder works too): the folder, or null when cancelled. Throws with the archive's
   * one-line reason when the folder is refused (other files and no archive.json) or while an import runs;
   * nothing changes then. After a switch main pushes `libraryChanged` and the new index's `indexProgress`.
   */
  chooseArchiveFolder(input: Record<string, never>): Promise<{ archiveDir: string } | null>
  /** Switches back to the default archive folder (as chooseArchiveFolder does). */
  useDefaultArchiveFolder(input: Record<string, never>): Promise<{ archiveDir: string }>

  /** Annotations matching the query, with where each lands now. */
  queryNotes(input: NotesQuery): Promise<NotesQueryResult>
  /** The highlights of a briefing placed in the reader's text of each article (`texts`: item id → text). */
  placeHighlights(input: { briefingId: BriefingId; texts: Record<string, string> }): Promise<PlacedHighlight[]>
  /** A highlight on [start, end) of the displayed text of an item's article. */
  createHighlight(input: {
    briefingId: BriefingId
    itemId: string
    text: string
    start: number
    end: number
    color: Color
    comment?: string
    tags?: string[]
  }): Promise<Highlight>
  addItemNote(input: { briefingId: BriefingId; itemId: string; text: string; tags?: string[] }): Promise<ItemNote>
  /** Bookmarks an item (or, without itemId, the briefing), or removes the bookmark: the new one, or null. */
  toggleBookmark(input: { briefingId: BriefingId; itemId?: string }): Promise<Bookmark | null>
  updateAnnotation(input: { id: string; patch: AnnotationPatch }): Promise<Annotation>
  /** Moves an annotation to the trash (kept 30 days). */
  deleteAnnotation(input: { id: string }): Promise<TrashEntry>
  /** Brings an annotation back from the trash (undo). */
  restoreAnnotation(input: { id: string }): Promise<Annotation>
  listTrash(input: Record<string, never>): Promise<TrashEntry[]>
  notesInfo(input: Record<string, never>): Promise<NotesInfo>
  setColorMeanings(input: Record<Color, string>): Promise<NotesInfo>
  /** The Markdown export of a briefing's notes. */
  exportMarkdown(input: { briefingId: BriefingId; lang: Locale }): Promise<{ markdown: string; fileName: string }>
  /** Asks where to save the export (merging into an existing file), and writes it: the path, or null if cancelled. */
  saveMarkdown(input: { briefingId: BriefingId; lang: Locale }): Promise<{ path: string | null }>
  /** A digest of the notes a query finds, grouped by briefing, category or tag. */
  exportDigest(input: DigestRequest): Promise<{ markdown: string; fileName: string }>
  /** Asks where to save the digest and writes it: the path, or null if cancelled. */
  saveDigest(input: DigestRequest): Promise<{ path: string | null }>
  /**
   * Every highlight, item note and bookmark as one W3C Web Annotation collection (JSON-LD): asks where to save
   * it and writes it; the path (null if cancelled) and how many annotations it holds.
   */
  saveAnnotations(input: Record<string, never>): Promise<{ path: string | null; count: number }>
  /**
   * Asks for a Web Annotation JSON file (ours, Hypothesis's, …) and imports it, idempotent by id: what was
   * imported, or null if cancelled. A file that is not JSON or not annotations changes nothing (an error
   * naming the file).
   */
  importAnnotations(input: Record<string, never>): Promise<(NotesImportReport & { file: string }) | null>
  /** What the last re-import of this briefing did to its notes, or null. */
  reanchorReport(input: { briefingId: BriefingId }): Promise<ReanchorReport | null>
  /** Puts text on the system clipboard. */
  copyText(input: { text: string }): Promise<{ copied: boolean }>
  /** Where this briefing was left, or null when it was never read (kept across restarts). */
  getReadingPlace(input: { briefingId: BriefingId }): Promise<ReadingPlace | null>
  /** Remembers where a briefing was left (the last few hundred briefings). */
  saveReadingPlace(input: ReadingPlace): Promise<{ saved: boolean }>

  /** The recent and saved searches, each saved one with its count of new items. */
  listSearches(input: Record<string, never>): Promise<SearchesState>
  /** Remembers a search that was run (first in the recent list; the same query and filters only once). */
  recordSearch(input: SearchSpec): Promise<SearchesState>
  removeRecentSearch(input: { id: string }): Promise<SearchesState>
  clearRecentSearches(input: Record<string, never>): Promise<SearchesState>
  /** Saves a search under a name; what matches it now is its baseline (no new items). */
  saveSearch(input: SearchSpec & { name: string }): Promise<SearchesState>
  /** A saved search is opened (run): what matches it now is seen, its new items go back to 0. */
  openSavedSearch(input: { id: string }): Promise<SearchesState>
  renameSavedSearch(input: { id: string; name: string }): Promise<SearchesState>
  deleteSavedSearch(input: { id: string }): Promise<SearchesState>
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
  indexStatus: 'search:index-status',
  archiveWarnings: 'archive:warnings',
  importFiles: 'import:files',
  cancelImport: 'import:cancel',
  deleteBriefing: 'briefings:delete',
  chooseArchiveFolder: 'archive:choose-folder',
  useDefaultArchiveFolder: 'archive:use-default-folder',
  queryNotes: 'notes:query',
  placeHighlights: 'notes:place-highlights',
  createHighlight: 'notes:create-highlight',
  addItemNote: 'notes:add-item-note',
  toggleBookmark: 'notes:toggle-bookmark',
  updateAnnotation: 'notes:update',
  deleteAnnotation: 'notes:delete',
  restoreAnnotation: 'notes:restore',
  listTrash: 'notes:trash',
  notesInfo: 'notes:info',
  setColorMeanings: 'notes:set-color-meanings',
  exportMarkdown: 'notes:export-markdown',
  saveMarkdown: 'notes:save-markdown',
  exportDigest: 'notes:export-digest',
  saveDigest: 'notes:save-digest',
  reanchorReport: 'notes:reanchor-report',
  saveAnnotations: 'notes:save-annotations',
  importAnnotations: 'notes:import-annotations',
  copyText: 'clipboard:write-text',
  getReadingPlace: 'reader:get-place',
  saveReadingPlace: 'reader:save-place',
  listSearches: 'searches:list',
  recordSearch: 'searches:record',
  removeRecentSearch: 'searches:remove-recent',
  clearRecentSearches: 'searches:clear-recent',
  saveSearch: 'searches:save',
  openSavedSearch: 'searches:open-saved',
  renameSavedSearch: 'searches:rename-saved',
  deleteSavedSearch: 'searches:delete-saved'
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
  /** Annotations of these briefings were added, changed or removed. */
  notesChanged: { briefingIds: BriefingId[] }
  /** A briefing-reader:// link was opened (second instance, macOS open-url, the command line). */
  openLink: DeepLink
  /** An import's progress: walking, file n of m, indexing, done or cancelled. */
  importProgress: ImportProgress
  /** An import ended (from the dialog or dropped files): what it did. */
  importFinished: ImportReport
  /** Briefings were added, updated or deleted (none listed: the archive folder changed): the library lists them again. */
  libraryChanged: { briefingIds: BriefingId[] }
  /** The window's back or forward command (Windows' mouse buttons and keys: Electron's app-command). */
  navigate: { direction: 'back' | 'forward' }
}
export type ApiEvent = keyof ApiEvents

export const EVENT_CHANNELS = {
  indexProgress: 'event:index-progress',
  notesChanged: 'event:notes-changed',
  openLink: 'event:open-link',
  importProgress: 'event:import-progress',
  importFinished: 'event:import-finished',
  libraryChanged: 'event:library-changed',
  navigate: 'event:navigate'
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
