/**
 * File-system errors in words: the one table every user-facing message uses (the command line, the import
 * of a file, the archive folder), so no message shows a bare `EACCES` or `ELOOP`.
 */

const REASONS: Record<string, string> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ELOOP: 'a symlink loop (too many levels of symbolic links)',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'over the disk quota',
  EROFS: 'on a read-only file system',
  EEXIST: 'already exists',
  ENOTEMPTY: 'the folder is not empty',
  EBUSY: 'in use by another program',
  ETXTBSY: 'in use by another program',
  EIO: 'an input/output error (the disk or its connection failed)',
  ENXIO: 'no such device (a device that is gone, or a named pipe with no writer)',
  ENODEV: 'no such device',
  EAGAIN: 'temporarily unavailable',
  EWOULDBLOCK: 'temporarily unavailable',
  ETIMEDOUT: 'timed out',
  EINVAL: 'invalid argument (not something that can be read as a file)',
  EFBIG: 'too large',
  EOVERFLOW: 'too large',
  EXDEV: 'on another disk',
  ESTALE: 'stale network file handle',
  EINTR: 'interrupted',
  ERR_FS_FILE_TOO_LARGE: 'too large to read',
  ERR_STRING_TOO_LONG: 'too large to read as text'
}

/** The reason of a file-system error, in words: `permission denied`, `a symlink loop …`, `not found`. */
export function fsReason(error: unknown): string {
  const e = error as NodeJS.ErrnoException | undefined
  const known = typeof e?.code === 'string' ? REASONS[e.code] : undefined
  if (known) return known
  if (!(error instanceof Error)) return String(error)
  // Node's own wording without the code and the call: "ESOMETHING: what happened, open '/x'" → "what happened"
  const text = error.message.replace(/^E[A-Z0-9_]+: /, '').replace(/, \w+ '.*$/, '')
  return text || 'unknown error'
}

/** The path a file-system error is about: the destination of a rename or copy, else its path. */
export function fsErrorPath(error: unknown): string | undefined {
  const e = error as (NodeJS.ErrnoException & { dest?: string }) | undefined
  return e?.dest ?? e?.path
}

/**
 * `<path>: <reason>` for a file-system error, with the path the error names when there is one (else
 * `fallbackPath`): `/archive/archive.json: is a folder`.
 */
export function fsErrorMessage(error: unknown, fallbackPath?: string): string {
  const path = fsErrorPath(error) ?? fallbackPath
  return path ? `${path}: ${fsReason(error)}` : fsReason(error)
}
