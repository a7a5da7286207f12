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
import type { ImportApi } from './import-service.ts'
import type { NotesApi } from './notes-service.ts'
import type { SettingsBackend } from './settings-store.ts'

/** What {@link createApiService} needs; `openExternal` launches the system browser (`shell.openExternal`). */
export interface ApiServiceDeps {
  store: ArchiveStore
  settings: SettingsBackend
  openExternal: (url: string) => Promise<void>
  appInfo: AppInfo
  /** The archive's search index; the service that owns it keeps it up to date. */
  search: ArchiveSearch
  /** Bookmarks, highlights, notes and their export (notes-service.ts). */
  notes: NotesApi
  /** Import from the dialog, cancel, delete a briefing (import-service.ts); absent where nothing may be imported. */
  imports?: ImportApi
  /** The items the search filters is:bookmarked, is:annotated, tag: and color: keep (notes-service.ts). */
  noteSets: () => SearchNoteSets
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
  const { store, settings, appInfo } = deps
  return {
    listBriefings: async () => store.list(),
    getBriefing: async ({ id }) => store.get(id),
    async openExternal({ url }) {
      if (!isExternalWebUrl(url)) return { opened: false }
      await deps.openExternal(new URL(url).href)
      return { opened: true }
    },
    getSettings: async () => settings.getSettings(),
    updateSettings: async (patch) => settings.updateSettings(patch),
    getAppInfo: async () => ({ ...appInfo }),
    search: async ({ query, filters, limit, offset }) =>
      rejectInvalid(query, filters) ?? deps.search.search(query, { filters, limit, offset, ...deps.noteSets() }),
    findInBriefing: async ({ briefingId, query }) => deps.search.findInBriefing(briefingId, query),
    indexStatus: async () => deps.search.progress(),
    archiveWarnings: async () => {
      const error = deps.search.failure()
      return error === undefined ? { warnings: deps.search.warnings() } : { warnings: deps.search.warnings(), error }
    },
    ...deps.notes,
    ...(deps.imports ?? NO_IMPORTS)
  } satisfies ArchiveApi
}

/** Where the service is built without an import service: each import method says so. */
const NO_IMPORTS: ImportApi = {
  importFiles: async () => Promise.reject(new Error('importing is not available here')),
  cancelImport: async () => ({ cancelling: false }),
  deleteBriefing: async () => Promise.reject(new Error('deleting is not available here'))
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
  return { total: 0, hits: [], facets, filters, tookMs: 0, errors }
}
