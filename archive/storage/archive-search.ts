/**
 * The search index of an archive folder: one shard per publication year, saved under `<archive>/index/`
 * with a manifest (index format, normaliser, Lunr and parser versions, per shard a fingerprint and the
 * length and SHA-256 of both its files), loaded at start when current and verified, rebuilt shard by shard
 * when not. Old shards keep answering while new ones build.
 *
 * The manifest is the commit point: a shard's files are written first, then the manifest that names them, both
 * holding the archive's lock, so a reader sees the old index or the new one. A loaded shard keeps its text
 * file open, so a writer sweeping it away (it sweeps only `<year>-<fingerprint>.idx/.txt` names the manifest no
 * longer has, and its own dead temp files) never takes a text from under a reader. A shard that fails its
 * check (length, checksum, a header of another year, a file the manifest does not name for it) is rebuilt
 * from the briefings, and that is reported; a shard that cannot be saved (read-only archive) answers from memory.
 */
import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
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
import type { ArchiveStore, StoreWarning } from './archive-store.ts'
import { buildShardFiles, decodeShard, SHARD_FORMAT, type LoadedShard } from './shard-file.ts'
import { errorText } from './archive-folder.ts'
import { parseTempName, writeAtomic } from './write-atomic.ts'

/** Bumped when the index layout or what is indexed changes. */
export const INDEX_FORMAT = 4

/** Length and SHA-256 of a stored file. */
export interface FileCheck {
  bytes: number
  sha256: string
}

export interface ManifestShard {
  fingerprint: string
  /** `<key>-<fingerprint>`: the shard's files are `<file>.idx` and `<file>.txt`. */
  file: string
  briefings: number
  docs: number
  idx: FileCheck
  txt: FileCheck
}

export interface IndexManifest {
  indexFormat: number
  shardFormat: number
  normalizerVersion: number
  lunrVersion: string
  parserVersion: number
  shards: Record<string, ManifestShard>
}

const MANIFEST = 'manifest.json'
/** The names the index writes (and so the only ones its sweep removes). */
const SHARD_NAME = /^\d{4}-[0-9a-f]{16}\.(idx|txt)$/

