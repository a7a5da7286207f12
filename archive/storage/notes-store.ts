/**
 * The notes store on disk: `<userData>/notes.json`, one per user, written only by the process that holds
 * its lock (the app's main process; the command line when the app is closed). It is opened through an
 * electron-store or conf instance made by the caller with the options of store-schema.ts (conf writes
 * atomically: temp file, fsync, rename), and kept in memory. Every change is one fsynced line appended to
 * the journal beside it (`notes.json.journal`, notes-journal.ts) before the call returns; the journal is folded
 * into `notes.json` through conf's `store` setter, which also checks the whole store against the JSON schema,
 * when the store has been idle CHECKPOINT_IDLE_MS, when the journal passes CHECKPOINT_BYTES, and when the
 * store closes. At open the journal is replayed on top of the file; conf itself is opened at the first
 * checkpoint (its constructor re-reads and re-validates the file: ~300 ms at 10,000 annotations, kept out of
 * the app's start).
 *
 * Never loses a note:
 * - a file that does not parse or fails the schema (after migration) is never overwritten: it is set aside
 *   byte-identical as `notes.json.corrupt-<time>`, the newest backup that parses and passes the schema is
 *   restored, and `recovered` says what happened and where the bad file is (a file from a newer app is not
 *   damaged: opening it fails and it is left alone);
 * - before a migration, the file as it was goes to `<dir>/backups/notes-<YYYY-MM-DD>-before-format-<n>.json`;
 *   once a day (at open, and at the first save of a new day), the store goes to
 *   `<dir>/backups/notes-<YYYY-MM-DD>.json`; a backup is written atomically, only from data that parsed and
 *   passed the schema, and read back to check it; the newest seven backup files are kept;
 * - deletes go to a trash kept TRASH_DAYS (30) days, purged when a writer opens the store;
 * - temp files a writer killed mid-write left (`notes.json.tmp-…`) are swept when a writer opens the store;
 * - a journal line a crash cut short (never acknowledged) is dropped; a damaged journal is set aside
 *   byte-identical as `notes.json.journal.corrupt-<time>` after its good lines are applied, and `recovered`
 *   says so.
 *
 * The lock is proper-lockfile's `notes.json.lock` (refreshed every 5 s, stale after 15 s) with the writer's
 * pid and host in `notes.json.lock-owner`, so the lock of a writer that was killed is taken over at once.
 *
 * Dates in backup names are local dates; `<time>` in a set-aside name is UTC (`2026-12-01T21-30-00-000Z`).
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { hostname } from 'node:os'
import { basename, dirname, extname, join, resolve } from 'node:path'
import lockfile from 'proper-lockfile'
import {
  annotationSchema,
  colorMeaningsSchema,
  emptyNotes,
  NOTES_FORMAT,
  TRASH_DAYS,
  type Annotation,
  type AnnotationKind,
  type Color,
  type NotesData,
  type TrashEntry
} from '../notes/model.ts'
import { issueLine, NotesFileError } from '../notes/notes-file-error.ts'
import { formatOf, migrateNotes, NOTES_CONFIG_NAME, notesStoreOptions, type NotesConfOptions } from '../notes/store-schema.ts'
import {
  applyOps,
  checkpointLine,
  journalFile,
  journalLine,
  openJournalWriter,
  readJournal,
  type JournalOp,
  type JournalRead,
  type JournalWriter
} from './notes-journal.ts'
import { TEMP_MARK, writeAtomic } from './write-atomic.ts'

/** Backup files kept in `<dir>/backups/` (daily and before-migration ones together). */
export const BACKUPS_KEPT = 7
/** A lock not refreshed for this long belongs to a process that died. */
const LOCK_STALE_MS = 15_000
/** The journal is folded into the store file once no change came for this long… */
export const CHECKPOINT_IDLE_MS = 20_000
/** …or at once when it holds this many bytes. */
export const CHECKPOINT_BYTES = 2_000_000

/** What electron-store and conf both are, as far as this module needs. */
export interface ConfLike {
  store: unknown
  readonly path: string
}
export type OpenConf = (options: NotesConfOptions) => ConfLike

