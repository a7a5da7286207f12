import { lstat, readdir, realpath, stat } from 'node:fs/promises'
import { basename, extname, join, resolve } from 'node:path'
import { isArchiveFolder } from '../storage/archive-folder.ts'
import { fsErrorMessage, fsReason } from '../storage/fs-reason.ts'
import { openArchiveStore, type ImportOutcome } from '../storage/archive-store.ts'
import { ArchiveSearch } from '../storage/archive-search.ts'
import { markSnippet } from '../search/highlight.ts'
import { describeQueryError, parseQuery } from '../search/parse-query.ts'

/** File extensions `briefings import` picks up when given a folder. */
const IMPORTABLE = new Set(['.txt', '.text', '.md'])

/** The value after `name` in `args`, if any. */
export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

/** The arguments that are neither options nor the values of the `valued` options. */
export function positional(args: string[], valued: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    if (valued.includes(args[i])) i++
    else if (!args[i].startsWith('--')) out.push(args[i])
  }
  return out
}

/** A file found by walking the paths given to `briefings import`, or an entry that could not be walked. */
type Found = { file: string } | { failed: string; error: string } | { skipped: string; reason: string }

/**
 * The files to import from `path`: the path itself when it is not a folder (the import reports what is
 * wrong with it), else the importable files under it, in name order. Nothing stops the walk: an unreadable
 * folder, a broken symlink or a symlink loop is one `failed` entry naming the path and the reason, and an
 * archive folder inside (the target archive, or another one) is skipped, never imported.
 */
async function* walk(path: string, archiveDir: string, stack: string[] = []): AsyncGenerator<Found> {
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
    yield* walk(full, archiveDir, stack)
    return
  }
  let info
  try {
    info = await stat(full)
  } catch (error) {
    yield { failed: full, error: await entryError(full, error) }
    return
  }
  if (info.isDirectory()) yield* walk(full, archiveDir, stack)
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

/** An error about the archive folder, naming it: `archive /x: /x/archive.json: is a folder`. */
function archiveError(dir: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if ((error as NodeJS.ErrnoException)?.code) return `archive ${dir}: ${fsErrorMessage(error, dir)}`
  return /^archive\b/.test(message) ? message : `archive ${dir}: ${message}`
}

/** An import error with the file's full path in front instead of its base name. */
function withPath(file: string, error: string): string {
  const base = basename(file)
  if (error.startsWith(`${file}:`)) return error
  return error.startsWith(`${base}:`) ? `${file}${error.slice(base.length)}` : `${file}: ${error}`
}

/** `briefings import PATH... --archive DIR [--json]` */
export async function importCommand(args: string[]): Promise<number> {
  const archive = option(args, '--archive')
  const paths = positional(args, ['--archive'])
  if (!archive || paths.length === 0) {
    process.stderr.write('briefings import: usage: briefings import PATH... --archive DIR [--json]\n')
    return 1
  }
  const dir = resolve(archive)
  const store = openArchiveStore(dir)
  try {
    await store.ready
  } catch (error) {
    // the archive is at fault, not the files: say so once instead of failing every file with it
    process.stderr.write(`briefings: ${archiveError(dir, error)}\n`)
    return 2
  }
  const report: Record<'imported' | 'updated' | 'unchanged' | 'failed' | 'skipped', unknown[]> = {
    imported: [],
    updated: [],
    unchanged: [],
    failed: [],
    skipped: []
  }
  const archiveReal = await realpath(dir).catch(() => dir)
  for (const path of paths) {
    for await (const found of walk(path, archiveReal)) {
      if ('failed' in found) {
        report.failed.push({ file: found.failed, error: found.error })
        continue
      }
      if ('skipped' in found) {
        report.skipped.push({ file: found.skipped, reason: found.reason })
        continue
      }
      const { file } = found
      const outcome: ImportOutcome = await store.importFile(file)
      if (outcome.status === 'failed') report.failed.push({ file, error: withPath(file, outcome.error) })
      else report[outcome.status].push({ file, briefingId: outcome.briefingId, items: outcome.items })
    }
  }
  // keep the saved search index current so the next search starts at once
  const search = new ArchiveSearch(store)
  await search.refresh()
  const progress = search.progress()
  search.close()
  if (args.includes('--json')) process.stdout.write(JSON.stringify(report, null, 2) + '\n')
  else {
    for (const k of ['imported', 'updated', 'unchanged', 'failed'] as const) {
      process.stdout.write(`${k}: ${report[k].length}\n`)
    }
    if (report.skipped.length > 0) process.stdout.write(`skipped: ${report.skipped.length}\n`)
    for (const f of report.failed as Array<{ error: string }>) process.stderr.write(`  ${f.error}\n`)
    for (const f of report.skipped as Array<{ file: string; reason: string }>) {
      process.stderr.write(`  ${f.file}: skipped (${f.reason})\n`)
    }
  }
  if (progress.state === 'error') {
    process.stderr.write(`briefings: archive ${dir}: the search index was not updated: ${progress.error ?? 'unknown error'}\n`)
    return 2
  }
  return report.failed.length === 0 ? 0 : 1
}

/** `briefings search "QUERY" --archive DIR [--json] [--limit N]` */
export async function searchCommand(args: string[]): Promise<number> {
  const archive = option(args, '--archive')
  const limitText = option(args, '--limit')
  const [query] = positional(args, ['--archive', '--limit'])
  const limit = limitText === undefined ? 20 : Number(limitText)
  if (!archive || query === undefined || !Number.isInteger(limit) || limit < 0) {
    process.stderr.write('briefings search: usage: briefings search "QUERY" --archive DIR [--json] [--limit N]\n')
    return 1
  }
  // a filter that cannot be applied is an error, not a search without it
  const { errors } = parseQuery(query)
  if (errors.length > 0) {
    for (const e of errors) process.stderr.write(`briefings search: ${describeQueryError(e)}\n`)
    return 2
  }
  try {
    const info = await stat(archive)
    if (!info.isDirectory()) throw new Error('not a folder')
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ? fsReason(error) : 'not a folder'
    process.stderr.write(`briefings: cannot open archive ${archive}: ${why}\n`)
    return 2
  }
  const dir = resolve(archive)
  const store = openArchiveStore(dir)
  try {
    await store.ready
  } catch (error) {
    process.stderr.write(`briefings: ${archiveError(dir, error)}\n`)
    return 2
  }
  const search = new ArchiveSearch(store)
  await search.refresh()
  const progress = search.progress()
  if (progress.state === 'error') {
    search.close()
    process.stderr.write(`briefings: archive ${dir}: the search index cannot be used: ${progress.error ?? 'unknown error'}\n`)
    return 2
  }
  const result = search.search(query, { limit })
  search.close()
  const hits = result.hits.map((h) => ({
    briefingId: h.briefingId,
    itemId: h.itemId,
    title: h.title,
    score: h.score,
    snippet: markSnippet(h.snippet)
  }))
  if (args.includes('--json')) {
    process.stdout.write(JSON.stringify({ total: result.total, hits }, null, 2) + '\n')
  } else {
    process.stdout.write(`${result.total} items\n`)
    for (const h of hits) process.stdout.write(`${h.itemId}  ${h.title}\n    ${h.snippet}\n`)
  }
  return 0
}
