/**
 * Recent and saved searches in `<userData>/searches.json` (electron-store), checked with zod
 * ({@link searchesDataSchema}) when read and before every write.
 *
 * A file that cannot be read (invalid JSON, or JSON the schema rejects) is never cleared: it is moved aside to
 * `searches.corrupt-<timestamp>.json`, the error is logged, `recovered` says so (the renderer shows it), and an
 * empty list is started. As settings-store does.
 */
import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import Store from 'electron-store'
import {
  EMPTY_SEARCHES,
  memorySearchesBackend,
  searchesDataSchema,
  type SearchesBackend,
  type SearchesData
} from './searches-service.ts'

const FILE_NAME = 'searches'

export interface SearchesStoreOptions {
  /** Receives recovery messages; `console.error` by default. */
  log?: (message: string, error?: unknown) => void
  /** The clock used for the quarantine file name. */
  now?: () => Date
}

/** Opens the file and checks it; throws when it cannot be read or does not pass the schema. */
function openChecked(cwd: string): { store: Store<SearchesData>; data: SearchesData } {
  const store = new Store<SearchesData>({
    cwd,
    name: FILE_NAME,
    defaults: structuredClone(EMPTY_SEARCHES),
    clearInvalidConfig: false,
    watch: false
  })
  const checked = searchesDataSchema.safeParse(store.store)
  if (!checked.success) {
    const first = checked.error.issues[0]
    throw new Error(`not a searches file: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid'}`)
  }
  return { store, data: checked.data }
}

/**
 * Opens the searches file in `cwd` (an absolute folder path), setting it aside first when it is damaged.
 *
 * @remarks Under plain Node (tests, the e2e bridge) set `ELECTRON_OVERRIDE_DIST_PATH` before this module is
 * imported, since electron-store imports `electron`.
 */
export function createSearchesStore(cwd: string, options: SearchesStoreOptions = {}): SearchesBackend {
  const log = options.log ?? ((message: string, error?: unknown) => console.error(message, error ?? ''))
  const now = options.now ?? (() => new Date())
  const path = join(cwd, `${FILE_NAME}.json`)
  let opened: ReturnType<typeof openChecked>
  let recovered: SearchesBackend['recovered']
  try {
    opened = openChecked(cwd)
  } catch (error) {
    if (!existsSync(path)) {
      log(`searches: cannot create ${path}; recent and saved searches will not be kept`, error)
      return memorySearchesBackend(path)
    }
    const stamp = now().toISOString().replace(/[:.]/g, '-')
    const badFile = join(cwd, `${FILE_NAME}.corrupt-${stamp}.json`)
    try {
      renameSync(path, badFile)
      log(`searches: ${path} could not be read; moved to ${badFile} and starting empty`, error)
      recovered = { reason: error instanceof Error ? error.message : String(error), badFile }
      opened = openChecked(cwd)
    } catch (second) {
      log(`searches: ${path} could not be read or moved aside; searches will not be kept`, second)
      return memorySearchesBackend(path)
    }
  }
  const { store } = opened
  let data = opened.data
  return {
    path: store.path,
    ...(recovered ? { recovered } : {}),
    read: () => structuredClone(data),
    write(next) {
      const checked = searchesDataSchema.parse(next)
      store.store = checked
      data = structuredClone(checked)
    }
  }
}
