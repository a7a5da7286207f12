/** What the archive fault suites share: a small archive, snapshots of folders, corruptions, a search run. */
import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { openArchiveStore, type StoreWarning } from '../../../../archive/storage/index.ts'
import { ArchiveSearch } from '../../../../archive/storage/archive-search.ts'
import { miniBriefing } from '../../../helpers/mini-briefing.ts'

export const ROOT = resolve(import.meta.dirname, '../../../..')
export const BIN = join(ROOT, 'bin/briefings.js')
/** Node 24 (the project's), for child processes that run TypeScript. */
export const NODE = join(ROOT, 'node_modules/.bin/node')

/** The dates of the kit's briefings: two years, so two shards. */
export const DATES = ['2024-05-10', '2024-06-14', '2025-03-07']

export const briefingText = (date: string): string =>
  miniBriefing({ published: date, body: [`■ 허페이는 양자 ${date.replaceAll('-', '')} 정책을 발표(1.2)`, '- 연구소 설립 지원'] })

/** Every file and folder under `dir` with a hash of each file: equal snapshots mean nothing was touched. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name).slice(dir.length + 1)
    if (e.isDirectory()) out[`${path}/`] = 'dir'
    else if (e.isFile()) out[path] = createHash('sha256').update(readFileSync(join(e.parentPath, e.name))).digest('hex')
    else out[path] = 'other'
  }
  return out
}

export function tempDir(prefix: string, cleanups: Array<() => void>): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A fresh archive with the kit's briefings imported and its index built and saved. */
export async function buildArchive(dir: string, dates = DATES): Promise<void> {
  const store = openArchiveStore(dir, { onWarning: () => undefined })
  for (const d of dates) {
    const r = await store.importBytes(`kit-${d}.txt`, new TextEncoder().encode(briefingText(d)))
    if (r.status === 'failed') throw new Error(r.error)
  }
  const search = new ArchiveSearch(store, { onProgress: () => undefined })
  await search.refresh()
  search.close()
}

export function copyArchive(template: string, cleanups: Array<() => void>): string {
  const dir = tempDir('archive-fault-', cleanups)
  cpSync(template, dir, { recursive: true })
  return dir
}

export interface SearchRun {
  items: string[]
  total: number
  warnings: StoreWarning[]
  failure?: string
  built: number
  briefings: number
}

/** Opens the archive as the app or the command line does, refreshes its index and runs `query`. */
export async function runSearch(dir: string, query = '허페이'): Promise<SearchRun> {
  const warnings: StoreWarning[] = []
  const store = openArchiveStore(dir, { onWarning: (w) => warnings.push(w) })
  const search = new ArchiveSearch(store, { onProgress: () => undefined })
  await search.refresh()
  const r = search.search(query, { limit: 100 })
  // snippets of every hit are read: a damaged text must not throw or show foreign bytes
  for (const h of r.hits) if (/\\u0000|\ufffd/.test(JSON.stringify(h.snippet))) throw new Error(`snippet with unread bytes: ${JSON.stringify(h.snippet)}`)
  const items = r.hits.map((h) => h.itemId).sort()
  const briefings = (await store.list().catch(() => [])).length
  const run: SearchRun = { items, total: r.total, warnings, failure: search.failure(), built: search.progress().built, briefings }
  search.close()
  return run
}

/** The shard files of a year in an archive's index. */
export function shardOf(dir: string, year: string, ext: 'idx' | 'txt'): string {
  const name = readdirSync(join(dir, 'index')).find((f) => f.startsWith(`${year}-`) && f.endsWith(`.${ext}`))
  if (!name) throw new Error(`no ${year} .${ext} shard in ${dir}`)
  return `index/${name}`
}

export const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