const check = (bytes: Uint8Array): FileCheck => ({ bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') })

function isCheck(v: unknown): v is FileCheck {
  const c = v as Partial<FileCheck> | null
  return typeof c === 'object' && c !== null && Number.isInteger(c.bytes) && typeof c.sha256 === 'string'
}

function isManifestShard(key: string, v: unknown): v is ManifestShard {
  const e = v as Partial<ManifestShard> | null
  return (
    typeof e === 'object' && e !== null && typeof e.fingerprint === 'string' && e.file === `${key}-${e.fingerprint}` &&
    Number.isInteger(e.briefings) && Number.isInteger(e.docs) && isCheck(e.idx) && isCheck(e.txt)
  )
}

function emptyManifest(): IndexManifest {
  return {
    indexFormat: INDEX_FORMAT,
    shardFormat: SHARD_FORMAT,
    normalizerVersion: NORMALIZER_VERSION,
    lunrVersion: lunr.version,
    parserVersion: PARSER_VERSION,
    shards: {}
  }
}


/** Builds one shard's files; a worker thread in the app, in-process in tests. */
export type ShardBuilder = ((key: string, documents: SearchDocument[]) => Promise<{ index: Uint8Array; text: Uint8Array }>) & {
  /** How many shards it can build at once (worker threads); 1 when absent. */
  concurrency?: number
}

/** Length and SHA-256 of an open file, read in 1 MiB pieces. */
function hashFd(fd: number): FileCheck {
  const hash = createHash('sha256')
  const buf = Buffer.alloc(1 << 20)
  let total = 0
  const size = fstatSync(fd).size
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, total)
    if (n === 0) break
    hash.update(buf.subarray(0, n))
    total += n
    if (total > size + buf.length) break // a file growing under us: its length will not match
  }
  return { bytes: total, sha256: hash.digest('hex') }
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

  /** Why the last refresh failed (the archive refused or unreadable), or undefined after a good one. */
  failure(): string | undefined {
    return this.state.state === 'error' ? this.state.error : undefined
  }

  /** The archive's warnings and repairs since it opened, the index's included, oldest first. */
  warnings(): StoreWarning[] {
    return this.store.warnings()
  }

  /**
   * The committed manifest when it is current; undefined when missing or of other versions (rebuilt
   * silently: an upgrade), or damaged (rebuilt, and `damaged` says why). Entries that are malformed, or name
   * a file that is not theirs (another year's shard), are dropped.
   */
  private async readManifest(): Promise<{ manifest?: IndexManifest; damaged?: string }> {
    let text: string
    try {
      text = await readFile(join(this.indexDir, MANIFEST), 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return {}
      return { damaged: `unreadable (${errorText(error)})` }
    }
    let m: IndexManifest
    try {
      m = JSON.parse(text) as IndexManifest
    } catch {
      return { damaged: text.length === 0 ? 'empty' : 'corrupt JSON' }
    }
    if (typeof m !== 'object' || m === null || typeof m.shards !== 'object' || m.shards === null) return { damaged: 'not an index manifest' }
    const current =
      m.indexFormat === INDEX_FORMAT &&
      m.shardFormat === SHARD_FORMAT &&
      m.normalizerVersion === NORMALIZER_VERSION &&
      m.lunrVersion === lunr.version &&
      m.parserVersion === PARSER_VERSION
    if (!current) return {}
    const shards: Record<string, ManifestShard> = {}
    const dropped: string[] = []
    for (const [key, entry] of Object.entries(m.shards)) {
      if (/^\d{4}$/.test(key) && isManifestShard(key, entry)) shards[key] = entry
      else dropped.push(key)
    }
    return { manifest: { ...m, shards }, damaged: dropped.length > 0 ? `malformed entries for ${dropped.join(', ')}` : undefined }
  }

  /** Records a repair or a problem of the index with the archive's warnings. */
  private warn(file: string, message: string): void {
    this.store.warn(file, message)
  }

  /**
   * Loads a shard the manifest names, verifying both files against it (length and SHA-256) and that the
   * shard is the year's; its text file stays open. Throws naming the file and what is wrong.
   */
  private async loadShard(key: string, entry: ManifestShard): Promise<LoadedShard> {
    const idxName = `${entry.file}.idx`
    const txtName = `${entry.file}.txt`
    const idxPath = join(this.indexDir, idxName)
    const txtPath = join(this.indexDir, txtName)
    let bytes: Uint8Array
    try {
      bytes = await readFile(idxPath)
    } catch (error) {
      throw new Error(`index/${idxName}: ${errorText(error)}`, { cause: error })
    }
    const idx = check(bytes)
    if (idx.bytes !== entry.idx.bytes) throw new Error(`index/${idxName}: ${idx.bytes} bytes, the manifest says ${entry.idx.bytes}`)
    if (idx.sha256 !== entry.idx.sha256) throw new Error(`index/${idxName}: damaged (checksum mismatch)`)
    let fd: number
    try {
      fd = openSync(txtPath, 'r')
    } catch (error) {
      throw new Error(`index/${txtName}: ${errorText(error)}`, { cause: error })
    }
    try {
      const txt = hashFd(fd)
      if (txt.bytes !== entry.txt.bytes) throw new Error(`index/${txtName}: ${txt.bytes} bytes, the manifest says ${entry.txt.bytes}`)
      if (txt.sha256 !== entry.txt.sha256) throw new Error(`index/${txtName}: damaged (checksum mismatch)`)
      const loaded = decodeShard(bytes, txtPath, `index/${idxName}`, { fd, onDamage: (reason) => this.damaged(key, reason) })
      if (loaded.shard.key !== key) throw new Error(`index/${idxName}: a shard of ${loaded.shard.key}, not ${key}`)
      if (loaded.shard.docs.length !== entry.docs) throw new Error(`index/${idxName}: ${loaded.shard.docs.length} items, the manifest says ${entry.docs}`)
      return loaded
    } catch (error) {
      try {
        closeSync(fd)
      } catch {
        /* closed */
      }
      throw error
    }
  }

  /** A loaded shard found damaged while answering: told, and rebuilt at the next refresh. */
  private damaged(key: string, reason: string): void {
    this.warn(`index/${key}`, `${reason}; the shard is rebuilt`)
    const live = this.live.get(key)
    if (live) live.fingerprint = 'damaged'
    void this.refresh()
  }

  private async doRefresh(): Promise<void> {
    await this.store.ready
    const summaries = await this.store.list()
    const byYear = new Map<string, BriefingSummary[]>()
    for (const s of summaries) {
      const key = s.published.slice(0, 4)
      byYear.set(key, [...(byYear.get(key) ?? []), s])
    }
    const read = await this.readManifest()
    if (read.damaged) this.warn(`index/${MANIFEST}`, `${read.damaged}; the index is rebuilt where needed`)
    else if (!read.manifest && (await this.sweepable())) this.warn(`index/${MANIFEST}`, 'missing; the index is rebuilt')
    const manifest = read.manifest ?? emptyManifest()
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
          this.replace(key, fp, await this.loadShard(key, entry))
          loaded++
          this.report({ done: ++done })
          continue
        } catch (error) {
          this.warn(`index/${entry.file}`, `${error instanceof Error ? error.message.replace(/^index\/[^:]+: /, '') : String(error)}; rebuilt from the briefings`)
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
        else this.warn(`briefings/${s.id}.json`, 'listed but unreadable; left out of the search index')
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
    let unsaved = false
    // the items' texts are in the shard's bytes once built: the documents are not held while those are written
    const build = async (key: string): Promise<{ bytes: { index: Uint8Array; text: Uint8Array }; docCount: number }> => {
      const docs = await prefetch(key)
      reads.delete(key)
      if (queue[0]) void prefetch(queue[0].key).catch(() => undefined)
      return { bytes: await builder(key, docs), docCount: docs.length }
    }
    const buildOne = async ({ key, fp }: { key: string; fp: string }): Promise<void> => {
      const { bytes, docCount } = await build(key)
      const name = `${key}-${fp}`
      const entry: ManifestShard = {
        fingerprint: fp,
        file: name,
        briefings: byYear.get(key)?.length ?? 0,
        docs: docCount,
        idx: check(bytes.index),
        txt: check(bytes.text)
      }
      const txtPath = join(this.indexDir, `${name}.txt`)
      let fd: number | undefined
      try {
        // files first, then the manifest that names them: the commit point
        fd = await this.store.serial(async () => {
          await mkdir(this.indexDir, { recursive: true })
          await writeAtomic(txtPath, bytes.text)
          await writeAtomic(join(this.indexDir, `${name}.idx`), bytes.index)
          const opened = openSync(txtPath, 'r')
          await this.commit((m) => {
            m.shards[key] = entry
          })
          return opened
        })
      } catch (error) {
        if (!unsaved) this.warn('index', `not saved (${errorText(error)}); searching from memory, rebuilt at the next start`)
        unsaved = true
      }
      const source = fd === undefined ? { bytes: bytes.text } : { fd, onDamage: (reason: string) => this.damaged(key, reason) }
      this.replace(key, fp, decodeShard(bytes.index, txtPath, `index/${name}.idx`, source))
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
    // years no longer in the archive leave the manifest; shard files it no longer names are swept
    const obsolete = Object.keys(manifest.shards).some((k) => !byYear.has(k))
    if (obsolete || read.damaged !== undefined || (await this.sweepable())) {
      await this.store
        .serial(async () => {
          await this.commit((m) => {
            for (const key of Object.keys(m.shards)) if (!byYear.has(key)) delete m.shards[key]
          })
          await this.sweep()
        })
        .catch((error: unknown) => {
          if (!unsaved) this.warn('index', `not tidied (${errorText(error)})`)
        })
    }
    this.rebuildAliases()
    this.report({ state: 'ready', loaded, built })
  }

  /**
   * Re-reads the committed manifest (another process may have committed since), applies `change` and
   * writes it. Called holding the archive's lock.
   */
  private async commit(change: (m: IndexManifest) => void): Promise<void> {
    const m = (await this.readManifest()).manifest ?? emptyManifest()
    change(m)
    await writeAtomic(join(this.indexDir, MANIFEST), JSON.stringify(m, null, 2))
  }

  /** Whether the index folder holds shard files the manifest does not name (a sweep would remove them). */
  private async sweepable(): Promise<boolean> {
    const m = (await this.readManifest()).manifest
    const keep = new Set(Object.values(m?.shards ?? {}).flatMap((s) => [`${s.file}.idx`, `${s.file}.txt`]))
    const names = await readdir(this.indexDir).catch(() => [] as string[])
    return names.some((f) => SHARD_NAME.test(f) && !keep.has(f))
  }

  /**
   * Deletes the shard files the committed manifest does not name (only names of the form the index writes:
   * anything else in the folder is not ours and stays). Called holding the archive's lock.
   */
  private async sweep(): Promise<void> {
    const m = (await this.readManifest()).manifest
    const keep = new Set(Object.values(m?.shards ?? {}).flatMap((s) => [`${s.file}.idx`, `${s.file}.txt`]))
    for (const f of await readdir(this.indexDir)) {
      if (!SHARD_NAME.test(f) || keep.has(f) || parseTempName(f)) continue
      await rm(join(this.indexDir, f), { force: true }).catch(() => undefined)
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
      briefings: result.briefings,
      ...(result.groups !== undefined ? { groups: result.groups } : {}),
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
