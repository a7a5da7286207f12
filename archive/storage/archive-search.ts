/**
 * The search index of an archive folder: one shard per publication year, saved under `<archive>/index/`
 * with a manifest (index format, normaliser, Lunr and parser versions, a fingerprint per shard), loaded
 * at start when current, rebuilt shard by shard when not. Old shards keep answering while new ones build.
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import lunr from 'lunr'
import type { BriefingSummary } from '../model/briefing.ts'
import { PARSER_VERSION } from '../parser/parse-briefing.ts'
import { briefingDocuments, type SearchDocument } from '../search/documents.ts'
import { NORMALIZER_VERSION } from '../search/normalize.ts'
import { searchShards, type SearchOptions } from '../search/search-index.ts'
import { findMatches, makeSnippet } from '../search/highlight.ts'
import { mergeFilters, parseQuery } from '../search/parse-query.ts'
import type { FindInBriefingResult, IndexProgress, SearchHitView, SearchResponse } from '../search/results.ts'

export type { FindInBriefingResult, IndexProgress, SearchHitView, SearchResponse }
import type { ArchiveStore } from './archive-store.ts'
import { buildShardFiles, decodeShard, SHARD_FORMAT, type LoadedShard } from './shard-file.ts'
import { writeAtomic } from './write-atomic.ts'

/** Bumped when the index layout or what is indexed changes. */
export const INDEX_FORMAT = 2

export interface IndexManifest {
  indexFormat: number
  shardFormat: number
  normalizerVersion: number
  lunrVersion: string
  parserVersion: number
  shards: Record<string, { fingerprint: string; file: string; briefings: number; docs: number }>
}


/** Builds one shard's files; a worker thread in the app, in-process in tests. */
export type ShardBuilder = ((key: string, documents: SearchDocument[]) => Promise<{ index: Uint8Array; text: Uint8Array }>) & {
  /** How many shards it can build at once (worker threads); 1 when absent. */
  concurrency?: number
}

/** Builds a shard on the calling thread. */
const inProcessBuilder: ShardBuilder = async (key, documents) => buildShardFiles(key, documents)

function fingerprint(briefings: BriefingSummary[]): string {
  const h = createHash('sha256').update(`parser:${PARSER_VERSION};normalizer:${NORMALIZER_VERSION};`)
  for (const b of [...briefings].sort((x, y) => (x.id < y.id ? -1 : 1))) h.update(`${b.id}:${b.sourceHash};`)
  return h.digest('hex').slice(0, 16)
}

interface Live {
  loaded: LoadedShard
  fingerprint: string
}

export interface ArchiveSearchOptions {
  builder?: ShardBuilder
  onProgress?: (progress: IndexProgress) => void
}

/** The archive's search index: load or build, query, keep up to date. */
export class ArchiveSearch {
  readonly indexDir: string
  private live = new Map<string, Live>()
  private aliases = new Map<string, Set<string>>()
  private state: IndexProgress = { state: 'idle', done: 0, total: 0, loaded: 0, built: 0 }
  private running: Promise<void> = Promise.resolve()
  private readonly store: ArchiveStore
  private readonly options: ArchiveSearchOptions

  constructor(store: ArchiveStore, options: ArchiveSearchOptions = {}) {
    this.store = store
    this.options = options
    this.indexDir = join(store.dir, 'index')
  }

  progress(): IndexProgress {
    return { ...this.state, items: this.size() }
  }

  private report(patch: Partial<IndexProgress>): void {
    this.state = { ...this.state, ...patch }
    this.options.onProgress?.(this.progress())
  }

  /** Brings the index up to date with the archive; calls made during a refresh run after it. */
  refresh(): Promise<void> {
    this.running = this.running.then(() => this.doRefresh()).catch((error: unknown) => {
      this.report({ state: 'error', error: error instanceof Error ? error.message : String(error) })
    })
    return this.running
  }

  private async readManifest(): Promise<IndexManifest | undefined> {
    try {
      const m = JSON.parse(await readFile(join(this.indexDir, 'manifest.json'), 'utf8')) as IndexManifest
      const current =
        m.indexFormat === INDEX_FORMAT &&
        m.shardFormat === SHARD_FORMAT &&
        m.normalizerVersion === NORMALIZER_VERSION &&
        m.lunrVersion === lunr.version &&
        m.parserVersion === PARSER_VERSION
      return current ? m : undefined
    } catch {
      return undefined
    }
  }

