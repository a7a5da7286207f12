/**
 * The archive folder on disk (see archive-folder.ts for its layout and what the store owns). Every write goes
 * to a temp file in the same folder, is fsynced and renamed over the target (write-atomic.ts), so a crash
 * leaves the old file or the new one, never half of one; the temp files of writers that are gone are swept
 * when the store opens. Writes hold the archive's lock (archive-lock.ts): one writer at a time across
 * processes. Every stored file is verified when read; a damaged one is rebuilt from the sources and reported.
 *
 * The steps live in their own modules: preparing the folder (archive-folder.ts), importing a file
 * (import-briefing.ts), reading, re-parsing and removing a stored briefing (stored-briefing.ts) and listing
 * through the catalogue (list-briefings.ts).
 */
import type { Briefing, BriefingId, BriefingSummary } from '../model/briefing.ts'
import { PARSER_VERSION } from '../parser/parse-briefing.ts'
import type { SourceParser } from '../import/worker-parser.ts'
import { isSafeId, openFolder } from './archive-folder.ts'
import { importBytes, importFile } from './import-briefing.ts'
import { openCatalogue } from './list-briefings.ts'
import { loadBriefing, removeBriefing } from './stored-briefing.ts'

export { PARSER_VERSION }
export { ARCHIVE_FORMAT } from './archive-folder.ts'
export { MAX_SOURCE_BYTES } from './import-briefing.ts'

/** The result of importing one file; `error` names the file and the reason. */
export type ImportOutcome =
  | { status: 'imported' | 'updated' | 'unchanged'; file: string; briefingId: BriefingId; items: number }
  | { status: 'failed'; file: string; error: string }

/** Something the store noticed and worked around (a corrupt file, a recovered briefing). */
export interface StoreWarning {
  /** Path of the file concerned, relative to the archive folder. */
  file: string
  message: string
}

/** The archive folder. Methods never leave a half-written file behind. */
export interface ArchiveStore {
  readonly dir: string
  /** Reads, decodes, parses and stores one file. Never rejects. */
  importFile(path: string): Promise<ImportOutcome>
  /** Decodes, parses and stores bytes read elsewhere. Never rejects. */
  importBytes(fileName: string, bytes: Uint8Array): Promise<ImportOutcome>
  /** Every readable briefing, newest first; unreadable ones are skipped and reported in {@link warnings}. */
  list(): Promise<BriefingSummary[]>
  /** One briefing, or null when the id is unknown, malformed or unreadable. */
  get(id: BriefingId): Promise<Briefing | null>
  /** Deletes a briefing and its source; false when there was none. */
  remove(id: BriefingId): Promise<boolean>
  /** Warnings collected since the store opened, oldest first (the search index adds its own, see warn). */
  warnings(): StoreWarning[]
  /** Settles when the folder is open; rejects, naming the folder and why, when it is refused. */
  readonly ready: Promise<void>
  /** Records a warning about a file of the archive (the search index reports its repairs here). */
  warn(file: string, message: string): void
  /** Runs a write holding the archive (one at a time in this process, and the archive's lock). */
  serial<T>(task: () => Promise<T>): Promise<T>
}

/** Options for {@link openArchiveStore}. */
export interface ArchiveStoreOptions {
  /**
   * Called for each warning as it happens. Without it, each warning is written to stderr as
   * `archive: <file>: <message>` (the command line), so no repair goes untold.
   */
  onWarning?: (warning: StoreWarning) => void
  /** How long a write waits for another process holding the archive (default 30 s). */
  lockWaitMs?: number
  /** The parser of source files (default: in this thread; the app passes a worker's, createWorkerParser). */
  parse?: SourceParser
}

const toStderr = (warning: StoreWarning): void => {
  process.stderr.write(`archive: ${warning.file}: ${warning.message}\n`)
}

/**
 * Opens (creating when needed) the archive folder at `dir`, an absolute path.
 * The folder is prepared in the background; every method waits for it.
 */
export function openArchiveStore(dir: string, options: ArchiveStoreOptions = {}): ArchiveStore {
  const folder = openFolder(dir, {
    onWarning: options.onWarning ?? toStderr,
    lockWaitMs: options.lockWaitMs,
    ...(options.parse ? { parse: options.parse } : {})
  })
  const catalogue = openCatalogue(folder)
  return {
    dir,
    ready: folder.ready,
    warn: (file, message) => folder.warn(file, message),
    serial: (task) => folder.serial(task),
    importFile: (path) => importFile(folder, path, catalogue),
    importBytes: (fileName, bytes) => importBytes(folder, fileName, bytes, catalogue),
    list: () => catalogue.list(),
    async get(id) {
      await folder.ready
      return isSafeId(id) ? loadBriefing(folder, id) : null
    },
    async remove(id) {
      await folder.ready
      return isSafeId(id) ? removeBriefing(folder, id) : false
    },
    warnings: () => folder.warnings()
  }
}
