/**
 * The archive folder's layout and what every step of the store shares: the folder's paths, the warnings
 * log, the queue that runs mutations one at a time (in this process, and across processes through the
 * archive's lock), and the preparation of the folder when it opens.
 *
 * Layout: `<dir>/archive.json` (the marker: `{ "format": 1 }`), `<dir>/sources/<id><ext>` (the imported bytes as
 * they were), `<dir>/briefings/<id>.json` (the parsed briefing plus `parserVersion` and a checksum),
 * `<dir>/catalog.json` (see catalog.ts), `<dir>/index/` (see archive-search.ts) and, while a process writes,
 * `<dir>/archive.lock/` (see archive-lock.ts).
 *
 * Ownership: the store writes, rewrites and deletes only those names and its own temp files
 * (`.<name>.tmp-<pid>-<host>-<random>`, swept only when their process is gone). A folder without the marker
 * is made an archive only when it is absent, empty, or holds nothing but the archive's own names (a marker
 * lost or damaged in an archive): any other content makes it refused, untouched, with a message that says so.
 */
import { parseSourceBytes } from '../import/parse-source.ts'
import type { SourceParser } from '../import/worker-parser.ts'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import type { StoreWarning } from './archive-store.ts'
import { LOCK_NAME, withArchiveLock } from './archive-lock.ts'
import { parseTempName, sweepDeadTemps, TEMP_MARK, writeAtomic } from './write-atomic.ts'

/** The manifest format this code reads and writes. */
export const ARCHIVE_FORMAT = 1
/** The archive's marker file. */
export const MARKER_FILE = 'archive.json'

const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,127}$/
const SAFE_SOURCE = /^[a-z0-9][a-z0-9-]{0,127}\.[a-z0-9]{1,8}$/

/** The names the store itself puts at the top of an archive folder. */
const OWNED_TOP = new Set([MARKER_FILE, 'sources', 'briefings', 'index', 'catalog.json', LOCK_NAME])

/** True for an id that is safe as a file name (and so the only kind the store reads or writes). */
export function isSafeId(id: string): boolean {
  return SAFE_ID.test(id)
}

/** An open archive folder, handed to each step of the store. */
export interface ArchiveFolder {
  readonly dir: string
  readonly sourcesDir: string
  readonly briefingsDir: string
  readonly indexDir: string
  /** Settles when the folder is prepared; rejects when it cannot be (every public method waits for it). */
  readonly ready: Promise<void>
  /** Records a warning and passes it to the `onWarning` callback. */
  warn(file: string, message: string): void
  /** Warnings recorded since the folder opened, oldest first. */
  warnings(): StoreWarning[]
  /**
   * Runs a mutation holding the archive: one at a time in this process, and holding the archive's lock so no
   * other process writes meanwhile (a second writer waits; see archive-lock.ts).
   */
  serial<T>(task: () => Promise<T>): Promise<T>
  /** Turns a source file's bytes into a briefing (archive/import: in this thread, or a worker's). */
  readonly parse: SourceParser
}

/** Options of {@link openFolder}. */
export interface FolderOptions {
  onWarning?: (warning: StoreWarning) => void
  /** The parser of source files (default: parseSourceBytes in this thread; the app gives a worker's). */
  parse?: SourceParser
  /** How long a writer waits for another process's lock (archive-lock.ts's default when absent). */
  lockWaitMs?: number
}

/** Opens the folder at `dir` and starts preparing it in the background (see {@link prepareFolder}). */
export function openFolder(dir: string, options: FolderOptions = {}): ArchiveFolder {
  const collected: StoreWarning[] = []
  const seen = new Set<string>()
  let queue: Promise<unknown> = Promise.resolve()
  const folder: Omit<ArchiveFolder, 'ready'> = {
    dir,
    sourcesDir: join(dir, 'sources'),
    briefingsDir: join(dir, 'briefings'),
    indexDir: join(dir, 'index'),
    parse: options.parse ?? parseSourceBytes,
    warn(file, message) {
      // the same damage found again (a read-only archive is repaired in memory at every listing) is told once
      const key = `${file}\n${message}`
      if (seen.has(key)) return
      seen.add(key)
      const warning = { file, message }
      collected.push(warning)
      options.onWarning?.(warning)
    },
    warnings: () => [...collected],
    serial<T>(task: () => Promise<T>): Promise<T> {
      const locked = (): Promise<T> =>
        withArchiveLock(dir, task, {
          waitMs: options.lockWaitMs,
          onCompromised: (error) => folder.warn(LOCK_NAME, `the archive's lock was lost (${error.message})`)
        })
      const run = queue.then(locked, locked)
      queue = run.catch(() => undefined)
      return run
    }
  }
  const ready = prepareFolder(folder)
  ready.catch(() => undefined) // reported by the first method that waits for it
  return { ...folder, ready }
}

