/**
 * Listing the archive through the catalogue (catalog.ts): a briefing whose JSON has the size and mtime the
 * catalogue recorded is listed from its cached summary; the others are read (and re-parsed when stale or
 * damaged, or when only their source is there), summarised and recorded; the catalogue is saved when
 * anything changed. A briefing that cannot be read is left out with a warning; only a folder that cannot be
 * listed at all is an error.
 */
import { statSync } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import type { Stats } from 'node:fs'
import { extname, join } from 'node:path'
import { summarizeBriefing, type BriefingSummary } from '../model/briefing.ts'
import { PARSER_VERSION } from '../parser/parse-briefing.ts'
import { briefingPath, errorText, isSafeId, type ArchiveFolder } from './archive-folder.ts'
import { parseTempName } from './write-atomic.ts'
import { CATALOG_FILE, catalogJson, readCatalog, type CatalogEntry } from './catalog.ts'
import { loadBriefing } from './stored-briefing.ts'
import { TEMP_MARK, writeAtomic } from './write-atomic.ts'

/** The store's catalogue in memory: listing through it, and recording what the store itself just wrote. */
export interface Catalogue {
  /** Every readable briefing, newest first (the store's `list()`). */
  list(): Promise<BriefingSummary[]>
  /**
   * Records the summary of a briefing whose JSON this process has just written (call it holding the archive,
   * right after the write), with the size and mtime of the JSON as written (`file`): the next listing takes the summary
   * from here instead of reading the file back (a large briefing's JSON is tens of MB), and saves the
   * catalogue. A file changed afterwards no longer matches its size and mtime and is read, as any other.
   */
  record(id: string, summary: BriefingSummary, file: Stats): void
}

/** Makes the store's catalogue: the file is read on the first listing and kept in memory. */
export function openCatalogue(folder: ArchiveFolder): Catalogue {
  let catalog: Map<string, CatalogEntry> | undefined
  // recorded before the first listing read the file: applied over what it holds
  const recorded = new Map<string, CatalogEntry>()
  let dirty = false
  return {
    async list() {
      await folder.ready
      const ids = await storedIds(folder)
      if (!catalog) {
        const read = await readCatalog(folder.dir, PARSER_VERSION)
        if (read.damaged) folder.warn(CATALOG_FILE, `${read.damaged}; rebuilt from the briefings`)
        catalog = read.entries
      }
      for (const [id, entry] of recorded) catalog.set(id, entry)
      recorded.clear()
      const { summaries, changed } = await summarize(folder, catalog, ids)
      if (forgetRemoved(catalog, ids) || changed || dirty) {
        dirty = false
        await saveCatalog(folder, catalog)
      }
      return summaries.sort(newestFirst)
    },
    record(id, summary, file) {
      const entry = { mtimeMs: file.mtimeMs, size: file.size, summary }
      if (catalog) catalog.set(id, entry)
      else recorded.set(id, entry)
      dirty = true
    }
  }
}

/**
 * Ids of the stored briefings: every `briefings/<id>.json` and every `sources/<id><ext>` (a source whose JSON
 * is missing is re-parsed when listed); temp files and unsafe names left out.
 * @throws Error naming the folder when one cannot be read.
 */
async function storedIds(folder: ArchiveFolder): Promise<string[]> {
  const names = async (dir: string, sub: string): Promise<string[]> => {
    try {
      return (await readdir(dir)).filter((n) => !n.includes(TEMP_MARK) && !parseTempName(n))
    } catch (error) {
      throw new Error(`archive ${folder.dir}: cannot list ${sub}/ (${errorText(error)})`, { cause: error })
    }
  }
  const ids = new Set<string>()
  for (const n of await names(folder.briefingsDir, 'briefings')) if (n.endsWith('.json')) ids.add(n.slice(0, -'.json'.length))
  for (const n of await names(folder.sourcesDir, 'sources')) if (extname(n)) ids.add(n.slice(0, -extname(n).length))
  return [...ids].filter(isSafeId).sort()
}

const statOf = (path: string): Promise<Stats | undefined> => stat(path).then((st) => st, () => undefined)

/** How many files statAll checks between two turns of the event loop (about 1 ms). */
const STAT_CHUNK = 256

/**
 * The stats of `paths` (undefined: missing or unreadable), checked synchronously a chunk at a time with a turn
 * of the event loop between chunks: 2,600 briefings in 7–10 ms where one promise a file took 20–43 ms (the
 * library's first listing waits for this; issue 10, 13), and main's other work (the app's files, IPC) is
 * answered between chunks.
 */
export async function statAll(paths: readonly string[]): Promise<(Stats | undefined)[]> {
  const stats: (Stats | undefined)[] = []
  for (let from = 0; from < paths.length; from += STAT_CHUNK) {
    if (from > 0) await new Promise((resolve) => setImmediate(resolve))
    for (const path of paths.slice(from, from + STAT_CHUNK)) {
      try {
        stats.push(statSync(path, { throwIfNoEntry: false }))
      } catch {
        stats.push(undefined)
      }
    }
  }
  return stats
}

/**
 * The summary of each readable briefing: from the catalogue when its JSON is unchanged, else read,
 * summarised and recorded in `catalog`; `changed` when anything was recorded.
 */
async function summarize(
  folder: ArchiveFolder,
  catalog: Map<string, CatalogEntry>,
  ids: string[]
): Promise<{ summaries: BriefingSummary[]; changed: boolean }> {
  const infos = await statAll(ids.map((id) => briefingPath(folder, id)))
  const summaries: BriefingSummary[] = []
  let changed = false
  for (const [k, id] of ids.entries()) {
    const st = infos[k]
    const entry = catalog.get(id)
    if (st?.isFile() && entry && entry.mtimeMs === st.mtimeMs && entry.size === st.size) {
      summaries.push(entry.summary)
      continue
    }
    let briefing
    try {
      briefing = await loadBriefing(folder, id)
    } catch (error) {
      folder.warn(`briefings/${id}.json`, `not listed (${errorText(error)})`)
      continue
    }
    if (!briefing) continue
    const summary = summarizeBriefing(briefing)
    summaries.push(summary)
    // loadBriefing may have rewritten the file (re-parse): stat again before caching
    const now = await statOf(briefingPath(folder, id))
    if (now) catalog.set(id, { mtimeMs: now.mtimeMs, size: now.size, summary })
    changed = true
  }
  return { summaries, changed }
}

/** Drops catalogue entries of briefings no longer stored; true when there were any. */
function forgetRemoved(catalog: Map<string, CatalogEntry>, ids: string[]): boolean {
  let changed = false
  const present = new Set(ids)
  for (const id of [...catalog.keys()]) {
    if (!present.has(id)) {
      catalog.delete(id)
      changed = true
    }
  }
  return changed
}

/** Saves the catalogue; a failure is a warning (the next start reads every briefing). */
async function saveCatalog(folder: ArchiveFolder, catalog: Map<string, CatalogEntry>): Promise<void> {
  const text = catalogJson(catalog, PARSER_VERSION)
  await folder.serial(() => writeAtomic(join(folder.dir, CATALOG_FILE), text)).catch((error: unknown) => {
    folder.warn(CATALOG_FILE, `not saved (${errorText(error)}); the next start reads every briefing`)
  })
}

function newestFirst(a: BriefingSummary, b: BriefingSummary): number {
  return a.published === b.published ? a.id.localeCompare(b.id) : a.published < b.published ? 1 : -1
}
