/**
 * The archive the app has open, and changing it at run time: an archive session is one folder's store and
 * its search service (index in worker threads). The API, notes and import services reach the current one
 * through `current()`, so a switch replaces it for all of them at once, without a restart.
 *
 * A switch opens the new folder first and changes nothing until the store says the folder is usable: an
 * absent or empty folder is made an archive, an existing archive is opened (its index loaded, rebuilt only
 * where stale), a folder with other files and no `archive.json` is refused with the archive's own one-line
 * reason and the current archive stays open and answering. A switch is refused while an import runs or waits
 * (it writes into the current archive; the message says to wait or cancel), checked before the dialog opens
 * and again at the moment of the swap. Then the chosen folder is saved in the settings (the default one as
 * "none chosen"), `libraryChanged` and the new index's `indexProgress` are pushed, and the old session is
 * closed: its builds abandoned, its workers ended, its shards closed. Events of a session that is no longer
 * current are dropped, so an old index never speaks for the new one.
 *
 * No Electron import: the test bridge uses it as is; the folder dialog comes in as a function.
 */
import { existsSync } from 'node:fs'
import type { SourceParser } from '../../../archive/import/worker-parser.ts'
import { resolve } from 'node:path'
import { openArchiveStore } from '../../../archive/storage/index.ts'
import type { ArchiveStore, StoreWarning } from '../../../archive/storage/index.ts'
import type { ArchiveSearch } from '../../../archive/storage/archive-search.ts'
import type { ArchiveApi } from '../../shared/ipc-contract.ts'
import type { EventHub } from './events.ts'
import { createSearchService, type SearchService } from './search-service.ts'
import type { SettingsBackend } from './settings-store.ts'

/** One open archive folder: its store and its search index. */
export interface ArchiveSession {
  /** The folder, absolute. */
  readonly dir: string
  readonly store: ArchiveStore
  readonly searchService: SearchService
  /** The search service's index (`searchService.search`). */
  readonly search: ArchiveSearch
}

export type ArchiveFolderApi = Pick<ArchiveApi, 'chooseArchiveFolder' | 'useDefaultArchiveFolder'>

export interface ArchiveSessions {
  /** The session every service uses now. */
  current(): ArchiveSession
  /** Whether the current folder is the default one. */
  isDefault(): boolean
  /** The default folder (`<userData>/archive`, or BRIEFING_READER_ARCHIVE). */
  readonly defaultDir: string
  /**
   * Opens `dir` and makes it current (see the module comment); resolves with the new session once the old one
   * is closed. Switches run one after the other.
   * @throws Error with the archive's reason when the folder is refused, or when an import runs (nothing changed).
   */
  switchTo(dir: string): Promise<ArchiveSession>
  /** chooseArchiveFolder and useDefaultArchiveFolder, for the API service. */
  api: ArchiveFolderApi
  /** Closes the current session (the app quits, a test ends). */
  close(): Promise<void>
}

export interface ArchiveSessionsDeps {
  /** The folder used when none is chosen. */
  defaultDir: string
  /** Where the chosen folder is remembered. */
  settings: Pick<SettingsBackend, 'getArchiveDir' | 'setArchiveDir'>
  /** Where `indexProgress` and `libraryChanged` go (only the current session's). */
  events?: EventHub
  /** The index worker script (the app's bundled one; the TypeScript source by default). */
  workerUrl?: URL
  /** The source-file parser every archive opened uses (the app's: a worker thread, createWorkerParser). */
  parse?: SourceParser
  onWarning?: (warning: StoreWarning) => void
  /** True while an import runs or waits: a switch is refused then. */
  importing?: () => boolean
  /** Told after each switch, before the events: the notes service forgets what it read from the old archive. */
  onSwitched?: (session: ArchiveSession) => void
  /**
   * Called with the first session's store before its index is built, when it is the default folder (the
   * first run's sample briefings go in there).
   */
  prepareDefault?: (store: ArchiveStore) => Promise<unknown>
  /** Main's folder dialog (open a folder, may create one); null when cancelled. */
  chooseFolder: () => Promise<string | null>
}

/** The reason a switch is refused while an import runs. */
export const IMPORT_RUNNING =
  'an import is running: wait for it to finish or cancel it, then change the archive folder (nothing was changed)'

