/**
 * Reading a file the user hands in (`briefings parse FILE`, `briefings import PATH`, the app's import): a
 * regular file only, at most {@link MAX_INPUT_BYTES}, checked before reading and enforced while reading, so a
 * named pipe, `/dev/zero`, a socket or a folder is an error at once, never a hang or a process that grows
 * until it is killed. Every error names the file and the reason in words.
 */
import { constants, type Stats } from 'node:fs'
import { lstat, open, stat } from 'node:fs/promises'
import { fsReason } from './fs-reason.ts'

/** The largest file parse and import accept (a weekly briefing is ~35 KB; the largest seen ~1 MB). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024

const MB = 1024 * 1024

/** Megabytes for a message, rounded up to a tenth so a file just over the limit never reads as the limit. */
function megabytes(bytes: number): string {
  const tenths = Math.ceil((bytes / MB) * 10) / 10
  return Number.isInteger(tenths) ? String(tenths) : tenths.toFixed(1)
}

/**
 * The error for an input of `size` bytes when that is over the limit, else undefined:
 * `big.txt: too large (300 MB; the limit is 20 MB)`. The one check parse and import share.
 */
export function inputTooLarge(name: string, size: number, limit = MAX_INPUT_BYTES): string | undefined {
  if (size <= limit) return undefined
  return `${name}: too large (${megabytes(size)} MB; the limit is ${megabytes(limit)} MB)`
}

/** What a path is when it is not a regular file, in words; undefined for a regular file. */
function notAFile(info: Stats): string | undefined {
  if (info.isFile()) return undefined
  if (info.isDirectory()) return 'is a folder, not a file'
  if (info.isFIFO()) return 'not a regular file (a named pipe)'
  if (info.isSocket()) return 'not a regular file (a socket)'
  if (info.isCharacterDevice()) return 'not a regular file (a character device)'
  if (info.isBlockDevice()) return 'not a regular file (a block device)'
  return 'not a regular file'
}

/** The outcome of {@link readInputFile}: the bytes, or an error naming the file and the reason. */
export type InputResult = { ok: true; bytes: Uint8Array } | { ok: false; error: string }

/** Why `path` cannot be stat'ed, in words; a dangling symlink says so. */
async function statError(path: string, name: string, error: unknown): Promise<string> {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    const link = await lstat(path).catch(() => undefined)
    if (link?.isSymbolicLink()) return `${name}: a broken symlink (what it points to is not found)`
  }
  return `${name}: ${fsReason(error)}`
}

/**
 * Reads a regular file of at most `limit` bytes. Never rejects; never blocks on a named pipe (the path is
 * checked before it is opened, opened non-blocking, and checked again on the open handle); never reads more
 * than `limit + 1` bytes, whatever the file claims or grows to while it is read.
 *
 * @param name - how messages name the file (default: the path)
 */
export async function readInputFile(path: string, name = path, limit = MAX_INPUT_BYTES): Promise<InputResult> {
  const fail = (error: string): InputResult => ({ ok: false, error })
  let info: Stats
  try {
    info = await stat(path)
  } catch (error) {
    return fail(await statError(path, name, error))
  }
  const kind = notAFile(info)
  if (kind) return fail(`${name}: ${kind}`)
  const tooLarge = inputTooLarge(name, info.size, limit)
  if (tooLarge) return fail(tooLarge)
  let handle
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  } catch (error) {
    return fail(`${name}: ${fsReason(error)}`)
  }
  try {
    // the path may have been replaced between stat and open
    const opened = await handle.stat()
    const openedKind = notAFile(opened)
    if (openedKind) return fail(`${name}: ${openedKind}`)
    const openedTooLarge = inputTooLarge(name, opened.size, limit)
    if (openedTooLarge) return fail(openedTooLarge)
    let buffer = Buffer.alloc(Math.min(opened.size, limit) + 1)
    let length = 0
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) return fail(`${name}: too large (more than ${megabytes(limit)} MB; the limit is ${megabytes(limit)} MB)`)
        const grown = Buffer.alloc(Math.min(buffer.length * 2, limit + 1))
        buffer.copy(grown, 0, 0, length)
        buffer = grown
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length)
      if (bytesRead === 0) break
      length += bytesRead
    }
    return { ok: true, bytes: buffer.subarray(0, length) }
  } catch (error) {
    return fail(`${name}: ${fsReason(error)}`)
  } finally {
    await handle.close().catch(() => undefined)
  }
}
