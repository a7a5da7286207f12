/**
 * `npm run bench [-- 52 520 2600]`: generates archives with the project's generator and measures, for
 * the app's Lunr index, a naive substring scan and MiniSearch with the same tokenizer: build time, size
 * on disk (raw and gzip), load time, memory after load, query latency p50/p95/max over a fixed query set.
 * Load, memory and latency are measured in a fresh child process per engine.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import MiniSearch from 'minisearch'
import { generateBriefings } from '../archive/sample/generate.ts'
import { briefingDocuments, type SearchDocument } from '../archive/search/documents.ts'
import { openArchiveStore } from '../archive/storage/archive-store.ts'
import { ArchiveSearch } from '../archive/storage/archive-search.ts'
import { createWorkerBuilder } from '../archive/storage/worker-builder.ts'
import { miniSearchOptions } from './bench/engines.ts'

interface ChildResult {
  engine: string
  loadMs: number
  heapMB: number
  arrayBuffersMB: number
  p50: number
  p95: number
  max: number
  snippetP50?: number
  snippetP95?: number
  totals: Record<string, number>
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0)
const counts = sizes.length ? sizes : [52, 520, 2600]
const child = new URL('./bench/child.ts', import.meta.url).pathname
const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(1)
const ms = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`)

function measure(engine: string, dir: string): ChildResult {
  const out = execFileSync(process.execPath, ['--expose-gc', child, engine, dir], { encoding: 'utf8', maxBuffer: 1 << 26 })
  return JSON.parse(out.trim().split('\n').at(-1) as string) as ChildResult
}

const rows: string[] = []
for (const n of counts) {
  const dir = mkdtempSync(join(tmpdir(), `bench-${n}-`))
  const store = openArchiveStore(dir)
  const generated = generateBriefings(n, { seed: 7 })
  for (const g of generated) {
    const r = await store.importBytes(g.fileName, new TextEncoder().encode(g.text))
    if (r.status === 'failed') throw new Error(r.error)
  }
  const docs: SearchDocument[] = []
  for (const s of await store.list()) {
    const b = await store.get(s.id)
    if (b) docs.push(...briefingDocuments(b))
  }
  writeFileSync(join(dir, 'bench-docs.json'), JSON.stringify(docs))

  // Lunr (the app): yearly shards built in the app's worker pool, off the calling thread
  const builder = createWorkerBuilder()
  const t0 = performance.now()
  const search = new ArchiveSearch(store, { builder })
  await search.refresh()
  const lunrBuild = performance.now() - t0
  search.close()
  await builder.close()
  const indexDir = join(dir, 'index')
  const idxFiles = readdirSync(indexDir).filter((f) => f.endsWith('.idx'))
  const idxBytes = idxFiles.reduce((s, f) => s + statSync(join(indexDir, f)).size, 0)
  const idxGzip = idxFiles.reduce((s, f) => s + gzipSync(readFileSync(join(indexDir, f))).length, 0)
  const txtBytes = readdirSync(indexDir)
    .filter((f) => f.endsWith('.txt'))
    .reduce((s, f) => s + statSync(join(indexDir, f)).size, 0)

  // MiniSearch with the same tokenizer
  const t1 = performance.now()
  const mini = new MiniSearch<SearchDocument>(miniSearchOptions())
  mini.addAll(docs)
  const miniJson = JSON.stringify(mini)
  const miniBuild = performance.now() - t1
  writeFileSync(join(dir, 'minisearch.json'), miniJson)
  const miniBytes = Buffer.byteLength(miniJson)
  const miniGzip = gzipSync(miniJson).length

  const docsJson = readFileSync(join(dir, 'bench-docs.json'))
  const lunr = measure('lunr', dir)
  const naive = measure('naive', dir)
  const ms2 = measure('minisearch', dir)
  const agree = Object.keys(lunr.totals).filter((q) => lunr.totals[q] === naive.totals[q]).length

  rows.push(
    `| ${n} (${docs.length} items) | Lunr (app) | ${ms(lunrBuild)} | ${mb(idxBytes)} MB (+${mb(txtBytes)} MB text) / ${mb(idxGzip)} MB | ${ms(lunr.loadMs)} | ${lunr.heapMB.toFixed(1)} + ${lunr.arrayBuffersMB.toFixed(1)} MB | ${ms(lunr.p50)} / ${ms(lunr.p95)} / ${ms(lunr.max)} |`,
    `| | naive scan | — | ${mb(docsJson.length)} MB / ${mb(gzipSync(docsJson).length)} MB | ${ms(naive.loadMs)} | ${naive.heapMB.toFixed(1)} MB | ${ms(naive.p50)} / ${ms(naive.p95)} / ${ms(naive.max)} |`,
    `| | MiniSearch | ${ms(miniBuild)} | ${mb(miniBytes)} MB / ${mb(miniGzip)} MB | ${ms(ms2.loadMs)} | ${ms2.heapMB.toFixed(1)} MB | ${ms(ms2.p50)} / ${ms(ms2.p95)} / ${ms(ms2.max)} |`,
    `| | Lunr + 20 snippets (what the app shows) | | | | | ${ms(lunr.snippetP50 ?? 0)} / ${ms(lunr.snippetP95 ?? 0)} / — |`,
    `| | ratios (naive / Lunr, MiniSearch / Lunr) | ${(miniBuild / lunrBuild).toFixed(1)}× (MiniSearch) | | ${(naive.loadMs / lunr.loadMs).toFixed(1)}× / ${(ms2.loadMs / lunr.loadMs).toFixed(1)}× | ${(naive.heapMB / (lunr.heapMB + lunr.arrayBuffersMB)).toFixed(1)}× / ${(ms2.heapMB / (lunr.heapMB + lunr.arrayBuffersMB)).toFixed(1)}× | p95 ${(naive.p95 / lunr.p95).toFixed(1)}× / ${(ms2.p95 / lunr.p95).toFixed(1)}×; hit counts equal to the scan's on ${agree}/${Object.keys(lunr.totals).length} queries |`
  )
  process.stderr.write(`${n} briefings done\n`)
  if (process.env.BENCH_VERBOSE) {
    for (const q of Object.keys(lunr.totals)) {
      process.stderr.write(`  ${q.padEnd(24)} lunr ${lunr.totals[q]}  naive ${naive.totals[q]}  minisearch ${ms2.totals[q]}\n`)
    }
  }
  rmSync(dir, { recursive: true, force: true })
}

process.stdout.write(
  [
    `Node ${process.versions.node}, ${process.platform}/${process.arch}, ${availableParallelism()} cores; ${new Date().toISOString().slice(0, 10)}`,
    '',
    '| briefings | engine | build | index size raw / gzip | load | memory after load (heap + buffers) | query p50 / p95 / max |',
    '|---|---|---|---|---|---|---|',
    ...rows
  ].join('\n') + '\n'
)
