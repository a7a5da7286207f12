import type { IndexShard, ShardDoc } from './build-index.ts'
import { mergeFilters, parseQuery, type ParsedQuery, type QueryFilters } from './parse-query.ts'
import { planQuery, type Atom, type Matcher } from './plan-query.ts'
import { normalizeText } from './normalize.ts'
import { isRegionMatch } from './region-match.ts'
import type { FacetCounts, SearchSort } from './results.ts'

export interface SearchOptions {
  /** Hits per page; with `groupOffset`, the page ends after the group that reaches it (at least one group). */
  limit?: number
  offset?: number
  /**
   * Pages by briefing instead of by hit: the briefings with hits in true order (newest issue first, then id),
   * and the page holds every hit of the groups from this one on (at most `groupLimit` groups).
   */
  groupOffset?: number
  groupLimit?: number
  /**
   * The order of the results ({@link SearchSort}); by default by date with `groupOffset`, else by relevance. Counts and paging cover the whole
   * result set in either order; grouped pages stay whole briefings in that order.
   */
  sort?: SearchSort
  /** Filters set by the UI, merged with those typed in the query. */
  filters?: QueryFilters
  /** Item ids that are bookmarked / annotated (for the is:bookmarked and is:annotated filters). */
  bookmarked?: ReadonlySet<string>
  annotated?: ReadonlySet<string>
  /** Item ids by note tag and by highlight colour (for tag: and color:). */
  tags?: ReadonlyMap<string, ReadonlySet<string>>
  colors?: ReadonlyMap<string, ReadonlySet<string>>
}

export interface RankedHit {
  shard: IndexShard
  doc: number
  meta: ShardDoc
  score: number
}

export type { FacetCounts }

export interface RankedResults {
  total: number
  /** Briefings with at least one hit, over the whole result set. */
  briefings: number
  /** With `groupOffset`: the number of briefing groups in this page. */
  groups?: number
  hits: RankedHit[]
  facets: FacetCounts
  matchers: Matcher[]
  query: ParsedQuery
}

/** Reads the display text of one item of a shard (title, headlines, body), for phrase checks. */
export type TextSource = (shard: IndexShard, doc: number) => string

/**
 * Tells whether an item's normalised text contains a normalised string; with `spacing`, spaces in the
 * text are ignored (a word), without it the string must occur exactly (a phrase).
 */
export type RunCheck = (shard: IndexShard, doc: number, needle: string, spacing: boolean) => boolean

type DocSet = { has(doc: number): boolean; size: number; score(doc: number): number; docs(): Iterable<number> }

