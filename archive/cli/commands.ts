import { realpath, stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { fsErrorMessage, fsReason } from '../storage/fs-reason.ts'
import { walkInputs } from '../storage/walk-inputs.ts'
import { openArchiveStore, type ImportOutcome } from '../storage/archive-store.ts'
import { ArchiveSearch } from '../storage/archive-search.ts'
import { markSnippet } from '../search/highlight.ts'
import { describeQueryError, parseQuery } from '../search/parse-query.ts'

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

/** An error about the archive folder, naming it: `archive /x: /x/archive.json: is a folder`. */
function archiveError(dir: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  if ((error as NodeJS.ErrnoException)?.code) return `archive ${dir}: ${fsErrorMessage(error, dir)}`
  return /^archive\b/.test(message) ? message : `archive ${dir}: ${message}`
}

/**
 * Opens the archive at `archive` and waits until it is usable; exit code 2 (the reason on stderr, once, naming the
 * archive: it is at fault, not the files) when it is not.
 */
async function openReadyArchive(archive: string): Promise<{ dir: string; store: ReturnType<typeof openArchiveStore> } | 2> {
  const dir = resolve(archive)
  const store = openArchiveStore(dir)
  try {
    await store.ready
  } catch (error) {
    process.stderr.write(`briefings: ${archiveError(dir, error)}\n`)
    return 2
  }
  return { dir, store }
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
  const opened = await openReadyArchive(archive)
  if (typeof opened === 'number') return opened
  const { dir, store } = opened
  const report: Record<'imported' | 'updated' | 'unchanged' | 'failed' | 'skipped', unknown[]> = {
    imported: [],
    updated: [],
    unchanged: [],
    failed: [],
    skipped: []
  }
  const archiveReal = await realpath(dir).catch(() => dir)
  for (const path of paths) {
    for await (const found of walkInputs(path, archiveReal)) {
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
  // keep the saved search index current so the next search starts at once; what parsing left behind is
  // collected first (bin/briefings.js exposes gc), so it does not sit beside the index build at its peak
  ;(globalThis as { gc?: () => void }).gc?.()
  const search = new ArchiveSearch(store)
  await search.refresh()
  const progress = search.progress()
  search.close()
  if (args.includes('--json')) {
    // the report as the search issue defined it; `skipped` (archive folders inside) only when there were some
    const { skipped, ...defined } = report
    process.stdout.write(JSON.stringify(skipped.length > 0 ? report : defined, null, 2) + '\n')
  } else {
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
  const opened = await openReadyArchive(archive)
  if (typeof opened === 'number') return opened
  const { dir, store } = opened
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