/** What `archive.json` holds. */
type Marker =
  | { state: 'ok'; format: number }
  | { state: 'missing' }
  | { state: 'folder' }
  | { state: 'bad'; reason: string }

async function readMarker(dir: string): Promise<Marker> {
  let text: string
  try {
    text = await readFile(join(dir, MARKER_FILE), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { state: 'missing' }
    if (code === 'EISDIR') return { state: 'folder' }
    return { state: 'bad', reason: `unreadable (${errorText(error)})` }
  }
  return markerOf(text)
}

function markerOf(text: string): Marker {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { state: 'bad', reason: text.length === 0 ? 'empty' : 'not JSON' }
  }
  const format = (value as { format?: unknown } | null)?.format
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof format !== 'number' || !Number.isInteger(format) || format < 1) {
    return { state: 'bad', reason: 'not an archive marker' }
  }
  return { state: 'ok', format }
}

/** Names at the top of `dir` that the store did not put there (and so will not touch). */
async function foreignEntries(dir: string): Promise<string[]> {
  const foreign: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const name = entry.name
    const temp = parseTempName(name)
    if (temp && OWNED_TOP.has(temp.target)) continue
    if (!OWNED_TOP.has(name)) {
      foreign.push(entry.isDirectory() ? `${name}/` : name)
      continue
    }
    // the store's own subfolders hold only the names it writes
    if (name === 'index') {
      if (!entry.isDirectory()) {
        foreign.push(name)
        continue
      }
      for (const inner of await readdir(join(dir, name))) {
        if (inner !== 'manifest.json' && !/^\d{4}-[0-9a-f]{16}\.(idx|txt)$/.test(inner) && !parseTempName(inner)) foreign.push(`index/${inner}`)
      }
    }
    if (name === 'sources' || name === 'briefings') {
      if (!entry.isDirectory()) {
        foreign.push(name)
        continue
      }
      const pattern = name === 'sources' ? SAFE_SOURCE : /^[a-z0-9][a-z0-9-]{0,127}\.json$/
      for (const inner of await readdir(join(dir, name))) {
        if (!pattern.test(inner) && !parseTempName(inner)) foreign.push(`${name}/${inner}`)
      }
    }
  }
  return foreign
}

/**
 * Checks the folder is an archive of a format this code reads, or makes it one when that destroys nothing
 * (absent, empty, or only the archive's own names with a lost or damaged marker: the marker is rewritten and
 * that is reported); creates the subfolders; sweeps the temp files of writers that are gone.
 * @throws Error naming the folder and why it is refused.
 */
async function prepareFolder(folder: Omit<ArchiveFolder, 'ready'>): Promise<void> {
  const { dir } = folder
  try {
    const info = await stat(dir)
    if (!info.isDirectory()) throw new Error(`archive ${dir}: not a folder`)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw asArchiveError(dir, error)
  }
  const marker = await readMarker(dir).catch((): Marker => ({ state: 'missing' }))
  if (marker.state === 'ok' && marker.format > ARCHIVE_FORMAT) {
    throw new Error(`archive: ${dir} has format ${marker.format}; this version reads format ${ARCHIVE_FORMAT}`)
  }
  if (marker.state === 'folder') {
    throw new Error(`archive ${dir}: ${MARKER_FILE} is a folder, not the archive's marker file; move it out of the way`)
  }
  if (marker.state !== 'ok') {
    await refuseForeign(dir, marker)
    await folder.serial(async () => {
      const now = await readMarker(dir) // another process may have written it meanwhile
      if (now.state === 'ok') return
      await refuseForeign(dir, now)
      const hadContent = (await readdir(dir)).some((n) => n !== LOCK_NAME)
      await writeAtomic(join(dir, MARKER_FILE), `${JSON.stringify({ format: ARCHIVE_FORMAT }, null, 2)}\n`)
      if (hadContent) {
        const why = now.state === 'missing' ? 'missing' : now.state === 'bad' ? now.reason : 'a folder'
        folder.warn(MARKER_FILE, `archive marker ${why}; rewritten (the folder holds only the archive's own files)`)
      }
    }).catch((error: unknown) => {
      throw asArchiveError(dir, error)
    })
  }
  for (const sub of [folder.sourcesDir, folder.briefingsDir]) {
    try {
      const info = await stat(sub)
      if (!info.isDirectory()) throw new Error(`archive ${dir}: ${sub.slice(dir.length + 1)} is not a folder`)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw asArchiveError(dir, error)
      await mkdir(sub, { recursive: true }).catch((e: unknown) => {
        throw asArchiveError(dir, e)
      })
    }
  }
  await Promise.all([dir, folder.sourcesDir, folder.briefingsDir, folder.indexDir].map(sweepDeadTemps))
}

