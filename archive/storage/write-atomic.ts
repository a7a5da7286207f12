/**
 * Atomic file writes for the archive folder: a temp file in the same folder, fsync, rename (retried where
 * Windows scanners hold new files), fsync of the folder. A crash leaves the old file or the new one,
 * never half of one; stray temp files carry TEMP_MARK so the store sweeps them when it opens.
 */
import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Part of every temp file's name. */
export const TEMP_MARK = '.tmp-'
const RENAME_RETRIES = [20, 60, 180] as const

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
export async function writeAtomic(target: string, data: Uint8Array | string): Promise<void> {
  const dir = dirname(target)
  const temp = join(dir, `.${basename(target)}${TEMP_MARK}${process.pid}-${Math.random().toString(16).slice(2, 10)}`)
  const handle = await open(temp, 'wx', 0o644)
  try {
    await handle.writeFile(data)
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
