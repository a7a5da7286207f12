import type { NotesApi } from '../../electron/main/services/notes-service.ts'
import type { ArchiveApi } from '../../electron/shared/ipc-contract.ts'

const NOTES_METHODS = [
  'queryNotes', 'placeHighlights', 'createHighlight', 'addItemNote', 'toggleBookmark', 'updateAnnotation',
  'deleteAnnotation', 'restoreAnnotation', 'listTrash', 'notesInfo', 'setColorMeanings', 'exportMarkdown',
  'saveMarkdown', 'reanchorReport', 'saveAnnotations', 'importAnnotations', 'exportDigest', 'saveDigest', 'copyText'
] as const satisfies ReadonlyArray<keyof NotesApi>

/** Notes methods for API fakes of tests about something else: each rejects if called. */
export function unusedNotesApi(): NotesApi {
  return Object.fromEntries(
    NOTES_METHODS.map((m) => [m, async () => Promise.reject(new Error(`${m} is not used in this test`))])
  ) as unknown as NotesApi
}

/** Import methods for API fakes of tests about something else: each rejects if called. */
export function unusedImportApi(): Pick<ArchiveApi, 'importFiles' | 'cancelImport' | 'deleteBriefing'> {
  const unused = (m: string) => async () => Promise.reject(new Error(`${m} is not used in this test`))
  return { importFiles: unused('importFiles'), cancelImport: unused('cancelImport'), deleteBriefing: unused('deleteBriefing') }
}

/** Archive-folder methods for API fakes of tests about something else: each rejects if called. */
export function unusedArchiveFolderApi(): Pick<ArchiveApi, 'chooseArchiveFolder' | 'useDefaultArchiveFolder'> {
  const unused = (m: string) => async () => Promise.reject(new Error(`${m} is not used in this test`))
  return { chooseArchiveFolder: unused('chooseArchiveFolder'), useDefaultArchiveFolder: unused('useDefaultArchiveFolder') }
}

/** Reading-place methods for API fakes of tests about something else: each rejects if called. */
export function unusedReadingPlaceApi(): Pick<ArchiveApi, 'getReadingPlace' | 'saveReadingPlace'> {
  const unused = (m: string) => async () => Promise.reject(new Error(`${m} is not used in this test`))
  return { getReadingPlace: unused('getReadingPlace'), saveReadingPlace: unused('saveReadingPlace') }
}

type SearchesMethod =
  | 'listSearches'
  | 'recordSearch'
  | 'removeRecentSearch'
  | 'clearRecentSearches'
  | 'saveSearch'
  | 'openSavedSearch'
  | 'renameSavedSearch'
  | 'deleteSavedSearch'

/** The recent and saved searches' methods, for tests that do not use them. */
export function unusedSearchesApi(): Pick<ArchiveApi, SearchesMethod> {
  const unused = (m: string) => async () => Promise.reject(new Error(`${m} is not used in this test`))
  const methods: SearchesMethod[] = ['listSearches', 'recordSearch', 'removeRecentSearch', 'clearRecentSearches', 'saveSearch', 'openSavedSearch', 'renameSavedSearch', 'deleteSavedSearch']
  return Object.fromEntries(methods.map((m) => [m, unused(m)])) as unknown as Pick<ArchiveApi, SearchesMethod>
}