export interface NotesStoreOptions {
  /** `(o) => new ElectronStore(o)` in the app, `(o) => new Conf(o)` in the command line and the tests. */
  open: OpenConf
  /** Read only: no lock, no backup, no migration written, every change refused; conf is not opened. */
  readOnly?: boolean
  /** Take the lock (default true). `false` only for a caller that ensures it is the one writer itself. */
  lock?: boolean
  now?: () => Date
  /** Told when the lock could not be kept (the folder vanished): the store keeps working. */
  onLockLost?: (error: Error) => void
  /** Told about a backup that could not be written or checked (`console.error` by default). */
  onWarning?: (message: string) => void
}

export interface RecoveryNotice {
  reason: string
  /** Where the damaged file was set aside. */
  badFile: string
  /** The backup restored, if there was a good one (otherwise the store starts empty). */
  backup?: string
}

export type ImportOutcome = 'imported' | 'updated' | 'unchanged'

/** What {@link NotesStore.list} can narrow to. */
export interface NotesFilter {
  briefingId?: string
  itemId?: string
  kind?: AnnotationKind
}

export interface NotesStore {
  /** Absolute path of the store file. */
  readonly file: string
  readonly readOnly: boolean
  readonly recovered?: RecoveryNotice
  /** The annotations (frozen), in the order they were added. */
  list(filter?: NotesFilter): readonly Annotation[]
  get(id: string): Annotation | undefined
  /** Adds a new annotation; throws when it does not pass the schema or its id is taken. */
  add(annotation: Annotation): Annotation
  /** Merges `patch` (bumps `modified`) and returns the result; throws when it does not pass the schema. */
  update(id: string, patch: Partial<Annotation>): Annotation
  /** Moves an annotation to the trash. */
  remove(id: string): TrashEntry
  /** Brings it back from the trash (undo). */
  restore(id: string): Annotation
  trash(): readonly TrashEntry[]
  /** Drops trash entries deleted more than `days` ago; returns how many. */
  purgeTrash(days?: number): number
  colorMeanings(): Record<Color, string>
  setColorMeanings(meanings: Record<Color, string>): void
  /**
   * Replaces annotations by id as given (re-anchoring after a re-import: `modified` is not touched); ids not
   * in the store are ignored. One write.
   */
  rewrite(annotations: readonly Annotation[]): void
  /**
   * Idempotent by id, one write: a new id is `imported`; a known one with a later `modified` replaces it
   * (`updated`, brought back from the trash if it was there); the same or an older one leaves it
   * (`unchanged`, a deleted one stays deleted). Throws, changing nothing, when one does not pass the schema.
   */
  importAnnotations(annotations: readonly Annotation[]): ImportOutcome[]
  /** Folds the journal into the store file now (through conf). Throws when conf cannot write it; the journal keeps every change. */
  checkpoint(): void
  /** Folds the journal in, waits for a backup in progress and releases the lock; later changes throw. */
  close(): Promise<void>
}

export class NotesStoreLockedError extends Error {
  constructor(file: string) {
    super(`notes store ${file} is open in Briefing Reader; close the app to write to it`)
    this.name = 'NotesStoreLockedError'
  }
}

const pad = (n: number): string => String(n).padStart(2, '0')
/** The local date, `YYYY-MM-DD`. */
export const localDay = (date: Date): string => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
const stamp = (date: Date): string => date.toISOString().replace(/[:.]/g, '-')
/** How conf writes the file (its default `serialize`); our own writes of the store use the same. */
const serialize = (data: NotesData): string => JSON.stringify(data, undefined, '\t')

type Read = { ok: true; data: NotesData; from: number } | { ok: false; reason: string; newer: boolean }

/** Parses and validates store bytes: the (migrated) data, or why not. */
export function readStoreBytes(bytes: Uint8Array): Read {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty', newer: false }
  if (bytes.every((b) => b === 0)) return { ok: false, reason: 'the file is all zero bytes', newer: false }
  let raw: unknown
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(bytes))
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message.split('\n')[0]})`, newer: false }
  }
  try {
    return { ok: true, ...migrateNotes(raw) }
  } catch (error) {
    const newer = error instanceof NotesFileError && error.code === 'newer'
    return { ok: false, reason: (error as Error).message, newer }
  }
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

/**
 * Store bytes a checkpoint wrote (their hash is the one its journal line recorded): conf checked that data
 * against the JSON schema before writing it, so only its parse and its format are checked here. Anything
 * else about them goes through {@link readStoreBytes}.
 */
function readCheckpointedBytes(bytes: Uint8Array): Read {
  try {
    const raw: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(bytes))
    if (formatOf(raw) === NOTES_FORMAT) return { ok: true, data: raw as NotesData, from: NOTES_FORMAT }
  } catch {
    /* checked in full below */
  }
  return readStoreBytes(bytes)
}

/** Where a store's backups go and what they are called. */
export interface BackupPlace {
  dir: string
  /** The store's file name without extension (`notes`): backups are `<prefix>-<YYYY-MM-DD>….json`. */
  prefix: string
}

const backupPattern = (prefix: string): RegExp =>
  new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d{4}-\\d{2}-\\d{2}(-before-format-\\d+)?\\.json$`)

