/**
 * Walking the paths a user gives to an import (the command line's arguments, the app's open dialog, files
 * dropped on the window): files as they are, folders through their subfolders in name order, picking the
 * files with an importable extension. Nothing stops the walk: an unreadable folder, a broken symlink or a
 * symlink loop is one `failed` entry naming the path and the reason, and an archive folder inside (the target
 * archive, or another one) is skipped, never imported.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises'
import { extname, join, sep } from 'node:path'
import { isArchiveFolder } from './archive-folder.ts'
import { fsReason } from './fs-reason.ts'

/** File extensions picked up inside a folder (a file given by itself is always tried, whatever its name: JSON too). */
export const IMPORTABLE = new Set(['.txt', '.text', '.md', '.markdown', '.pdf', '.html', '.htm', '.hwpx', '.hwp'])

/** A file found by walking the paths given to an import, or an entry that could not be walked. */
export type Found = { file: string } | { failed: string; error: string } | { skipped: string; reason: string }

/**
 * The files to import from `path`: the path itself when it is not a folder (the import reports what is
 * wrong with it), else the importable files under it, in name order. Nothing stops the walk: an unreadable
 * folder, a broken symlink, a symlink loop or a symlink that leads outside the chosen folder is one `failed`
 * entry naming the path and the reason, and an archive folder inside (the target archive, or another one) is
 * skipped, never imported.
 */
export async function* walkInputs(path: string, archiveDir: string, stack: string[] = []): AsyncGenerator<Found> {
  let info
  try {
    info = await stat(path)
  } catch (error) {
    // at the top, the import names the reason; inside a folder, only an entry that would be imported is
    // reported unless it is a broken or looping symlink (it may have pointed to a folder)
    if (stack.length === 0) yield { file: path }
    else yield { failed: path, error: await entryError(path, error) }
    return
  }
  if (!info.isDirectory()) {
    yield { file: path }
    return
  }
  let real: string
  try {
    real = await realpath(path)
  } catch (error) {
    yield { failed: path, error: `${path}: ${fsReason(error)}` }
    return
  }
  if (stack.includes(real)) {
    yield { failed: path, error: `${path}: a symlink loop (it leads back to ${real})` }
    return
  }
  if (real === archiveDir || (await isArchiveFolder(real))) {
    yield { skipped: path, reason: real === archiveDir ? 'the archive being imported into' : 'an archive folder' }
    return
  }
  let entries
  try {
    entries = await readdir(path, { withFileTypes: true })
  } catch (error) {
    yield { failed: path, error: `${path}: folder not read: ${fsReason(error)}` }
    return
  }
  for (const e of entries.sort((x, y) => x.name.localeCompare(y.name))) {
    const full = join(path, e.name)
    if (e.isDirectory() || e.isSymbolicLink()) yield* walkEntry(full, e.isSymbolicLink(), archiveDir, [...stack, real])
    else if (IMPORTABLE.has(extname(e.name).toLowerCase())) yield { file: full }
  }
}

/** A folder or a symlink inside a walked folder: a symlink to a file counts when its name is importable. */
async function* walkEntry(full: string, link: boolean, archiveDir: string, stack: string[]): AsyncGenerator<Found> {
  if (!link) {
    yield* walkInputs(full, archiveDir, stack)
    return
  }
  // A symlink inside the chosen folder that leads out of it is not followed: the user chose that folder.
  const root = stack[0]
  const target = await realpath(full).catch(() => undefined)
  if (root !== undefined && target !== undefined && target !== root && !target.startsWith(root.endsWith(sep) ? root : root + sep)) {
    yield { failed: full, error: `${full}: not imported: a symlink that leads outside the chosen folder (to ${target})` }
    return
  }
  let info
  try {
    info = await stat(full)
  } catch (error) {
    yield { failed: full, error: await entryError(full, error) }
    return
  }
  if (info.isDirectory()) yield* walkInputs(full, archiveDir, stack)
  else if (IMPORTABLE.has(extname(full).toLowerCase())) yield { file: full }
}

/** Why an entry cannot be reached, in words (a symlink whose target is missing says so). */
async function entryError(path: string, error: unknown): Promise<string> {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    const link = await lstat(path).catch(() => undefined)
    if (link?.isSymbolicLink()) return `${path}: a broken symlink (what it points to is not found)`
  }
  return `${path}: ${fsReason(error)}`
}

