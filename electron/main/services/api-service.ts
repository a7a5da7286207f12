/**
 * The main-process implementation of {@link ArchiveApi}: thin glue over the archive store and the settings.
 * Inputs arrive validated by `dispatch`; security checks that matter (the URL scheme) are repeated here.
 */
import type { ArchiveStore } from '../../../archive/storage/index.ts'
import type { ArchiveSearch } from '../../../archive/storage/archive-search.ts'
import { parseQuery } from '../../../archive/search/parse-query.ts'
import type { SearchResponse } from '../../../archive/search/results.ts'
import type { AppInfo, ArchiveApi } from '../../shared/ipc-contract.ts'
import { isExternalWebUrl } from '../../shared/external-url.ts'
import type { ArchiveFolderApi } from './archive-session.ts'
import type { ImportApi } from './import-service.ts'
import type { NotesApi } from './notes-service.ts'
import type { SettingsBackend } from './settings-store.ts'
import { createSearchesService, memorySearchesBackend, type SearchesBackend } from './searches-service.ts'

/** The open archive as the API uses it: the folder, its store and its search index. */
export interface OpenArchive {
  readonly dir: string
  readonly store: ArchiveStore
  readonly search: Pick<ArchiveSearch, 'search' | 'findInBriefing' | 'progress' | 'failure' | 'warnings'>
}

/** What {@link createApiService} needs; `openExternal` launches the system browser (`shell.openExternal`). */
export interface ApiServiceDeps {
  /**
   * The archive open now (archive-session.ts): asked at every call, so a change of the archive folder reaches
   * every method at once.
   */
  archive: () => OpenArchive
  settings: SettingsBackend
  openExternal: (url: string) => Promise<void>
  /** The app's version and userData folder (the archive folder comes from `archive` and `archiveFolder`). */
  appInfo: Pick<AppInfo, 'version' | 'userDataDir'>
  /** Bookmarks, highlights, notes and their export (notes-service.ts). */
  notes: NotesApi
  /** Import from the dialog, cancel, delete a briefing (import-service.ts); absent where nothing may be imported. */
  imports?: ImportApi
  /** Choosing the archive folder (archive-session.ts); absent where the folder cannot change. */
  archiveFolder?: ArchiveFolderApi & { isDefault(): boolean }
  /** The items the search filters is:bookmarked, is:annotated, tag: and color: keep (notes-service.ts). */
  noteSets: () => SearchNoteSets
  /** Recent and saved searches (searches-store.ts); absent: kept in memory only. */
  searches?: SearchesBackend
  /** Zooms the whole window (Electron's setZoomFactor); absent where the page zooms itself (the test bridge). */
  windowZoom?: (factor: number) => void
}

export interface SearchNoteSets {
  bookmarked: ReadonlySet<string>
  annotated: ReadonlySet<string>
  tags: ReadonlyMap<string, ReadonlySet<string>>
  colors: ReadonlyMap<string, ReadonlySet<string>>
}

/**
 * Builds the API the renderer talks to.
 *
 * @remarks `openExternal` opens only absolute `http:`/`https:` URLs without credentials, passing the
 * normalised `URL.href` to the opener; anything else returns `{ opened: false }` without calling it.
 */
export function createApiService(deps: ApiServiceDeps): ArchiveApi {
  const { settings, appInfo } = deps
  const search = (): OpenArchive['search'] => deps.archive().search
  const searches = createSearchesService({
    store: deps.searches ?? memorySearchesBackend(),
    // Every item matching a search now; nothing while the index is not ready (a partial answer would count
    // items as new, or mark as seen, that are not) or when a typed filter cannot be used.
    matching: ({ query, filters }) => {
      const index = search()
      if (index.progress().state !== 'ready' || parseQuery(query).errors.length > 0) return undefined
      const hits = index.search(query, { filters, limit: 1_000_000, snippets: false, ...deps.noteSets() }).hits
      return new Set(hits.map((h) => h.itemId))
    }
  })
  return {
    listBriefings: async () => deps.archive().store.list(),
    getBriefing: async ({ id }) => deps.archive().store.get(id),
    async openExternal({ url }) {
      if (!isExternalWebUrl(url)) return { opened: false }
      await deps.openExternal(new URL(url).href)
      return { opened: true }
    },
    getSettings: async () => settings.getSettings(),
    async updateSettings(patch) {
      const saved = settings.updateSettings(patch)
      if (patch.zoom !== undefined) deps.windowZoom?.(saved.zoom)
      return saved
    },
    getAppInfo: async () => ({
      version: appInfo.version,
      archiveDir: deps.archive().dir,
      archiveIsDefault: deps.archiveFolder?.isDefault() ?? true,
      userDataDir: appInfo.userDataDir,
      windowZoom: deps.windowZoom !== undefined
    }),
    search: async ({ query, filters, sort, limit, offset, groupOffset, groupLimit }) =>
      rejectInvalid(query, filters) ??
      search().search(query, { filters, sort, limit, offset, groupOffset, groupLimit, ...deps.noteSets() }),
    findInBriefing: async ({ briefingId, query }) => search().findInBriefing(briefingId, query),
    indexStatus: async () => search().progress(),
    archiveWarnings: async () => {
      const index = search()
      const error = index.failure()
      return error === undefined ? { warnings: index.warnings() } : { warnings: index.warnings(), error }
    },
    ...deps.notes,
    ...searches,
    ...(deps.imports ?? NO_IMPORTS),
    chooseArchiveFolder: async (input) => (deps.archiveFolder ?? FIXED_FOLDER).chooseArchiveFolder(input),
    useDefaultArchiveFolder: async (input) => (deps.archiveFolder ?? FIXED_FOLDER).useDefaultArchiveFolder(input),
    getReadingPlace: async ({ briefingId }) => settings.getReadingPlace(briefingId) ?? null,
    async saveReadingPlace(place) {
      settings.setReadingPlace(place)
      return { saved: true }
    }
  } satisfies ArchiveApi
}

/** Where the service is built without an import service: each import method says so. */
const NO_IMPORTS: ImportApi = {
  importFiles: async () => Promise.reject(new Error('importing is not available here')),
  cancelImport: async () => ({ cancelling: false }),
  deleteBriefing: async () => Promise.reject(new Error('deleting is not available here'))
}

/** Where the archive folder cannot change: each method says so. */
const FIXED_FOLDER: ArchiveFolderApi = {
  chooseArchiveFolder: async () => Promise.reject(new Error('the archive folder cannot be changed here')),
  useDefaultArchiveFolder: async () => Promise.reject(new Error('the archive folder cannot be changed here'))
}

/**
 * The answer to a query with a filter that cannot be applied (`published:abc`): no hits and the errors, so
 * the search says what to fix instead of answering as if the filter were not there. Undefined when the
 * query is valid.
 */
function rejectInvalid(query: string, filters: SearchResponse['filters'] = {}): SearchResponse | undefined {
  const { errors } = parseQuery(query)
  if (errors.length === 0) return undefined
  const facets = { section: {}, category: {}, region: {}, briefing: {}, year: {} }
  return { total: 0, briefings: 0, hits: [], facets, filters, tookMs: 0, errors }
}
