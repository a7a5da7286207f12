/**
 * One writer at a time per archive folder, across processes (the app, any number of command lines).
 *
 * The lock is proper-lockfile's `<archive>/archive.lock` (a folder made with mkdir, refreshed while held, stale
 * after {@link LOCK_STALE_MS}) with the holder's pid, host and start time in `archive.lock/owner.json`, as the
 * notes store does beside its lock: a lock whose recorded owner is a process of this machine that is gone
 * (killed outright, crashed) is taken over at once; anything unsure waits for staleness. The record lives
 * inside the lock's folder so it goes with it: a record is never older than the lock it describes. It is held only while files
 * are written (an import's source and JSON, the catalogue, the index shards and manifest), never while
 * parsing or building, so writers interleave file by file and a waiting writer's wait stays short.
 */
import * as fs from 'node:fs'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { hostname } from 'node:os'
import { dirname, join } from 'node:path'
import lockfile from 'proper-lockfile'
import { processGone, tempNameFor } from './write-atomic.ts'

export const LOCK_NAME = 'archive.lock'
const OWNER_NAME = 'owner.json'
/** A lock not refreshed for this long belongs to a process that died. */
export const LOCK_STALE_MS = 10_000
/** How long a writer waits for another one by default before giving up with {@link ArchiveLockedError}. */
export const LOCK_WAIT_MS = 30_000

interface Owner {
  pid?: unknown
  host?: unknown
  since?: unknown
}

/** Another process holds the archive's lock and did not let go within the wait. */
export class ArchiveLockedError extends Error {
  readonly dir: string
  constructor(dir: string, owner: Owner | undefined, waitedMs: number) {
    const who =
      typeof owner?.pid === 'number'
        ? `process ${owner.pid}${owner.host === hostname() ? '' : ` on ${String(owner.host)}`}` +
          (typeof owner.since === 'string' ? ` (since ${owner.since})` : '')
        : 'another process'
    super(`archive ${dir}: being written by ${who}; waited ${(waitedMs / 1000).toFixed(1)} s, try again when it has finished`)
    this.name = 'ArchiveLockedError'
    this.dir = dir
  }
}

async function readOwner(dir: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, LOCK_NAME, OWNER_NAME), 'utf8')) as Owner
  } catch {
    return undefined
  }
}

/** Whether the recorded owner of the lock is a process of this machine that no longer runs. */
async function ownerGone(dir: string): Promise<boolean> {
  const owner = await readOwner(dir)
  return owner?.host === hostname() && typeof owner.pid === 'number' && processGone(owner.pid)
}

const ownerRecord = (): string => JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() })

/**
 * The file system proper-lockfile uses for the lock. Its mkdir makes the lock whole at once: a folder named
 * like a temp file (`.archive.lock.tmp-<pid>-<host>-<random>`) gets the owner record, then is renamed to
 * `archive.lock`, so no lock ever exists without its owner (a holder killed between the two would otherwise
 * leave a lock nobody can tell is dead until it goes stale); a rename onto an existing lock fails, which is
 * "held". Its rmdir is a recursive removal (release, a stale lock's takeover, the exit-time cleanup).
 */
const lockFs = {
  ...fs,
  mkdir: (path: string, callback: (error: NodeJS.ErrnoException | null) => void) => {
    const staging = join(dirname(path), tempNameFor(path))
    const undo = (error: NodeJS.ErrnoException): void => fs.rm(staging, { recursive: true, force: true }, () => callback(error))
    fs.mkdir(staging, (error) => {
      if (error) return callback(error)
      fs.writeFile(join(staging, OWNER_NAME), ownerRecord(), (writeError) => {
        if (writeError) return undo(writeError)
        fs.rename(staging, path, (renameError) => {
          if (!renameError) return callback(null)
          const held = ['ENOTEMPTY', 'EEXIST', 'EPERM', 'EISDIR'].includes(renameError.code ?? '')
          undo(held ? Object.assign(new Error(`${path}: held`), { code: 'EEXIST' }) : renameError)
        })
      })
    })
  },
  rmdir: (path: string, callback: (error: NodeJS.ErrnoException | null) => void) =>
    fs.rm(path, { recursive: true, force: true }, callback),
  rmdirSync: (path: string) => fs.rmSync(path, { recursive: true, force: true })
}

export interface LockOptions {
  /** How long to wait for another writer (default {@link LOCK_WAIT_MS}). */
  waitMs?: number
  /** Told when a held lock was lost (its folder vanished, or it was taken over after a long stall). */
  onCompromised?: (error: Error) => void
}

/**
 * Takes the archive's lock, waiting up to `waitMs` for another writer, and returns its release.
 * @throws ArchiveLockedError when another process still holds it; the file system's error when the lock
 * cannot be made at all (a read-only folder).
 */
export async function acquireArchiveLock(dir: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const waitMs = options.waitMs ?? LOCK_WAIT_MS
  const lockPath = join(dir, LOCK_NAME)
  const lockOptions = {
    realpath: false,
    lockfilePath: lockPath,
    stale: LOCK_STALE_MS,
    update: LOCK_STALE_MS / 4,
    onCompromised: options.onCompromised ?? (() => undefined),
    fs: lockFs
  }
  const started = Date.now()
  let release: () => Promise<void>
  for (let attempt = 0; ; attempt++) {
    try {
      release = await lockfile.lock(dir, lockOptions)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
      if (await ownerGone(dir)) {
        await rm(lockPath, { recursive: true, force: true })
        continue
      }
      if (Date.now() - started >= waitMs) throw new ArchiveLockedError(dir, await readOwner(dir), Date.now() - started)
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, 10 + attempt * 10)))
    }
  }
  return async () => {
    try {
      await release()
    } catch {
      /* already released or compromised */
    }
  }
}

/** Creates the folder when needed and runs `task` holding its lock. */
export async function withArchiveLock<T>(dir: string, task: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  await mkdir(dir, { recursive: true })
  const release = await acquireArchiveLock(dir, options)
  try {
    return await task()
  } finally {
    await release()
  }
}
