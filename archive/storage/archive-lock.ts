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
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import lockfile from 'proper-lockfile'
import { processGone } from './write-atomic.ts'

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

/**
 * proper-lockfile removes its lock with rmdir; the owner record inside it makes that a recursive removal
 * (release, a stale lock's takeover, the exit-time cleanup).
 */
const lockFs = {
  ...fs,
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
  try {
    await writeFile(join(lockPath, OWNER_NAME), JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }))
  } catch {
    /* without the record, a killed writer's lock only goes stale */
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
