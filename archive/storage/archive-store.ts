/**
 * The archive folder on disk: the one module in archive/ that does file I/O (node:fs only).
 *
 * Layout: `<dir>/archive.json` (manifest `{ format: 1 }`), `<dir>/sources/<id><ext>` (the imported bytes as
 * they were) and `<dir>/briefings/<id>.json` (the parsed briefing plus `parserVersion`). Every write goes to a
 * temp file in the same folder, is fsynced and renamed over the target, so a crash leaves the old file or the
 * new one, never half of one; stray temp files are swept when the store opens.
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { allItems, summarizeBriefing } from '../model/briefing.ts'
import type { Briefing, BriefingId, BriefingSummary } from '../model/briefing.ts'
import { PARSER_VERSION, parseBriefing } from '../parser/parse-briefing.ts'
import { decodeText } from './decode-text.ts'
import { fsyncDir, TEMP_MARK, writeAtomic } from './write-atomic.ts'
import { CATALOG_FILE, catalogJson, readCatalog, type CatalogEntry } from './catalog.ts'

export { PARSER_VERSION }

/** The manifest format this code reads and writes. */
export const ARCHIVE_FORMAT = 1
/** Files larger than this are refused at import (a weekly briefing is ~35 KB). */
export const MAX_SOURCE_BYTES = 20 * 1024 * 1024

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

const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,127}$/
const SAFE_EXT = /^\.[a-z0-9]{1,8}$/
type StoredBriefing = Briefing & { parserVersion: number | string }
type Stored =
  | { state: 'missing' }
  | { state: 'bad'; reason: string }
  | { state: 'ok'; briefing: Briefing; parserVersion: number | string }

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  if (e?.code === 'ENOENT') return 'file not found'
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied'
  if (e?.code === 'EISDIR') return 'is a folder, not a file'
  return error instanceof Error ? error.message : String(error)
}

/** True when `value` has the shape of a stored briefing for `id` (a cheap structural check). */
function isStoredBriefing(value: unknown, id: string): value is StoredBriefing {
  const v = value as Partial<StoredBriefing> | null
  return (
    typeof v === 'object' && v !== null && v.id === id && typeof v.published === 'string' &&
    typeof v.series === 'string' && typeof v.publisher === 'string' &&
    typeof v.sourceHash === 'string' && Array.isArray(v.sections) && Array.isArray(v.summary) &&
    Array.isArray(v.contents) && Array.isArray(v.warnings) &&
    v.sections.every((s) => typeof s === 'object' && s !== null && Array.isArray(s.items))
  )
}

async function sweepTemp(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.includes(TEMP_MARK)) await rm(join(dir, name), { force: true, recursive: true })
  }
}

/**
 * Opens (creating when needed) the archive folder at `dir`, an absolute path.
 * The folder is prepared in the background; every method waits for it.
 */