/**
 * Opens the archive chosen in the settings (or the default one) and returns the sessions. A chosen folder that
 * is not there at start (a shared folder not connected) is not created: the session's store says so for
 * every call, the search index reports it as its error, and Settings can choose another folder.
 */
export async function openArchiveSessions(deps: ArchiveSessionsDeps): Promise<ArchiveSessions> {
  const defaultDir = resolve(deps.defaultDir)
  const saved = deps.settings.getArchiveDir()
  const chosen = saved === undefined ? undefined : resolve(saved)
  const openStore = (dir: string): ArchiveStore =>
    openArchiveStore(dir, { onWarning: deps.onWarning, ...(deps.parse ? { parse: deps.parse } : {}) })

  let current: ArchiveSession | undefined
  /** Each session speaks only while it is the current one. */
  const sessionOn = (dir: string, store: ArchiveStore): ArchiveSession => {
    const session = { dir, store } as { -readonly [K in keyof ArchiveSession]: ArchiveSession[K] }
    const events: Pick<EventHub, 'emit'> = {
      emit: (event, payload) => {
        if (session === current) deps.events?.emit(event, payload)
      }
    }
    session.searchService = createSearchService(store, { workerUrl: deps.workerUrl, events })
    session.search = session.searchService.search
    return session
  }

  let initialStore: ArchiveStore
  const initialDir = chosen ?? defaultDir
  if (chosen !== undefined && chosen !== defaultDir && !existsSync(chosen)) {
    initialStore = unavailableStore(
      chosen,
      `archive ${chosen}: folder not found (a shared folder not connected?); connect it and restart, or choose another folder in Settings`
    )
  } else {
    initialStore = openStore(initialDir)
    if (initialDir === defaultDir) await deps.prepareDefault?.(initialStore)
  }
  // The first session is current before its index starts, so its first events are told.
  current = sessionOn(initialDir, initialStore)

  let queue: Promise<unknown> = Promise.resolve()
  const refuseWhileImporting = (): void => {
    if (deps.importing?.()) throw new Error(IMPORT_RUNNING)
  }

  async function doSwitch(target: string): Promise<ArchiveSession> {
    const dir = resolve(target)
    refuseWhileImporting()
    const old = current!
    const remember = (): void => deps.settings.setArchiveDir(dir === defaultDir ? undefined : dir)
    if (dir === old.dir && (await old.store.ready.then(() => true, () => false))) {
      remember()
      return old
    }
    const store = openStore(dir)
    try {
      await store.ready
    } catch (error) {
      // the archive's own one-line reason (the folder named, what is in it, nothing changed)
      throw new Error(error instanceof Error ? error.message : String(error), { cause: error })
    }
    // an import may have started while the folder was opened
    refuseWhileImporting()
    const session = sessionOn(dir, store)
    current = session
    remember()
    deps.onSwitched?.(session)
    deps.events?.emit('libraryChanged', { briefingIds: [] })
    deps.events?.emit('indexProgress', session.searchService.search.progress())
    await old.searchService.close()
    return session
  }

  const switchTo = (dir: string): Promise<ArchiveSession> => {
    const run = queue.then(() => doSwitch(dir))
    queue = run.catch(() => undefined)
    return run
  }

  return {
    defaultDir,
    current: () => current!,
    isDefault: () => current!.dir === defaultDir,
    switchTo,
    api: {
      async chooseArchiveFolder() {
        refuseWhileImporting() // before the dialog, so nobody picks a folder for nothing
        const dir = await deps.chooseFolder()
        if (!dir) return null
        return { archiveDir: (await switchTo(dir)).dir }
      },
      async useDefaultArchiveFolder() {
        return { archiveDir: (await switchTo(defaultDir)).dir }
      }
    },
    close: () => current!.searchService.close()
  }
}

/** A store for a folder that cannot be opened: every call fails with `reason`, nothing is written. */
function unavailableStore(dir: string, reason: string): ArchiveStore {
  const fail = (): Promise<never> => Promise.reject(new Error(reason))
  const ready = fail()
  ready.catch(() => undefined) // reported by whoever waits for it
  return {
    dir,
    ready,
    importFile: async (file) => ({ status: 'failed', file, error: reason }),
    importBytes: async (file) => ({ status: 'failed', file, error: reason }),
    list: fail,
    get: fail,
    remove: fail,
    warnings: () => [],
    warn: () => undefined,
    serial: fail
  }
}