/** Backup file names, newest first: by date, and on one day the daily one before the before-migration one. */
function sortBackups(names: string[]): string[] {
  return names.sort().reverse()
}

/** Where the backups of the store file `file` go: `<folder>/backups/<name>-….json`. */
export function backupPlace(file: string): BackupPlace {
  return { dir: join(dirname(file), 'backups'), prefix: basename(file, extname(file)) }
}

/** Backups present for a store (its file, or the folder holding notes.json), newest first (absolute paths). */
export function listNotesBackups(storePath: string): string[] {
  const place = backupPlace(notesStoreFile(storePath))
  try {
    const pattern = backupPattern(place.prefix)
    return sortBackups(readdirSync(place.dir).filter((n) => pattern.test(n))).map((n) => join(place.dir, n))
  } catch {
    return []
  }
}

async function backupNames(place: BackupPlace): Promise<string[]> {
  try {
    const pattern = backupPattern(place.prefix)
    return sortBackups((await readdir(place.dir)).filter((n) => pattern.test(n)))
  } catch {
    return []
  }
}

/**
 * Writes `bytes` as backup `name` when they parse and pass the schema, reads the file back to check it
 * holds exactly them, then keeps the newest BACKUPS_KEPT. Throws (leaving no bad backup) otherwise.
 * `valid`: the bytes are the serialisation of the store's own data, which passed the schema when it was read
 * or changed (zod, and conf's Ajv on every save), so they are not parsed and checked again (at 10,000
 * annotations that is ~140 ms of the first open of a day); the read-back still checks the file holds them.
 */
async function writeBackup(place: BackupPlace, name: string, bytes: Uint8Array, valid = false): Promise<string> {
  if (!valid) {
    const check = readStoreBytes(bytes)
    if (!check.ok) throw new Error(`notes backup ${name} not written: ${check.reason}`)
  }
  await mkdir(place.dir, { recursive: true })
  const target = join(place.dir, name)
  await writeAtomic(target, bytes)
  const back = await readFile(target)
  if (Buffer.compare(back, bytes) !== 0) {
    await rm(target, { force: true })
    throw new Error(`notes backup ${target} did not read back as written; removed`)
  }
  for (const old of (await backupNames(place)).slice(BACKUPS_KEPT)) await rm(join(place.dir, old), { force: true })
  return target
}

/**
 * The newest backup that parses and passes the schema (after migration); the names of the newer ones that did
 * not go into `damaged`.
 */
async function newestGoodBackup(place: BackupPlace, damaged: Set<string>): Promise<{ file: string; data: NotesData } | undefined> {
  for (const name of await backupNames(place)) {
    const file = join(place.dir, name)
    let bytes: Buffer
    try {
      bytes = await readFile(file)
    } catch {
      continue
    }
    const check = readStoreBytes(bytes)
    if (check.ok) return { file, data: check.data }
    damaged.add(name)
  }
  return undefined
}

/**
 * Whether a backup this module wrote (verified then) is still whole: it parses and is a store of this format.
 * Cheaper than the schema by the ~50 ms zod takes at 10,000 annotations on every open; a truncated,
 * zero-filled or garbled file fails it.
 */
function backupStillWhole(bytes: Buffer): boolean {
  try {
    return formatOf(JSON.parse(bytes.toString('utf8'))) === NOTES_FORMAT
  } catch {
    return false
  }
}

/** Who holds the lock of `file`: `{ pid, host }` of the writer, next to the lock (proper-lockfile's is a folder it removes with rmdir). */
const ownerFile = (file: string): string => `${file}.lock-owner`

/**
 * Whether the writer recorded as holding the lock of `file` is gone: a process of this machine that no longer
 * runs (killed outright or crashed, so its lock was never released). Anything unsure (no record, another
 * machine, a process that runs or cannot be asked) is not gone.
 */