function lowerBound(terms: string[], key: string): number {
  let lo = 0
  let hi = terms.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (terms[mid] < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

function postingSet(shard: IndexShard, t: number): DocSet {
  const from = shard.postStart[t]
  const to = shard.postStart[t + 1]
  const find = (doc: number): number => {
    let lo = from
    let hi = to
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (shard.postDocs[mid] < doc) lo = mid + 1
      else hi = mid
    }
    return lo < to && shard.postDocs[lo] === doc ? lo : -1
  }
  return {
    size: to - from,
    has: (doc) => find(doc) >= 0,
    score: (doc) => {
      const k = find(doc)
      return k >= 0 ? shard.postScores[k] : 0
    },
    docs: () => shard.postDocs.subarray(from, to)
  }
}

const EMPTY: DocSet = { size: 0, has: () => false, score: () => 0, docs: () => [] }

function mapSet(map: Map<number, number>): DocSet {
  return { size: map.size, has: (d) => map.has(d), score: (d) => map.get(d) ?? 0, docs: () => map.keys() }
}

/** Second-character index of CJK bigram terms, built lazily per shard for one-character queries. */
const endsWithIndex = new WeakMap<IndexShard, Map<string, number[]>>()

function unionOfTerms(shard: IndexShard, termIndices: Iterable<number>): DocSet {
  const map = new Map<number, number>()
  for (const t of termIndices) {
    for (let k = shard.postStart[t]; k < shard.postStart[t + 1]; k++) {
      const d = shard.postDocs[k]
      map.set(d, Math.max(map.get(d) ?? 0, shard.postScores[k]))
    }
  }
  return mapSet(map)
}

function* prefixRange(shard: IndexShard, prefix: string): Generator<number> {
  for (let t = lowerBound(shard.terms, prefix); t < shard.terms.length && shard.terms[t].startsWith(prefix); t++) yield t
}

function atomSet(shard: IndexShard, atom: Atom, cache: Map<string, DocSet>): DocSet {
  const key = `${atom.kind}:${atom.kind === 'term' ? atom.term : atom.kind === 'prefix' ? atom.prefix : atom.ch}`
  const hit = cache.get(key)
  if (hit) return hit
  let set: DocSet
  if (atom.kind === 'term') {
    const t = lowerBound(shard.terms, atom.term)
    set = t < shard.terms.length && shard.terms[t] === atom.term ? postingSet(shard, t) : EMPTY
  } else if (atom.kind === 'prefix') {
    set = unionOfTerms(shard, prefixRange(shard, atom.prefix))
  } else {
    let ends = endsWithIndex.get(shard)
    if (!ends) {
      ends = new Map()
      shard.terms.forEach((term, t) => {
        const cps = [...term]
        if (cps.length === 2) {
          const list = ends?.get(cps[1])
          if (list) list.push(t)
          else ends?.set(cps[1], [t])
        }
      })
      endsWithIndex.set(shard, ends)
    }
    set = unionOfTerms(shard, [...prefixRange(shard, atom.ch), ...(ends.get(atom.ch) ?? [])])
  }
  cache.set(key, set)
  return set
}

/** A matcher with its atoms looked up in one shard. */
interface Resolved {
  m: Matcher
  alts: DocSet[][]
  /** Sum over alternatives of their rarest posting: an upper bound of the matches. */
  estimate: number
}

function resolve(shard: IndexShard, m: Matcher, cache: Map<string, DocSet>): Resolved {
  const alts = m.alternatives.map((alt) => alt.map((a) => atomSet(shard, a, cache)).sort((a, b) => a.size - b.size))
  const estimate = alts.reduce((sum, sets) => sum + (sets[0]?.size ?? 0), 0)
  return { m, alts, estimate }
}

/** Documents matching every atom of one alternative, rarest posting first. */
function alternativeDocs(sets: DocSet[]): Map<number, number> {
  const out = new Map<number, number>()
  if (sets.length === 0 || sets[0].size === 0) return out
  outer: for (const d of sets[0].docs()) {
    let score = sets[0].score(d)
    for (let k = 1; k < sets.length; k++) {
      if (!sets[k].has(d)) continue outer
      score += sets[k].score(d)
    }
    out.set(d, score)
  }
  return out
}

/** The best score of a document for a matcher, or -1; with `check`, long words must occur as such. */
function matchesDoc(shard: IndexShard, r: Resolved, d: number, check?: RunCheck): number {
  let best = -1
  for (let ai = 0; ai < r.alts.length; ai++) {
    let score = 0
    let ok = true
    for (const set of r.alts[ai]) {
      if (!set.has(d)) {
        ok = false
        break
      }
      score += set.score(d)
    }
    if (!ok || score <= best) continue
    if (check && !r.m.runs[ai].every((run) => check(shard, d, run, true))) continue
    best = score
  }
  return best
}

/** Filter dimensions that have a facet; their bits say which filters a document fails. */
const SECTION = 1
const CATEGORY = 2
const REGION = 4
const BRIEFING = 8
const PUBLISHED = 16
/** Filters without a facet (event dates, bookmarked, annotated). */
const OTHER = 32

/** The filters a document fails, as a bit mask (0: it passes them all). */
function failedFilters(meta: ShardDoc, f: QueryFilters, options: SearchOptions): number {
  let failed = 0
  if (f.section && !f.section.some((s) => s === meta.section || s === meta.sectionTitle)) failed |= SECTION
  if (f.category && !f.category.some((c) => c === meta.category)) failed |= CATEGORY
  if (f.region && !f.region.some((r) => meta.regions.some((mr) => isRegionMatch(r, mr)))) failed |= REGION
  if (f.briefing && !f.briefing.includes(meta.briefingId)) failed |= BRIEFING
  if ((f.publishedFrom && meta.published < f.publishedFrom) || (f.publishedTo && meta.published > f.publishedTo)) {
    failed |= PUBLISHED
  }
  if (f.dateFrom && (!meta.date || meta.date < f.dateFrom)) failed |= OTHER
  if (f.dateTo && (!meta.date || meta.date > f.dateTo)) failed |= OTHER
  if (f.bookmarked && !options.bookmarked?.has(meta.itemId)) failed |= OTHER
  if (f.annotated && !options.annotated?.has(meta.itemId)) failed |= OTHER
  if (f.tag && !f.tag.some((t) => options.tags?.get(t)?.has(meta.itemId))) failed |= OTHER
  if (f.color && !f.color.some((c) => options.colors?.get(c)?.has(meta.itemId))) failed |= OTHER
  return failed
}

/** True when a mask has at most the one bit `dimension` set. */
function onlyFails(mask: number, dimension: number): boolean {
  return (mask & ~dimension) === 0
}

function emptyFacets(): FacetCounts {
  return { section: {}, category: {}, region: {}, briefing: {}, year: {} }
}

function count(rec: Record<string, number>, key: string | undefined): void {
  if (key) rec[key] = (rec[key] ?? 0) + 1
}

/** Runs a query over the shards of an index. */
export function searchShards(
  shards: IndexShard[],
  aliases: ReadonlyMap<string, ReadonlySet<string>>,
  input: string | ParsedQuery,
  options: SearchOptions = {},
  text?: TextSource,
  check?: RunCheck
): RankedResults {
  const query = typeof input === 'string' ? parseQuery(input) : input
  const filters = mergeFilters(query.filters, options.filters)
  const matchers = planQuery(query, aliases)
  const positive = matchers.filter((m) => !m.negate)
  const negative = matchers.filter((m) => m.negate)
  const hits: RankedHit[] = []
  const facets = emptyFacets()
  const hasFilter = Object.values(filters).some((v) => v !== undefined)
  if (positive.length === 0 && !hasFilter) return { total: 0, briefings: 0, hits, facets, matchers, query }

  for (const shard of shards) {
    const cache = new Map<string, DocSet>()
    let candidates: Map<number, number>
    const pos = positive.map((m) => resolve(shard, m, cache)).sort((a, b) => a.estimate - b.estimate)
    const neg = negative.filter((m) => !m.phrase).map((m) => resolve(shard, m, cache))
    if (pos.length === 0) {
      candidates = new Map(shard.docs.map((_, d) => [d, 0]))
    } else {
      // rarest matcher first; the others are membership tests on its candidates
      candidates = new Map()
      for (const sets of pos[0].alts) {
        for (const [d, s] of alternativeDocs(sets)) candidates.set(d, Math.max(candidates.get(d) ?? 0, s))
      }
      for (const r of pos.slice(1)) {
        for (const [d, s] of candidates) {
          const add = matchesDoc(shard, r, d)
          if (add < 0) candidates.delete(d)
          else candidates.set(d, s + add)
        }
      }
    }
    // Cheap checks first (filters), then the byte-level check that long words occur as such. A document
    // failing exactly one faceted filter is kept aside: it counts in that facet, so chips of one facet
    // can be combined (disjunctive facets), but it is not a hit.
    const verify = check ? pos.filter((r) => r.m.runs.some((runs) => runs.length > 0)) : []
    const phrases = matchers.filter((m) => m.phrase)
    const has = (d: number, phrase: string): boolean =>
      check ? check(shard, d, phrase, false) : normalizeText(text?.(shard, d) ?? '').includes(phrase)
    for (const [d, score] of candidates) {
      const meta = shard.docs[d]
      const mask = failedFilters(meta, filters, options)
      if (mask !== 0 && (mask & OTHER || (mask & (mask - 1)) !== 0)) continue // fails two filters
      if (verify.some((r) => matchesDoc(shard, r, d, check) < 0)) continue
      if (neg.some((r) => matchesDoc(shard, r, d, check) >= 0)) continue
      if ((check || text) && phrases.some((m) => has(d, m.phrase as string) === m.negate)) continue
      if (mask === 0) hits.push({ shard, doc: d, meta, score })
      if (onlyFails(mask, SECTION)) count(facets.section, meta.sectionTitle)
      if (onlyFails(mask, CATEGORY)) count(facets.category, meta.category)
      if (onlyFails(mask, REGION)) for (const r of meta.regions) count(facets.region, r)
      if (onlyFails(mask, BRIEFING)) count(facets.briefing, meta.briefingId)
      if (onlyFails(mask, PUBLISHED)) count(facets.year, meta.published.slice(0, 4))
    }
  }
  // Unsorted, each view keeps the order it always had: grouped newest issue first, the list best first.
  const sort = options.sort ?? (options.groupOffset !== undefined ? 'date' : 'relevance')
  hits.sort(sort === 'date' ? byDate : byRelevance)
  const limit = options.limit ?? 50
  const groups = groupByBriefing(hits, sort)
  const briefings = groups.length
  if (options.groupOffset !== undefined) {
    const page: RankedHit[] = []
    let taken = 0
    const groupLimit = options.groupLimit ?? Number.POSITIVE_INFINITY
    for (let g = options.groupOffset; g < groups.length && taken < groupLimit; g++) {
      if (taken > 0 && page.length + groups[g].length > limit) break
      page.push(...groups[g])
      taken++
    }
    return { total: hits.length, briefings, groups: taken, hits: page, facets, matchers, query }
  }
  const offset = options.offset ?? 0
  return { total: hits.length, briefings, hits: hits.slice(offset, offset + limit), facets, matchers, query }
}

/** Code-point order of two strings (the renderer uses the same, never the locale's). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Best score first; ties: newest issue first, then item id. */
function byRelevance(a: RankedHit, b: RankedHit): number {
  return b.score - a.score || compareText(b.meta.published, a.meta.published) || compareText(a.meta.itemId, b.meta.itemId)
}

/** Newest issue first, then briefing id; inside a briefing best score first, then item id. */
function byDate(a: RankedHit, b: RankedHit): number {
  return (
    compareText(b.meta.published, a.meta.published) ||
    compareText(a.meta.briefingId, b.meta.briefingId) ||
    b.score - a.score ||
    compareText(a.meta.itemId, b.meta.itemId)
  )
}

/**
 * Hits grouped by briefing, the groups in the order the results show them. By date (the default): newest
 * issue first, then by id (code points, the same order the renderer uses). By relevance: the group whose best
 * hit scores highest first, ties newest issue first, then id. Inside a group the hits keep their order.
 */
export function groupByBriefing(hits: readonly RankedHit[], sort: SearchSort = 'date'): RankedHit[][] {
  const groups = new Map<string, { hits: RankedHit[]; best: number }>()
  for (const h of hits) {
    const group = groups.get(h.meta.briefingId)
    if (group) {
      group.hits.push(h)
      group.best = Math.max(group.best, h.score)
    } else groups.set(h.meta.briefingId, { hits: [h], best: h.score })
  }
  return [...groups.values()]
    .sort((a, b) => {
      const [x, y] = [a.hits[0].meta, b.hits[0].meta]
      return (
        (sort === 'relevance' ? b.best - a.best : 0) ||
        compareText(y.published, x.published) ||
        compareText(x.briefingId, y.briefingId)
      )
    })
    .map((g) => g.hits)
}
