/**
 * The archive folder on disk (see archive-folder.ts for its layout). Every write goes to a temp file in the
 * same folder, is fsynced and renamed over the target (write-atomic.ts), so a crash leaves the old file or
 * the new one, never half of one; stray temp files are swept when the store opens.
 *
 * The steps live in their own modules: preparing the folder (archive-folder.ts), importing a file
 * (import-briefing.ts), reading, re-parsing and removing a stored briefing (stored-briefing.ts) and listing
 * through the catalogue (list-briefings.ts).
 */
import type { Briefing, BriefingId, BriefingSummary } from '../model/briefing.ts'
import { PARSER_VERSION } from '../parser/parse-briefing.ts'
import { isSafeId, openFolder } from './archive-folder.ts'
import { importBytes, importFile } from './import-briefing.ts'
import { catalogueLister } from './list-briefings.ts'
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
  /** Warnings collected since the store opened, oldest first. */
  warnings(): StoreWarning[]
}

/** Options for {@link openArchiveStore}. */
export interface ArchiveStoreOptions {
  /** Called for each warning as it happens (for logging). */
  onWarning?: (warning: StoreWarning) => void
}

/**
 * Opens (creating when needed) the archive folder at `dir`, an absolute path.
 * The folder is prepared in the background; every method waits for it.
 */
export function openArchiveStore(dir: string, options: ArchiveStoreOptions = {}): ArchiveStore {
  const folder = openFolder(dir, options.onWarning)
  return {
    dir,
    importFile: (path) => importFile(folder, path),
    importBytes: (fileName, bytes) => importBytes(folder, fileName, bytes),
    list: catalogueLister(folder),
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
