/**
 * Loads one engine's saved index in a fresh process, reports load time and memory after a full GC,
 * then runs the query set: `node --expose-gc scripts/bench/child.ts <engine> <dir>`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import type { SearchDocument } from '../../archive/search/documents.ts'
import { openArchiveStore } from '../../archive/storage/archive-store.ts'
import { ArchiveSearch } from '../../archive/storage/archive-search.ts'
import { miniSearchOptions, miniSearchQuery, NaiveScan } from './engines.ts'
import { BENCH_QUERIES } from './queries.ts'

const [engine, dir] = process.argv.slice(2)
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined)
gc()
const base = process.memoryUsage()

const t0 = performance.now()
let run: (q: string) => number
let withSnippets: ((q: string) => number) | undefined
if (engine === 'lunr') {
  const search = new ArchiveSearch(openArchiveStore(dir))
  await search.refresh()
  if (search.progress().built > 0) throw new Error('bench: the lunr index was rebuilt instead of loaded')
  // the same work as the other engines: every matching item found, ranked, counted and faceted
  run = (q) => search.search(q, { limit: 20, snippets: false }).total
  // what the app shows: plus snippets and highlight matches for the first 20 hits
  withSnippets = (q) => search.search(q, { limit: 20 }).total
} else if (engine === 'naive') {
  const docs = JSON.parse(readFileSync(join(dir, 'bench-docs.json'), 'utf8')) as SearchDocument[]
  const scan = new NaiveScan(docs)
  run = (q) => scan.search(q)
} else {
  const ms = MiniSearch.loadJSON<SearchDocument>(readFileSync(join(dir, 'minisearch.json'), 'utf8'), miniSearchOptions())
  run = (q) => miniSearchQuery(ms, q)
}
const loadMs = performance.now() - t0
gc()
const mem = process.memoryUsage()

const latencies: number[] = []
const totals: Record<string, number> = {}
for (const q of BENCH_QUERIES) totals[q] = run(q) // warm-up
for (let round = 0; round < 5; round++) {
  for (const q of BENCH_QUERIES) {
    const t = performance.now()
    run(q)
    latencies.push(performance.now() - t)
  }
}
latencies.sort((a, b) => a - b)
const pct = (p: number, list = latencies): number => list[Math.min(list.length - 1, Math.floor((p / 100) * list.length))]
const snippetLatencies: number[] = []
if (withSnippets) {
  for (const q of BENCH_QUERIES) withSnippets(q)
  for (let round = 0; round < 5; round++) {
    for (const q of BENCH_QUERIES) {
      const t = performance.now()
      withSnippets(q)
      snippetLatencies.push(performance.now() - t)
    }
  }
  snippetLatencies.sort((a, b) => a - b)
}
process.stdout.write(
  JSON.stringify({
    engine,
    loadMs,
    heapMB: (mem.heapUsed - base.heapUsed) / 2 ** 20,
    arrayBuffersMB: (mem.arrayBuffers - base.arrayBuffers) / 2 ** 20,
    p50: pct(50),
    p95: pct(95),
    max: latencies[latencies.length - 1],
    snippetP50: snippetLatencies.length ? pct(50, snippetLatencies) : undefined,
    snippetP95: snippetLatencies.length ? pct(95, snippetLatencies) : undefined,
    totals
  }) + '\n'
)