function lockOwnerGone(file: string): boolean {
  let owner: { pid?: unknown; host?: unknown }
  try {
    owner = JSON.parse(readFileSync(ownerFile(file), 'utf8')) as typeof owner
  } catch {
    return false
  }
  const pid = owner.pid
  if (owner.host !== hostname() || typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/**
 * Takes the lock of `file`. A lock goes stale LOCK_STALE_MS after its writer stopped refreshing it; a writer
 * killed outright (SIGKILL, a crash) would keep the app, restarted at once, or the command line out that
 * long, so a lock whose recorded owner process is gone from this machine is taken over at once.
 */
function acquireLock(file: string, onLockLost: (error: Error) => void): () => void {
  const options = { realpath: false, stale: LOCK_STALE_MS, update: LOCK_STALE_MS / 3, onCompromised: onLockLost }
  const take = (): (() => void) => {
    try {
      return lockfile.lockSync(file, options)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new NotesStoreLockedError(file)
      throw error
    }
  }
  let release: () => void
  try {
    release = take()
  } catch (error) {
    if (!(error instanceof NotesStoreLockedError) || !lockOwnerGone(file)) throw error
    rmSync(`${file}.lock`, { recursive: true, force: true })
    release = take()
  }
  try {
    writeFileSync(ownerFile(file), JSON.stringify({ pid: process.pid, host: hostname() }))
  } catch {
    /* without the record, a killed writer's lock only goes stale */
  }
  return () => {
    try {
      // (unless another writer took over a lock this one lost, and recorded itself)
      if ((JSON.parse(readFileSync(ownerFile(file), 'utf8')) as { pid?: unknown }).pid === process.pid) rmSync(ownerFile(file), { force: true })
    } catch {
      /* no record */
    }
    try {
      release()
    } catch {
      /* already released or compromised */
    }
  }
}

/** Whether the notes store at `file` is held by a writer now (a live lock whose owner is not known to be gone). */
export function notesStoreLocked(file: string): boolean {
  try {
    return lockfile.checkSync(file, { realpath: false, stale: LOCK_STALE_MS }) && !lockOwnerGone(file)
  } catch {
    return false
  }
}

/**
 * Removes the temp files a writer killed mid-write left beside the store (conf's, through atomically:
 * `notes.json.tmp-<digits>`; write-atomic.ts's: `.notes.json.tmp-<pid>-<hex>`) and beside its backups. Only a
 * writer calls it, holding the lock, so no other process is writing these files.
 */
async function sweepTempFiles(file: string, place: BackupPlace): Promise<void> {
  const name = basename(file)
  const backup = backupPattern(place.prefix)
  const sweep = async (dir: string, stray: (entry: string) => boolean): Promise<void> => {
    let entries: string[]
    try {
      entries = await readdir(dir)
    } catch {
      return
    }
    for (const entry of entries.filter(stray)) await rm(join(dir, entry), { force: true }).catch(() => {})
  }
  await sweep(dirname(file), (entry) => entry.startsWith(`${name}${TEMP_MARK}`) || entry.startsWith(`.${name}${TEMP_MARK}`))
  await sweep(place.dir, (entry) => {
    const at = entry.indexOf(TEMP_MARK)
    return entry.startsWith('.') && at > 0 && backup.test(entry.slice(1, at))
  })
}

/**
 * The store file for `path`: a folder (one that exists, or a path with no extension, as the app passes
 * userData before anything created it) means `<folder>/notes.json`; anything else is the file itself.
 */
export function notesStoreFile(path: string): string {
  const absolute = resolve(path)
  let folder = extname(absolute) === ''
  try {
    folder = statSync(absolute).isDirectory()
  } catch {
    /* not there yet */
  }
  return folder ? join(absolute, `${NOTES_CONFIG_NAME}.json`) : absolute
}

/** A name next to `file` that is not taken: `<file>.corrupt-<time>`, `…-2`, … */
function asideName(file: string, date: Date): string {
  const base = `${file}.corrupt-${stamp(date)}`
  let name = base
  for (let n = 2; existsSync(name); n++) name = `${base}-${n}`
  return name
}

/** Freezes an annotation (and its quote, position and tags) so callers cannot change the store's copy. */
function frozen<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (v && typeof v === 'object' && !Object.isFrozen(v)) frozen(v)
  return Object.freeze(value)
}

/**
 * Opens (or creates) the notes store `path`: the store file, or a folder meaning `<folder>/notes.json`
 * (see {@link notesStoreFile}).
 * Throws NotesStoreLockedError when another process holds it and this one wants to write, and a
 * NotesFileError for a file from a newer app (left alone) or, read-only, a damaged one.
 */
export async function openNotesStore(path: string, options: NotesStoreOptions): Promise<NotesStore> {
  const now = options.now ?? (() => new Date())
  const warn = options.onWarning ?? ((message: string) => console.error(message))
  const readOnly = options.readOnly === true
  const file = notesStoreFile(path)
  const journalPath = journalFile(file)
  const dir = dirname(file)
  const extension = extname(file)
  const configName = basename(file, extension)
  const place = backupPlace(file)
  if (!readOnly) await mkdir(dir, { recursive: true })
  const release =
    readOnly || options.lock === false
      ? () => {}
      : acquireLock(file, options.onLockLost ?? ((e) => console.error(`notes store lock: ${e.message}`)))

  let recovered: RecoveryNotice | undefined
  /** Backups found damaged while recovering: today's is replaced if it is one. */
  const damagedBackups = new Set<string>()
  let writer: JournalWriter | undefined
  try {
    if (!readOnly) await sweepTempFiles(file, place)
    const { bytes, journalBytes } = await readFiles(file, journalPath, readOnly)
    let journal: JournalRead | undefined
    try {
      journal = journalBytes && journalBytes.length > 0 ? readJournal(journalBytes) : undefined
    } catch (error) {
      if (error instanceof NotesFileError) throw new NotesFileError(error.reason, { file: journalPath, code: error.code })
      throw error
    }
    let data: NotesData = emptyNotes()
    if (bytes) {
      const read = journal?.checkpoint !== undefined && journal.checkpoint === sha256(bytes) ? readCheckpointedBytes(bytes) : readStoreBytes(bytes)
      if (read.ok) {
        data = read.data
        if (read.from < data.format && !readOnly) {
          // The file as it was (it parsed and migrates cleanly: verified) is kept before it is replaced.
          await writeBackup(place, `${configName}-${localDay(now())}-before-format-${data.format}.json`, bytes)
          await writeAtomic(file, serialize(data))
        }
      } else if (read.newer) {
        throw new NotesFileError(read.reason, { file, code: 'newer' })
      } else {
        if (readOnly) throw new NotesFileError(`cannot be read: ${read.reason}`, { file })
        const badFile = asideName(file, now())
        await rename(file, badFile)
        const backup = await newestGoodBackup(place, damagedBackups)
        if (backup) {
          data = backup.data
          await writeAtomic(file, serialize(data))
        }
        recovered = { reason: read.reason, badFile, ...(backup ? { backup: backup.file } : {}) }
      }
    }

    /** Changes in the journal that the store file does not hold yet. */
    let unfolded = 0
    if (journal) {
      unfolded = journal.lines.length
      for (const ops of journal.lines) data = applyOps(data, ops)
      if (journal.damaged.length > 0) {
        const first = journal.damaged[0]
        const reason = `${journal.damaged.length} change(s) in the journal could not be read (line ${first.line}: ${first.reason}); the ${journal.lines.length} readable one(s) were kept`
        if (readOnly) throw new NotesFileError(`cannot be read: ${reason}`, { file: journalPath })
        const badFile = asideName(journalPath, now())
        // What the good lines hold goes into the file before the journal is moved out of the way.
        await writeAtomic(file, serialize(data))
        await rename(journalPath, badFile)
        unfolded = 0
        recovered = recovered
          ? { ...recovered, reason: `${recovered.reason}; ${reason} (set aside as ${badFile})` }
          : { reason, badFile }
      } else if (journal.torn) {
        warn(`notes journal ${journalPath}: the last change was cut short by a crash before it was saved; dropped`)
        if (!readOnly) truncateSync(journalPath, journal.goodBytes)
      }
    }
    frozen(data)

    let conf: ConfLike | undefined
    /** conf, opened at the first checkpoint. */
    const confStore = (): ConfLike => {
      if (conf) return conf
      const opened = options.open(notesStoreOptions(dir, { configName, fileExtension: extension.replace(/^\./, '') }))
      if (resolve(opened.path) !== file) throw new Error(`notes store opened ${opened.path}, not ${file}`)
      return (conf = opened)
    }
    if (!readOnly) writer = openJournalWriter(journalPath)

    let closed = false
    let backedUpDay = ''
    let pendingBackup: Promise<void> = Promise.resolve()
    /** Today's backup, unless one exists; its failure is a warning, never a failed save. */
    const dailyBackup = (snapshot: NotesData): Promise<void> => {
      const today = localDay(now())
      if (readOnly || backedUpDay === today) return pendingBackup
      // An empty store has nothing to keep (and would push a useful backup out of the seven).
      if (snapshot.annotations.length + snapshot.trash.length === 0) return pendingBackup
      backedUpDay = today
      const name = `${configName}-${today}.json`
      pendingBackup = pendingBackup.then(async () => {
        try {
          // Today's is kept unless it is damaged (then it is replaced).
          if (
            (await backupNames(place)).includes(name) &&
            !damagedBackups.has(name) &&
            backupStillWhole(await readFile(join(place.dir, name)))
          ) {
            return
          }
          await writeBackup(place, name, Buffer.from(serialize(snapshot)), true)
        } catch (error) {
          backedUpDay = ''
          warn(`notes backup: ${(error as Error).message}`)
        }
      })
      return pendingBackup
    }

    let timer: ReturnType<typeof setTimeout> | undefined
    const checkpoint = (): void => {
      if (timer) clearTimeout(timer)
      timer = undefined
      if (!writer || unfolded === 0) return
      confStore().store = data
      // The journal then starts with the hash of the file as it is on disk (see readCheckpointedBytes).
      writer.clear(checkpointLine(sha256(readFileSync(file))))
      unfolded = 0
    }
    const checkpointLater = (delay: number): void => {
      if (timer) clearTimeout(timer)
      timer = setTimeout(() => {
        try {
          checkpoint()
        } catch (error) {
          warn(`notes store ${file}: the journal could not be folded in (${(error as Error).message}); every change is kept in ${journalPath}`)
        }
      }, delay)
      timer.unref?.()
    }
    // A journal left by the last session is folded in once the app has settled.
    if (writer && unfolded > 0) checkpointLater(CHECKPOINT_IDLE_MS)

    /** Saves one call's changes: one journal line, fsynced, then the store in memory. */
    const save = (ops: JournalOp[]): void => {
      if (ops.length === 0) return
      if (readOnly || !writer) throw new Error(`notes store ${file} is open read-only`)
      if (closed) throw new Error(`notes store ${file} is closed`)
      const before = data
      const next = applyOps(data, ops)
      writer.append(journalLine(ops))
      unfolded += 1
      data = frozen(next)
      // The first save of a new day keeps the store as it was before it.
      if (backedUpDay !== localDay(now())) void dailyBackup(before)
      checkpointLater(writer.size >= CHECKPOINT_BYTES ? 0 : CHECKPOINT_IDLE_MS)
    }

    const find = (id: string): Annotation => {
      const found = data.annotations.find((a) => a.id === id)
      if (!found) throw new Error(`no annotation ${id}`)
      return found
    }
    const checked = (annotation: unknown): Annotation => {
      const parsed = annotationSchema.safeParse(annotation)
      if (!parsed.success) throw new Error(`invalid annotation: ${issueLine(parsed.error.issues)}`)
      return frozen(parsed.data)
    }
    /** A new `modified`: now, but never at or before the one it replaces (clocks go back). */
    const bumped = (previous: string): string => {
      const time = now().getTime()
      const last = Date.parse(previous)
      return new Date(Number.isNaN(last) || time > last ? time : last + 1).toISOString()
    }
    const later = (a: string, b: string): boolean => Date.parse(a) > Date.parse(b)
    const put = (annotation: Annotation): JournalOp => ({ op: 'put', annotation })

    const store: NotesStore = {
      file,
      readOnly,
      ...(recovered ? { recovered } : {}),
      list(filter) {
        if (!filter) return data.annotations
        return data.annotations.filter(
          (a) =>
            (filter.briefingId === undefined || a.briefingId === filter.briefingId) &&
            (filter.itemId === undefined || a.itemId === filter.itemId) &&
            (filter.kind === undefined || a.kind === filter.kind)
        )
      },
      get: (id) => data.annotations.find((a) => a.id === id),
      add(annotation) {
        const valid = checked(annotation)
        if (data.annotations.some((a) => a.id === valid.id)) throw new Error(`annotation ${valid.id} exists already`)
        if (data.trash.some((e) => e.annotation.id === valid.id)) throw new Error(`annotation ${valid.id} is in the trash`)
        save([put(valid)])
        return valid
      },
      update(id, patch) {
        const current = find(id)
        const next = checked({ ...current, ...patch, id, kind: current.kind, modified: bumped(current.modified) })
        save([put(next)])
        return next
      },
      remove(id) {
        const annotation = find(id)
        const entry: TrashEntry = frozen({ annotation, deletedAt: now().toISOString() })
        save([{ op: 'trash', entry }])
        return entry
      },
      restore(id) {
        const entry = data.trash.find((e) => e.annotation.id === id)
        if (!entry) throw new Error(`annotation ${id} is not in the trash`)
        save([put(entry.annotation)])
        return entry.annotation
      },
      trash: () => data.trash,
      purgeTrash(days = TRASH_DAYS) {
        const cutoff = now().getTime() - days * 86_400_000
        const ids = data.trash.filter((e) => Date.parse(e.deletedAt) < cutoff).map((e) => e.annotation.id)
        if (ids.length > 0) save([{ op: 'purge', ids }])
        return ids.length
      },
      colorMeanings: () => ({ ...data.colorMeanings }),
      setColorMeanings(meanings) {
        const parsed = colorMeaningsSchema.safeParse({ ...data.colorMeanings, ...meanings })
        if (!parsed.success) throw new Error(`invalid colour meanings: ${issueLine(parsed.error.issues)}`)
        save([{ op: 'meanings', colorMeanings: frozen(parsed.data) }])
      },
      rewrite(changed) {
        const live = new Set(data.annotations.map((a) => a.id))
        save(changed.filter((a) => live.has(a.id)).map((a) => put(checked(a))))
      },
      importAnnotations(incoming) {
        const valid = incoming.map(checked)
        const live = new Map(data.annotations.map((a) => [a.id, a]))
        const trashed = new Map(data.trash.map((e) => [e.annotation.id, e.annotation]))
        const ops: JournalOp[] = []
        const outcomes = valid.map((annotation): ImportOutcome => {
          const existing = live.get(annotation.id) ?? trashed.get(annotation.id)
          if (existing && !later(annotation.modified, existing.modified)) return 'unchanged'
          live.set(annotation.id, annotation)
          trashed.delete(annotation.id)
          ops.push(put(annotation))
          return existing ? 'updated' : 'imported'
        })
        save(ops)
        return outcomes
      },
      checkpoint,
      async close() {
        if (closed) return
        closed = true
        try {
          checkpoint()
        } catch (error) {
          warn(`notes store ${file}: the journal could not be folded in (${(error as Error).message}); every change is kept in ${journalPath}`)
        }
        if (timer) clearTimeout(timer)
        writer?.close()
        await pendingBackup
        release()
      }
    }
    if (!readOnly) {
      store.purgeTrash()
      await dailyBackup(data)
    }
    return store
  } catch (error) {
    writer?.close()
    release()
    throw error
  }
}

/**
 * The store file's and the journal's bytes (undefined where missing). A writer holds the lock, so nothing
 * changes them under it. A reader (no lock) may meet a checkpoint between its two reads (the file then holds
 * changes a now-emptied journal no longer has, or the other way round): it reads again until the file is the
 * same before and after.
 */
async function readFiles(file: string, journalPath: string, readOnly: boolean): Promise<{ bytes?: Buffer; journalBytes?: Buffer }> {
  const missing = async (read: Promise<Buffer>): Promise<Buffer | undefined> => {
    try {
      return await read
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      return undefined
    }
  }
  const version = async (): Promise<string> => {
    try {
      const s = await stat(file)
      return `${s.ino}:${s.size}:${s.mtimeMs}`
    } catch {
      return 'none'
    }
  }
  for (let attempt = 0; ; attempt++) {
    const before = readOnly ? await version() : ''
    const bytes = await missing(readFile(file))
    const journalBytes = await missing(readFile(journalPath))
    if (!readOnly || (await version()) === before || attempt >= 8) {
      return { ...(bytes ? { bytes } : {}), ...(journalBytes ? { journalBytes } : {}) }
    }
  }
}
