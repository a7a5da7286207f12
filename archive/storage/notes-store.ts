/**
 * The notes store on disk: `<dir>/notes.json`, one per user, written only by the process that holds its
 * lock (the app's main process; the command line when the app is closed). It is opened through an
 * electron-store or conf instance made by the caller with {@link notesStoreOptions} (conf writes atomically:
 * temp file, fsync, rename), and kept in memory: every change is one write of the whole store.
 *
 * Never loses a note:
 * - a file that does not parse, comes from a newer app or fails the schema is never overwritten: it is set
 *   aside byte-identical as `notes.json.corrupt-<time>`, the newest good backup is restored, and `recovered`
 *   says what happened and where the bad file is;
 * - before a migration and once a day, a verified backup (it parses and passes the schema) goes to
 *   `<dir>/backups/notes-<YYYY-MM-DD>.json` (before a migration: `…-before-format-<n>.json`), seven kept;
 * - deletes go to a trash kept 30 days.
 */
import { existsSync, readdirSync } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import lockfile from 'proper-lockfile'
import {
  annotationSchema,
  colorMeaningsSchema,
  emptyNotes,
  TRASH_DAYS,
  type Annotation,
  type Color,
  type NotesData,
  type TrashEntry
} from '../notes/model.ts'
import { migrateNotes, NOTES_CONFIG_NAME, notesStoreOptions } from '../notes/store-schema.ts'
import { writeAtomic } from './write-atomic.ts'

/** Backups kept in `<dir>/backups/`. */
export const BACKUPS_KEPT = 7
/** A lock not refreshed for this long belongs to a process that died. */
const LOCK_STALE_MS = 15_000

/** What electron-store and conf both are, as far as this module needs. */
export interface ConfLike {
  store: unknown
  readonly path: string
}
export type OpenConf = (options: ReturnType<typeof notesStoreOptions>) => ConfLike

export interface NotesStoreOptions {
  /** `(o) => new ElectronStore(o)` in the app, `(o) => new Conf(o)` in the command line and the tests. */
  open: OpenConf
  /** Read only: no lock, no backup, every change refused. */
  readOnly?: boolean
  now?: () => Date
  /** Told when the lock could not be kept (the folder vanished): the store keeps working in memory. */
  onLockLost?: (error: Error) => void
}

export interface RecoveryNotice {
  reason: string
  /** Where the damaged file was set aside. */
  badFile: string
  /** The backup restored, if there was a good one. */
  backup?: string
}

export type ImportOutcome = 'imported' | 'updated' | 'unchanged'

export interface NotesStore {
  readonly file: string
  readonly recovered?: RecoveryNotice
  list(): readonly Annotation[]
  get(id: string): Annotation | undefined
  add(annotation: Annotation): Annotation
  /** Merges `patch` (bumps `modified`) and returns the result; throws when it does not pass the schema. */
  update(id: string, patch: Partial<Annotation>): Annotation
  /** Moves an annotation to the trash. */
  remove(id: string): TrashEntry
  /** Brings it back from the trash. */
  restore(id: string): Annotation
  trash(): readonly TrashEntry[]
  /** Drops trash entries older than `days`; returns how many. */
  purgeTrash(days?: number): number
  colorMeanings(): Record<Color, string>
  setColorMeanings(meanings: Record<Color, string>): void
  /** Replaces annotations by id as given (re-anchoring after a re-import: `modified` is not touched). One write. */
  rewrite(annotations: readonly Annotation[]): void
  /** Idempotent by id: a later `modified` updates, the same or an older one leaves it. One write. */
  importAnnotations(annotations: readonly Annotation[]): ImportOutcome[]
  /** Releases the lock. */
  close(): Promise<void>
}

export class NotesStoreLockedError extends Error {
  constructor(file: string) {
    super(`notes store ${file} is open in Briefing Reader; close the app to write to it`)
    this.name = 'NotesStoreLockedError'
  }
}

const day = (date: Date): string => date.toISOString().slice(0, 10)
const stamp = (date: Date): string => date.toISOString().replace(/[:.]/g, '-')