/** Refuses a folder without a good marker that holds anything the store did not put there. */
async function refuseForeign(dir: string, marker: Marker): Promise<void> {
  let foreign: string[]
  try {
    foreign = await foreignEntries(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw asArchiveError(dir, error)
  }
  if (foreign.length === 0) return
  const why = marker.state === 'missing' ? `no ${MARKER_FILE}` : marker.state === 'bad' ? `${MARKER_FILE} is ${marker.reason}` : `${MARKER_FILE} is a folder`
  const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : '')
  throw new Error(
    `archive ${dir}: not a Briefing Reader archive (${why}) and it holds other files (${shown}); ` +
      'nothing was changed: choose an empty folder or an existing archive'
  )
}

/** An error while opening the folder, as `archive <dir>: <reason>`. */
function asArchiveError(dir: string, error: unknown): Error {
  if (error instanceof Error && (error.message.startsWith('archive ') || error.name === 'ArchiveLockedError')) return error
  return new Error(`archive ${dir}: ${errorText(error)}`)
}

/**
 * Whether `dir` is an archive folder (of any format): it holds the marker `archive.json` as a file that
 * parses as one, or (a marker lost or damaged) both `sources/` and `briefings/` folders beside an
 * `archive.json`, `catalog.json` or `index/`. A folder walk that imports files skips such folders.
 */
export async function isArchiveFolder(dir: string): Promise<boolean> {
  const marker = await readMarker(dir).catch((): Marker => ({ state: 'missing' }))
  if (marker.state === 'ok') return true
  const isDir = (name: string): Promise<boolean> => stat(join(dir, name)).then((s) => s.isDirectory(), () => false)
  const exists = (name: string): Promise<boolean> => stat(join(dir, name)).then(() => true, () => false)
  return (
    (await isDir('sources')) && (await isDir('briefings')) &&
    ((await exists(MARKER_FILE)) || (await exists('catalog.json')) || (await isDir('index')))
  )
}

/** {@link isArchiveFolder}, synchronously. */
export function isArchiveFolderSync(dir: string): boolean {
  try {
    if (markerOf(readFileSync(join(dir, MARKER_FILE), 'utf8')).state === 'ok') return true
  } catch {
    /* below */
  }
  const isDir = (name: string): boolean => {
    try {
      return statSync(join(dir, name)).isDirectory()
    } catch {
      return false
    }
  }
  return isDir('sources') && isDir('briefings') && (existsSync(join(dir, MARKER_FILE)) || existsSync(join(dir, 'catalog.json')) || isDir('index'))
}

/** Path of a briefing's stored JSON. */
export function briefingPath(folder: ArchiveFolder, id: string): string {
  return join(folder.briefingsDir, `${id}.json`)
}

/** Names of the stored source files of `id` (normally one, `<id><ext>`), temp files excluded. */
export async function sourceNames(folder: ArchiveFolder, id: string): Promise<string[]> {
  return (await readdir(folder.sourcesDir)).filter(
    (n) => !n.includes(TEMP_MARK) && SAFE_SOURCE.test(n) && n.slice(0, n.length - extname(n).length) === id
  )
}

/** A file-system error as a short reason for a user (`file not found`, `permission denied` …). */
export function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  if (e?.code === 'ENOENT') return 'file not found'
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied'
  if (e?.code === 'EISDIR') return 'is a folder, not a file'
  if (e?.code === 'ENOTDIR') return 'a part of the path is a file, not a folder'
  if (e?.code === 'EROFS') return 'read-only file system'
  if (e?.code === 'ENOSPC') return 'no space left on the disk'
  if (e?.code === 'ELOOP') return 'too many symbolic links (a link loop)'
  if (e?.code === 'ENOTEMPTY') return 'folder not empty'
  return error instanceof Error ? error.message.replace(/^E[A-Z]+: /, '') : String(error)
}