  private async doRefresh(): Promise<void> {
    await mkdir(this.indexDir, { recursive: true })
    const summaries = await this.store.list()
    const byYear = new Map<string, BriefingSummary[]>()
    for (const s of summaries) {
      const key = s.published.slice(0, 4)
      byYear.set(key, [...(byYear.get(key) ?? []), s])
    }
    const manifest: IndexManifest = (await this.readManifest()) ?? {
      indexFormat: INDEX_FORMAT,
      shardFormat: SHARD_FORMAT,
      normalizerVersion: NORMALIZER_VERSION,
      lunrVersion: lunr.version,
      parserVersion: PARSER_VERSION,
      shards: {}
    }
    const keys = [...byYear.keys()].sort()
    this.report({ state: 'loading', done: 0, total: keys.length, loaded: 0, built: 0, error: undefined })
    let done = 0
    let loaded = 0
    let built = 0
    const stale: Array<{ key: string; fp: string }> = []
    for (const key of keys) {
      const fp = fingerprint(byYear.get(key) ?? [])
      if (this.live.get(key)?.fingerprint === fp) {
        this.report({ done: ++done })
        continue
      }
      const entry = manifest.shards[key]
      if (entry?.fingerprint === fp) {
        try {
          const file = join(this.indexDir, `${entry.file}.idx`)
          this.replace(key, fp, decodeShard(await readFile(file), join(this.indexDir, `${entry.file}.txt`), file))
          loaded++
          this.report({ done: ++done })
          continue
        } catch {
          // unreadable or truncated: rebuilt below
        }
      }
      stale.push({ key, fp })
    }
    if (stale.length > 0) this.report({ state: 'building' })
    const builder = this.options.builder ?? inProcessBuilder
    const readDocs = async (key: string): Promise<SearchDocument[]> => {
      const docs: SearchDocument[] = []
      for (const s of byYear.get(key) ?? []) {
        const b = await this.store.get(s.id)
        if (b) docs.push(...briefingDocuments(b))
      }
      return docs
    }
    // the next shard's briefings are read while the workers build: the workers never wait for the disk
    const reads = new Map<string, Promise<SearchDocument[]>>()
    const prefetch = (key: string): Promise<SearchDocument[]> => {
      let p = reads.get(key)
      if (!p) reads.set(key, (p = readDocs(key)))
      return p
    }
    const buildOne = async ({ key, fp }: { key: string; fp: string }): Promise<void> => {
      const docs = await prefetch(key)
      reads.delete(key)
      if (queue[0]) void prefetch(queue[0].key).catch(() => undefined)
      const bytes = await builder(key, docs)
      const name = `${key}-${fp}`
      await writeAtomic(join(this.indexDir, `${name}.txt`), bytes.text)
      await writeAtomic(join(this.indexDir, `${name}.idx`), bytes.index)
      manifest.shards[key] = { fingerprint: fp, file: name, briefings: byYear.get(key)?.length ?? 0, docs: docs.length }
      this.replace(key, fp, decodeShard(bytes.index, join(this.indexDir, `${name}.txt`), `${name}.idx`))
      built++
      this.report({ done: ++done })
    }
    // build as many shards at once as the builder has workers; the old shards keep answering meanwhile
    // largest years first, so the last round leaves as little idle time as possible
    const queue = [...stale].sort((x, y) => (byYear.get(y.key)?.length ?? 0) - (byYear.get(x.key)?.length ?? 0))
    const lanes = Array.from({ length: Math.max(1, Math.min(builder.concurrency ?? 1, queue.length)) }, async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await buildOne(job)
    })
    await Promise.all(lanes)
    for (const key of [...this.live.keys()]) {
      if (!byYear.has(key)) {
        this.live.get(key)?.loaded.close()
        this.live.delete(key)
      }
    }
    for (const key of Object.keys(manifest.shards)) if (!byYear.has(key)) delete manifest.shards[key]
    await writeAtomic(join(this.indexDir, 'manifest.json'), JSON.stringify(manifest, null, 2))
    await this.sweep(manifest)
    this.rebuildAliases()
    this.report({ state: 'ready', loaded, built })
  }

  /** Deletes shard files the manifest no longer names. */
  private async sweep(manifest: IndexManifest): Promise<void> {
    const keep = new Set(Object.values(manifest.shards).flatMap((s) => [`${s.file}.idx`, `${s.file}.txt`]))
    for (const f of await readdir(this.indexDir)) {
      if (f === 'manifest.json' || keep.has(f)) continue
      await rm(join(this.indexDir, f), { force: true })
    }
  }

  private replace(key: string, fingerprint: string, loaded: LoadedShard): void {
    this.live.get(key)?.loaded.close()
    this.live.set(key, { loaded, fingerprint })
  }

  private rebuildAliases(): void {
    this.aliases = new Map()
    for (const { loaded } of this.live.values()) {
      for (const [a, b] of loaded.shard.aliases) {
        if (!this.aliases.has(a)) this.aliases.set(a, new Set())
        if (!this.aliases.has(b)) this.aliases.set(b, new Set())
        this.aliases.get(a)?.add(b)
        this.aliases.get(b)?.add(a)
      }
    }
  }

  /** Where a query matches inside one briefing, item by item in reading order (find in briefing). */
  findInBriefing(briefingId: string, query: string): FindInBriefingResult {
    const r = this.search(query, { limit: 10_000, filters: { briefing: [briefingId] } })
    const items = r.hits
      .filter((h) => h.matches.length > 0)
      .sort((a, b) => compareItemIds(a.itemId, b.itemId))
      .map((h) => ({ itemId: h.itemId, matches: h.matches }))
    return { total: items.length, items }
  }

  /** Runs a query; snippets and matches are made for the returned page only. */
  search(query: string, options: SearchOptions & { snippets?: boolean } = {}): SearchResponse {
    const t0 = performance.now()
    const shards = [...this.live.values()].map((l) => l.loaded)
    const byShard = new Map(shards.map((l) => [l.shard, l]))
    const parsed = parseQuery(query)
    const result = searchShards(
      shards.map((l) => l.shard),
      this.aliases,
      parsed,
      options,
      (shard, doc) => byShard.get(shard)?.text(doc) ?? '',
      (shard, doc, needle, spacing) => byShard.get(shard)?.contains(doc, needle, spacing) ?? false
    )
    const withSnippets = options.snippets !== false
    const hits = result.hits.map((h): SearchHitView => {
      const text = withSnippets ? (byShard.get(h.shard)?.text(h.doc) ?? '') : ''
      const ranges = withSnippets ? findMatches(text, result.matchers) : []
      return {
        briefingId: h.meta.briefingId,
        itemId: h.meta.itemId,
        title: h.meta.title,
        score: Math.round(h.score * 1000) / 1000,
        published: h.meta.published,
        date: h.meta.date,
        section: h.meta.section,
        sectionTitle: h.meta.sectionTitle,
        category: h.meta.category,
        regions: h.meta.regions,
        snippet: makeSnippet(text.slice(text.indexOf('\n') + 1), shiftRanges(ranges, text.indexOf('\n') + 1)),
        matches: [...new Set(ranges.map((r) => text.slice(r.start, r.end)))]
      }
    })
    return {
      total: result.total,
      hits,
      facets: result.facets,
      filters: mergeFilters(parsed.filters, options.filters),
      tookMs: performance.now() - t0
    }
  }

  /** Number of indexed items. */
  size(): number {
    let n = 0
    for (const { loaded } of this.live.values()) n += loaded.shard.docs.length
    return n
  }

  close(): void {
    for (const { loaded } of this.live.values()) loaded.close()
    this.live.clear()
  }
}

const ROMAN_ORDER = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']

/** Orders item ids `…/II-03` by section, then item number. */
function compareItemIds(a: string, b: string): number {
  const key = (id: string): [number, number] => {
    const [sec, num] = id.slice(id.lastIndexOf('/') + 1).split('-')
    return [ROMAN_ORDER.indexOf(sec), Number(num)]
  }
  const [sa, na] = key(a)
  const [sb, nb] = key(b)
  return sa - sb || na - nb
}

function shiftRanges(ranges: Array<{ start: number; end: number }>, by: number): Array<{ start: number; end: number }> {
  return ranges.filter((r) => r.start >= by).map((r) => ({ start: r.start - by, end: r.end - by }))
}
