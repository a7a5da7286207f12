/**
 * The archive folder's layout and what every step of the store shares: the folder's paths, the warnings
 * log, the queue that runs mutations one at a time, and the preparation of the folder when it opens.
 *
 * Layout: `<dir>/archive.json` (manifest `{ format: 1 }`), `<dir>/sources/<id><ext>` (the imported bytes as
 * they were), `<dir>/briefings/<id>.json` (the parsed briefing plus `parserVersion`) and `<dir>/catalog.json`
 * (see catalog.ts).
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { extname, join } from 'node:path'
import type { StoreWarning } from './archive-store.ts'
import { TEMP_MARK, writeAtomic } from './write-atomic.ts'

/** The manifest format this code reads and writes. */
export const ARCHIVE_FORMAT = 1

const SAFE_ID = /^[a-z0-9][a-z0-9-]{0,127}$/

/** True for an id that is safe as a file name (and so the only kind the store reads or writes). */
export function isSafeId(id: string): boolean {
  return SAFE_ID.test(id)
}

/** An open archive folder, handed to each step of the store. */
export interface ArchiveFolder {
  readonly dir: string
  readonly sourcesDir: string
  readonly briefingsDir: string
  /** Settles when the folder is prepared; rejects when it cannot be (every public method waits for it). */
  readonly ready: Promise<void>
  /** Records a warning and passes it to the `onWarning` callback. */
  warn(file: string, message: string): void
  /** Warnings recorded since the folder opened, oldest first. */
  warnings(): StoreWarning[]
  /** Runs mutations one at a time, so two imports of one id cannot interleave. */
  serial<T>(task: () => Promise<T>): Promise<T>
}

/** Opens the folder at `dir` and starts preparing it in the background (see {@link prepareFolder}). */
export function openFolder(dir: string, onWarning?: (warning: StoreWarning) => void): ArchiveFolder {
  const collected: StoreWarning[] = []
  let queue: Promise<unknown> = Promise.resolve()
  const folder: Omit<ArchiveFolder, 'ready'> = {
    dir,
    sourcesDir: join(dir, 'sources'),
    briefingsDir: join(dir, 'briefings'),
    warn(file, message) {
      const warning = { file, message }
      collected.push(warning)
      onWarning?.(warning)
    },
    warnings: () => [...collected],
    serial(task) {
      const run = queue.then(task, task)
      queue = run.catch(() => undefined)
      return run
    }
  }
  const ready = prepareFolder(folder)
  ready.catch(() => undefined) // reported by the first method that waits for it
  return { ...folder, ready }
}

/** Creates the subfolders, sweeps stray temp files and checks (or writes) the manifest. */
async function prepareFolder(folder: Omit<ArchiveFolder, 'ready'>): Promise<void> {
  await mkdir(folder.sourcesDir, { recursive: true })
  await mkdir(folder.briefingsDir, { recursive: true })
  await Promise.all([sweepTemp(folder.dir), sweepTemp(folder.sourcesDir), sweepTemp(folder.briefingsDir)])
  await checkManifest(folder)
}

/** Removes the temp files a crashed write left behind. */
async function sweepTemp(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.includes(TEMP_MARK)) await rm(join(dir, name), { force: true, recursive: true })
  }
}

/** Refuses a folder written by a newer format; writes the manifest when it is missing or unreadable. */
async function checkManifest(folder: Omit<ArchiveFolder, 'ready'>): Promise<void> {
  const manifestPath = join(folder.dir, 'archive.json')
  let manifest: unknown
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      folder.warn('archive.json', `unreadable manifest rewritten (${errorText(error)})`)
    }
  }
  const format = (manifest as { format?: unknown } | undefined)?.format
  if (typeof format === 'number' && format > ARCHIVE_FORMAT) {
    throw new Error(`archive: ${folder.dir} has format ${format}; this version reads format ${ARCHIVE_FORMAT}`)
  }
  if (format !== ARCHIVE_FORMAT) {
    await writeAtomic(manifestPath, `${JSON.stringify({ format: ARCHIVE_FORMAT }, null, 2)}\n`)
  }
}

/** Path of a briefing's stored JSON. */
export function briefingPath(folder: ArchiveFolder, id: string): string {
  return join(folder.briefingsDir, `${id}.json`)
}

/** Names of the stored source files of `id` (normally one, `<id><ext>`), temp files excluded. */
export async function sourceNames(folder: ArchiveFolder, id: string): Promise<string[]> {
  return (await readdir(folder.sourcesDir)).filter(
    (n) => !n.includes(TEMP_MARK) && n.slice(0, n.length - extname(n).length) === id
  )
}

/** A file-system error as a short reason for a user (`file not found`, `permission denied` …). */
export function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  if (e?.code === 'ENOENT') return 'file not found'
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied'
  if (e?.code === 'EISDIR') return 'is a folder, not a file'
  return error instanceof Error ? error.message : String(error)
}