/** Parses and validates store bytes; the data, or why not. */
function readStoreBytes(bytes: Buffer): { ok: true; data: NotesData; from: number } | { ok: false; reason: string } {
  let raw: unknown
  try {
    raw = JSON.parse(bytes.toString('utf8'))
  } catch {
    return { ok: false, reason: bytes.every((b) => b === 0) ? 'the file is all zero bytes' : 'the file is not valid JSON' }
  }
  try {
    return { ok: true, ...migrateNotes(raw) }
  } catch (error) {
    return { ok: false, reason: (error as Error).message }
  }
}

/** Backup files, newest first (names sort by date). */
async function backupFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => /^notes-\d{4}-\d{2}-\d{2}.*\.json$/.test(n)).sort().reverse()
  } catch {
    return []
  }
}

/** Writes a backup of `data` if it passes the schema once serialised, then keeps the newest seven. */
async function writeBackup(backupDir: string, name: string, serialised: string): Promise<void> {
  const check = readStoreBytes(Buffer.from(serialised))
  if (!check.ok) throw new Error(`notes backup not written: ${check.reason}`)
  await mkdir(backupDir, { recursive: true })
  await writeAtomic(join(backupDir, name), serialised)
  for (const old of (await backupFiles(backupDir)).slice(BACKUPS_KEPT)) await rm(join(backupDir, old), { force: true })
}

/** The newest backup that parses and passes the schema. */
async function newestGoodBackup(backupDir: string): Promise<{ file: string; data: NotesData } | undefined> {
  for (const name of await backupFiles(backupDir)) {
    const file = join(backupDir, name)
    const check = readStoreBytes(await readFile(file))
    if (check.ok) return { file, data: check.data }
  }
  return undefined
}