export function openArchiveStore(dir: string, options: ArchiveStoreOptions = {}): ArchiveStore {
  const sourcesDir = join(dir, 'sources')
  const briefingsDir = join(dir, 'briefings')
  const collected: StoreWarning[] = []
  let queue: Promise<unknown> = Promise.resolve()

  const warn = (file: string, message: string): void => {
    const warning = { file, message }
    collected.push(warning)
    options.onWarning?.(warning)
  }

  /** Runs mutations one at a time, so two imports of one id cannot interleave. */
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task)
    queue = run.catch(() => undefined)
    return run
  }

  const init = async (): Promise<void> => {
    await mkdir(sourcesDir, { recursive: true })
    await mkdir(briefingsDir, { recursive: true })
    await Promise.all([sweepTemp(dir), sweepTemp(sourcesDir), sweepTemp(briefingsDir)])
    const manifestPath = join(dir, 'archive.json')
    let manifest: unknown
    try {
      manifest = JSON.parse(await readFile(manifestPath, 'utf8'))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        warn('archive.json', `unreadable manifest rewritten (${errorText(error)})`)
      }
    }
    const format = (manifest as { format?: unknown } | undefined)?.format
    if (typeof format === 'number' && format > ARCHIVE_FORMAT) {
      throw new Error(`archive: ${dir} has format ${format}; this version reads format ${ARCHIVE_FORMAT}`)
    }
    if (format !== ARCHIVE_FORMAT) {
      await writeAtomic(manifestPath, `${JSON.stringify({ format: ARCHIVE_FORMAT }, null, 2)}\n`)
    }
  }
  const ready = init()
  ready.catch(() => undefined) // reported by the first method that waits for it

  /** The library catalogue (see catalog.ts), read on the first listing. */
  let catalog: Map<string, CatalogEntry> | undefined

  const sourceNames = async (id: string): Promise<string[]> =>
    (await readdir(sourcesDir)).filter((n) => !n.includes(TEMP_MARK) && n.slice(0, n.length - extname(n).length) === id)

  const writeBriefing = async (briefing: Briefing): Promise<void> => {
    const stored: StoredBriefing = { parserVersion: PARSER_VERSION, ...briefing }
    await writeAtomic(join(briefingsDir, `${briefing.id}.json`), JSON.stringify(stored))
  }

  /** Re-parses a briefing from its stored source and rewrites its JSON; null when that is impossible. */
  const recover = (id: string, reason: string): Promise<Briefing | null> =>
    serial(async () => {
      // Another call may have repaired or replaced the file while this one waited for its turn.
      const now = await readStored(id)
      if (now.state === 'ok' && now.parserVersion === PARSER_VERSION) return now.briefing
      const [name] = await sourceNames(id)
      if (!name) {
        warn(`briefings/${id}.json`, `${reason}; skipped (no source to re-parse)`)
        return null
      }
      const bytes = await readFile(join(sourcesDir, name))
      const decoded = decodeText(bytes, name)
      const sourceHash = createHash('sha256').update(bytes).digest('hex')
      const parsed = decoded.ok ? parseBriefing(decoded.text, { fileName: name, sourceHash }) : decoded
      if (!parsed.ok || parsed.briefing.id !== id) {
        const why = parsed.ok ? `it now parses as ${parsed.briefing.id}` : parsed.error
        warn(`briefings/${id}.json`, `${reason}; re-parsing sources/${name} failed: ${why}`)
        return null
      }
      await writeBriefing(parsed.briefing)
      warn(`briefings/${id}.json`, `${reason}; re-parsed from sources/${name}`)
      return parsed.briefing
    })

  /** Reads a stored briefing as it is on disk, without recovery. */
  const readStored = async (id: string): Promise<Stored> => {
    let text: string
    try {
      text = await readFile(join(briefingsDir, `${id}.json`), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' }
      return { state: 'bad', reason: `unreadable (${errorText(error)})` }
    }
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return { state: 'bad', reason: 'corrupt JSON' }
    }
    if (!isStoredBriefing(value, id)) return { state: 'bad', reason: 'not a briefing' }
    const { parserVersion, ...briefing } = value
    return { state: 'ok', briefing, parserVersion }
  }

  /** Reads a stored briefing, re-parsing it from its source when the JSON is corrupt or stale. */
  const load = async (id: string): Promise<Briefing | null> => {
    const stored = await readStored(id)
    if (stored.state === 'missing') return null
    if (stored.state === 'bad') return recover(id, stored.reason)
    if (stored.parserVersion !== PARSER_VERSION && (await sourceNames(id)).length > 0) {
      return (await recover(id, `parsed by parser version ${stored.parserVersion}`)) ?? stored.briefing
    }
    return stored.briefing
  }

  const importBytes = async (fileName: string, bytes: Uint8Array): Promise<ImportOutcome> => {
    const file = basename(fileName)
    const failed = (error: string): ImportOutcome => ({ status: 'failed', file, error })
    try {
      await ready
      if (bytes.length > MAX_SOURCE_BYTES) {
        return failed(`${file}: too large (${bytes.length} bytes; the limit is ${MAX_SOURCE_BYTES})`)
      }
      const decoded = decodeText(bytes, file)
      if (!decoded.ok) return failed(decoded.error)
      const sourceHash = createHash('sha256').update(bytes).digest('hex')
      const parsed = parseBriefing(decoded.text, { fileName: file, sourceHash })
      if (!parsed.ok) return failed(parsed.error.includes(file) ? parsed.error : `${file}: ${parsed.error}`)
      const briefing = parsed.briefing
      const id = briefing.id
      if (!SAFE_ID.test(id)) return failed(`${file}: parsed to an unusable id ${JSON.stringify(id)}`)
      const lowered = extname(file).toLowerCase()
      const ext = SAFE_EXT.test(lowered) ? lowered : '.txt'
      const items = allItems(briefing).length
      return await serial(async () => {
        const stored = await readStored(id)
        const oldSources = await sourceNames(id)
        if (
          stored.state === 'ok' && stored.briefing.sourceHash === sourceHash &&
          stored.parserVersion === PARSER_VERSION && oldSources.includes(`${id}${ext}`)
        ) {
          return { status: 'unchanged', file, briefingId: id, items } as const
        }
        // Source first: a crash before the JSON is written leaves the old JSON, and re-importing repairs it.
        await writeAtomic(join(sourcesDir, `${id}${ext}`), bytes)
        for (const old of oldSources) if (old !== `${id}${ext}`) await rm(join(sourcesDir, old), { force: true })
        await writeBriefing(briefing)
        const status = stored.state !== 'missing' || oldSources.length > 0 ? 'updated' : 'imported'
        return { status, file, briefingId: id, items } as const
      })
    } catch (error) {
      return failed(`${file}: ${errorText(error)}`)
    }
  }

  return {
    dir,
    importBytes,
    async importFile(path) {
      const file = basename(path)
      try {
        await ready
        const info = await stat(path)
        if (!info.isFile()) return { status: 'failed', file, error: `${file}: not a regular file` }
        if (info.size > MAX_SOURCE_BYTES) {
          return { status: 'failed', file, error: `${file}: too large (${info.size} bytes; the limit is ${MAX_SOURCE_BYTES})` }
        }
        return await importBytes(file, await readFile(path))
      } catch (error) {
        return { status: 'failed', file, error: `${file}: ${errorText(error)}` }
      }
    },
    async list() {
      await ready
      const ids = (await readdir(briefingsDir))
        .filter((n) => n.endsWith('.json') && !n.includes(TEMP_MARK))
        .map((n) => n.slice(0, -'.json'.length))
        .filter((id) => SAFE_ID.test(id))
      catalog ??= await readCatalog(dir, PARSER_VERSION)
      const known = catalog
      let changed = false
      const infos = await Promise.all(
        ids.map((id) => stat(join(briefingsDir, `${id}.json`)).then((st) => st, () => undefined))
      )
      const summaries: BriefingSummary[] = []
      for (const [k, id] of ids.entries()) {
        const st = infos[k]
        const entry = known.get(id)
        if (st && entry && entry.mtimeMs === st.mtimeMs && entry.size === st.size) {
          summaries.push(entry.summary)
          continue
        }
        const briefing = await load(id)
        if (!briefing) continue
        const summary = summarizeBriefing(briefing)
        summaries.push(summary)
        // load() may have rewritten the file (re-parse): stat again before caching
        const now = await stat(join(briefingsDir, `${id}.json`)).then((x) => x, () => undefined)
        if (now) known.set(id, { mtimeMs: now.mtimeMs, size: now.size, summary })
        changed = true
      }
      for (const id of [...known.keys()]) {
        if (!ids.includes(id)) {
          known.delete(id)
          changed = true
        }
      }
      if (changed) {
        await writeAtomic(join(dir, CATALOG_FILE), catalogJson(known, PARSER_VERSION)).catch((error: unknown) => {
          warn(CATALOG_FILE, `not saved (${errorText(error)}); the next start reads every briefing`)
        })
      }
      return summaries.sort((a, b) =>
        a.published === b.published ? a.id.localeCompare(b.id) : a.published < b.published ? 1 : -1
      )
    },
    async get(id) {
      await ready
      return SAFE_ID.test(id) ? load(id) : null
    },
    async remove(id) {
      await ready
      if (!SAFE_ID.test(id)) return false
      return serial(async () => {
        const names = await sourceNames(id)
        // Source first: a crash in between leaves a listed briefing the user can remove again.
        for (const name of names) await rm(join(sourcesDir, name), { force: true })
        const json = join(briefingsDir, `${id}.json`)
        const existed = await stat(json).then(() => true, () => false)
        await rm(json, { force: true })
        await fsyncDir(sourcesDir)
        await fsyncDir(briefingsDir)
        return existed || names.length > 0
      })
    },
    warnings: () => [...collected]
  }
}
