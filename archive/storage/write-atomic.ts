/**
 * Atomic file writes for the archive folder: a temp file in the same folder, fsync, rename (retried where
 * Windows scanners hold new files), fsync of the folder. A crash leaves the old file or the new one,
 * never half of one.
 *
 * A temp file is `.<target>.tmp-<pid>-<host>-<random>`: the writing process's id and a short hash of its host
 * name, so a sweep ({@link sweepDeadTemps}) removes only the temp files of a process of this machine that is
 * gone, never those of a live writer (another app window, a command line running at the same time).
 */
import { createHash } from 'node:crypto'
import { open, readdir, rename, rm, type FileHandle } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'

/** Part of every temp file's name. */
export const TEMP_MARK = '.tmp-'
const RENAME_RETRIES = [20, 60, 180] as const

/** A short, file-name-safe tag of this machine's host name (temp names and lock owners carry it). */
export const HOST_TAG = createHash('sha256').update(hostname()).digest('hex').slice(0, 8)

/** `.<name>.tmp-<pid>-<host>-<hex>` (this version) or `.<name>.tmp-<pid>-<hex>` (earlier versions, no host). */
const TEMP_NAME = /^\.(.+)\.tmp-(\d{1,10})-(?:([0-9a-f]{8})-)?[0-9a-f]{1,16}$/

/** The temp file name of a write to `target` by this process. */
export function tempNameFor(target: string): string {
  return `.${basename(target)}${TEMP_MARK}${process.pid}-${HOST_TAG}-${Math.random().toString(16).slice(2, 10)}`
}

/** For a temp file name written by {@link writeAtomic}: the target's name, the writer's pid and host tag. */
export function parseTempName(name: string): { target: string; pid: number; host?: string } | undefined {
  const m = TEMP_NAME.exec(name)
  return m ? { target: m[1], pid: Number(m[2]), host: m[3] } : undefined
}

/**
 * Whether process `pid` of this machine is gone. Anything unsure (a process of another user, which answers
 * EPERM, or this very process) counts as alive.
 */
export function processGone(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/**
 * Whether `name` is a temp file written by {@link writeAtomic} whose writer is gone: a process of this
 * machine (same host tag; an earlier version's name without one is taken as this machine's) that no longer runs.
 */
export function isDeadTemp(name: string): boolean {
  const temp = parseTempName(name)
  if (!temp) return false
  if (temp.host !== undefined && temp.host !== HOST_TAG) return false
  return processGone(temp.pid)
}

/**
 * Removes the temp files of writers that are gone from the folder `dir` (see {@link isDeadTemp}); a live
 * writer's temp files, and every file that is not one of ours, stay. Returns the names removed; never throws.
 */
export async function sweepDeadTemps(dir: string): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    if (!isDeadTemp(name)) continue
    try {
      // (a folder too: the archive's lock is staged in a temp-named folder)
      await rm(join(dir, name), { force: true, recursive: true })
      removed.push(name)
    } catch {
      /* read-only or already gone: the next writer tries again */
    }
  }
  return removed
}

/** Makes a rename durable on Linux; opening a folder fails on Windows, where rename is durable enough. */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    /* not supported on this platform */
  }
}

/** Writes `data` to `target` through a fsynced temp file in the same folder and a rename. */
export function writeAtomic(target: string, data: Uint8Array | string): Promise<void> {
  return writeAtomicWith(target, (handle) => handle.writeFile(data))
}

/**
 * {@link writeAtomic} of what `fill` writes to the temp file's handle, in pieces and at the positions it
 * chooses: a large file is written without being held whole in memory.
 */
export async function writeAtomicWith(target: string, fill: (handle: FileHandle) => Promise<void>): Promise<void> {
  const dir = dirname(target)
  const temp = join(dir, tempNameFor(target))
  const handle = await open(temp, 'wx', 0o644)
  try {
    await fill(handle)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temp, { force: true })
    throw error
  }
  await handle.close()
  try {
    await renameWithRetry(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await fsyncDir(dir)
}

/** Renames, retrying briefly on EPERM/EBUSY/EACCES (Windows virus scanners hold newborn files open). */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await rename(from, to)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? ''
      if (attempt >= RENAME_RETRIES.length || !['EPERM', 'EBUSY', 'EACCES'].includes(code)) throw error
      await new Promise((resolve) => setTimeout(resolve, RENAME_RETRIES[attempt]))
    }
  }
}