function acquireLock(file: string, onLockLost?: (error: Error) => void): () => Promise<void> {
  try {
    const release = lockfile.lockSync(file, {
      realpath: false,
      stale: LOCK_STALE_MS,
      update: LOCK_STALE_MS / 3,
      onCompromised: (error: Error) => (onLockLost ?? ((e) => console.error(`notes store lock: ${e.message}`)))(error)
    })
    return async () => {
      try {
        release()
      } catch {
        /* already released or compromised */
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new NotesStoreLockedError(file)
    throw error
  }
}

/**
 * Opens (or creates) the notes store in `dir`. Throws NotesStoreLockedError when another process holds it
 * and this one wants to write.
 */
export async function openNotesStore(dir: string, options: NotesStoreOptions): Promise<NotesStore> {
  const now = options.now ?? (() => new Date())
  const file = join(dir, `${NOTES_CONFIG_NAME}.json`)
  const backupDir = join(dir, 'backups')
  await mkdir(dir, { recursive: true })
  const release = options.readOnly ? async () => {} : acquireLock(file, options.onLockLost)

  let recovered: RecoveryNotice | undefined
  try {
    let data: NotesData = emptyNotes()
    if (existsSync(file)) {
      const bytes = await readFile(file)
      const read = readStoreBytes(bytes)
      if (read.ok) {
        data = read.data
        if (read.from < data.format && !options.readOnly) {
          // The old file itself is the verified backup taken before the migration (it parsed and migrated).
          await mkdir(backupDir, { recursive: true })
          await writeAtomic(join(backupDir, `notes-${day(now())}-before-format-${data.format}.json`), bytes)
          await writeAtomic(file, JSON.stringify(data, undefined, '\t'))
        }
      } else {
        if (options.readOnly) throw new Error(`notes store ${file} cannot be read: ${read.reason}`)
        const badFile = `${file}.corrupt-${stamp(now())}`
        await rename(file, badFile)
        const backup = await newestGoodBackup(backupDir)
        if (backup) {
          data = backup.data
          await copyFile(backup.file, `${file}.restoring`)
          await rename(`${file}.restoring`, file)
        }
        recovered = { reason: read.reason, badFile, ...(backup ? { backup: backup.file } : {}) }
      }
    }
    const conf = options.open(notesStoreOptions(dir))
    if (!existsSync(file) && !options.readOnly) conf.store = data

    const save = (next: NotesData): void => {
      if (options.readOnly) throw new Error(`notes store ${file} is open read-only`)
      conf.store = next
      data = next
      void dailyBackup()
    }
    let backedUp = ''
    const dailyBackup = async (): Promise<void> => {
      if (options.readOnly || data.annotations.length + data.trash.length === 0) return
      const today = day(now())
      if (backedUp === today) return
      backedUp = today
      if ((await backupFiles(backupDir)).some((n) => n.startsWith(`notes-${today}`) && !n.includes('before-format'))) return
      try {
        await writeBackup(backupDir, `notes-${today}.json`, JSON.stringify(data, undefined, '\t'))
      } catch (error) {
        backedUp = ''
        console.error(`notes backup: ${(error as Error).message}`)
      }
    }
    await dailyBackup()

    const find = (id: string): Annotation => {
      const found = data.annotations.find((a) => a.id === id)
      if (!found) throw new Error(`no annotation ${id}`)
      return found
    }
    const checked = (annotation: unknown): Annotation => {
      const parsed = annotationSchema.safeParse(annotation)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw new Error(`annotation ${issue.path.map(String).join('.') || ''}: ${issue.message}`)
      }
      return parsed.data
    }

    const store: NotesStore = {
      file,
      ...(recovered ? { recovered } : {}),
      list: () => data.annotations,
      get: (id) => data.annotations.find((a) => a.id === id),
      add(annotation) {
        const valid = checked(annotation)
        if (data.annotations.some((a) => a.id === valid.id)) throw new Error(`annotation ${valid.id} exists already`)
        save({ ...data, annotations: [...data.annotations, valid] })
        return valid
      },
      update(id, patch) {
        const current = find(id)
        const next = checked({ ...current, ...patch, id, kind: current.kind, modified: now().toISOString() })
        save({ ...data, annotations: data.annotations.map((a) => (a.id === id ? next : a)) })
        return next
      },
      remove(id) {
        const annotation = find(id)
        const entry: TrashEntry = { annotation, deletedAt: now().toISOString() }
        save({ ...data, annotations: data.annotations.filter((a) => a.id !== id), trash: [...data.trash.filter((e) => e.annotation.id !== id), entry] })
        return entry
      },
      restore(id) {
        const entry = data.trash.find((e) => e.annotation.id === id)
        if (!entry) throw new Error(`annotation ${id} is not in the trash`)
        save({
          ...data,
          annotations: [...data.annotations.filter((a) => a.id !== id), entry.annotation],
          trash: data.trash.filter((e) => e.annotation.id !== id)
        })
        return entry.annotation
      },
      trash: () => data.trash,
      purgeTrash(days = TRASH_DAYS) {
        const cutoff = now().getTime() - days * 86_400_000
        const kept = data.trash.filter((e) => Date.parse(e.deletedAt) >= cutoff)
        const dropped = data.trash.length - kept.length
        if (dropped > 0) save({ ...data, trash: kept })
        return dropped
      },
      colorMeanings: () => data.colorMeanings,
      setColorMeanings(meanings) {
        save({ ...data, colorMeanings: colorMeaningsSchema.parse(meanings) })
      },
      rewrite(changed) {
        if (changed.length === 0) return
        const byId = new Map(changed.map((a) => [a.id, checked(a)]))
        save({ ...data, annotations: data.annotations.map((a) => byId.get(a.id) ?? a) })
      },
      importAnnotations(incoming) {
        const byId = new Map(data.annotations.map((a) => [a.id, a]))
        const outcomes = incoming.map((annotation): ImportOutcome => {
          const valid = checked(annotation)
          const existing = byId.get(valid.id)
          if (!existing) {
            byId.set(valid.id, valid)
            return 'imported'
          }
          if (Date.parse(valid.modified) > Date.parse(existing.modified)) {
            byId.set(valid.id, valid)
            return 'updated'
          }
          return 'unchanged'
        })
        if (outcomes.some((o) => o !== 'unchanged')) save({ ...data, annotations: [...byId.values()] })
        return outcomes
      },
      close: release
    }
    if (!options.readOnly) store.purgeTrash()
    return store
  } catch (error) {
    await release()
    throw error
  }
}

/** Backups present for a store folder, newest first (for the README's "how backups work" and the UI). */
export function listNotesBackups(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'backups'))
      .filter((n) => /^notes-\d{4}-\d{2}-\d{2}.*\.json$/.test(n))
      .sort()
      .reverse()
      .map((n) => join(dir, 'backups', n))
  } catch {
    return []
  }
}
