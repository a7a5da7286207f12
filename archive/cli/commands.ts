import { readdir, stat } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { openArchiveStore, type ImportOutcome } from '../storage/archive-store.ts'
import { ArchiveSearch } from '../storage/archive-search.ts'
import { markSnippet } from '../search/highlight.ts'

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

async function expand(path: string): Promise<string[]> {
  let info
  try {
    info = await stat(path)
  } catch {
    return [path] // reported as failed by the store, with the reason
  }
  if (!info.isDirectory()) return [path]
  const entries = await readdir(path, { withFileTypes: true })
  const files: string[] = []
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(path, e.name)
    if (e.isDirectory()) files.push(...(await expand(full)))
    else if (IMPORTABLE.has(extname(e.name).toLowerCase())) files.push(full)
  }
  return files
}

/** `briefings import PATH... --archive DIR [--json]` */
export async function importCommand(args: string[]): Promise<number> {
  const archive = option(args, '--archive')
  const paths = positional(args, ['--archive'])
  if (!archive || paths.length === 0) {
    process.stderr.write('briefings import: usage: briefings import PATH... --archive DIR [--json]\n')
    return 1
  }
  const store = openArchiveStore(resolve(archive))
  const report: Record<'imported' | 'updated' | 'unchanged' | 'failed', unknown[]> = {
    imported: [],
    updated: [],
    unchanged: [],
    failed: []
  }
  for (const path of paths) {
    for (const file of await expand(path)) {
      const outcome: ImportOutcome = await store.importFile(file)
      if (outcome.status === 'failed') report.failed.push({ file, error: outcome.error })
      else report[outcome.status].push({ file, briefingId: outcome.briefingId, items: outcome.items })
    }
  }
  // keep the saved search index current so the next search starts at once
  const search = new ArchiveSearch(store)
  await search.refresh()
  search.close()
  if (args.includes('--json')) process.stdout.write(JSON.stringify(report, null, 2) + '\n')
  else {
    for (const k of ['imported', 'updated', 'unchanged', 'failed'] as const) {
      process.stdout.write(`${k}: ${report[k].length}\n`)
    }
    for (const f of report.failed as Array<{ error: string }>) process.stderr.write(`  ${f.error}\n`)
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
  try {
    const info = await stat(archive)
    if (!info.isDirectory()) throw new Error('not a folder')
  } catch {
    process.stderr.write(`briefings: cannot open archive ${archive}: no such folder\n`)
    return 2
  }
  const search = new ArchiveSearch(openArchiveStore(resolve(archive)))
  await search.refresh()
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
