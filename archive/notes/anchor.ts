/**
 * Anchoring: turns a selection into a quote, finds a quote in an item, and re-finds every annotation in a
 * briefing's current text after the briefing was corrected or re-parsed. Pure and synchronous.
 *
 * Matching happens in the item's canonical text (the search normaliser: curly and straight quotes alike,
 * whitespace collapsed, Han folded …) with its spaces taken out, so a quote still matches when a corrected
 * issue writes `양자컴퓨팅` for `양자 컴퓨팅`, and when it was taken from the displayed article, whose text nodes
 * join blocks and table cells without the newline the item text has between them. Positions are kept in
 * the canonical text (with its spaces), placements are given in the item's raw text (item-text.ts `raw`).
 *
 * A highlight is resolved in this order (the first step that succeeds is recorded as `via`):
 *  1. `hash`: the item's text is the one the position was taken in (same hash, same normaliser) → the position;
 *  2. `position`: the stored position still holds the quote (Hypothesis's maybeAssertQuote);
 *  3. `quote`: the quote occurs exactly in the item (several times: prefix/suffix similarity, then nearest
 *     to the stored position);
 *  4. `elsewhere`: the quote occurs exactly in another item of the briefing (renumbered, merged); a quote
 *     shorter than 8 characters is taken only where the context it has (prefix, suffix) agrees (≥ 0.75);
 *  5. `fuzzy`: approx-string-match in the item followed (never in another one), scored like Hypothesis
 *     (quote 50, prefix 20, suffix 20, position 2; at most min(256, length / 2) errors), only for quotes of
 *     8+ characters and a normalised score ≥ 0.75;
 *  6. otherwise orphan: kept, listed, never guessed.
 * "The item" is the item the annotation follows: its id when the title (normalised, spaces ignored) still
 * matches; else another item with that title (renumbered); else, when the title was corrected, an item with
 * a similar title (the id's own item first); with no item title stored, the id. Item notes and bookmarks
 * land on that item, `exact` when it is the same id with the same title, `moved` otherwise, orphan when no
 * item fits (an id whose item now has an unrelated title is someone else's item: the note is not put there).
 */
import approxSearch from 'approx-string-match'
import { allItems, type Briefing, type Item } from '../model/briefing.ts'
import { NORMALIZER_VERSION, normalizeForSearch, normalizeText, sourceRange, type NormalizedText } from '../search/normalize.ts'
import { itemText, type ItemText } from './item-text.ts'
import { QUOTE_CONTEXT, type AnchorStatus, type Annotation, type Highlight, type Placement, type Position, type Quote } from './model.ts'

/** Quotes shorter than this (canonical characters, spaces not counted) are never matched approximately. */
export const MIN_FUZZY_QUOTE = 8
/** Lowest normalised Hypothesis score an approximate match needs. */
export const MIN_FUZZY_SCORE = 0.75
/** Lowest title similarity (1 − edit distance / longer length) for an item to be followed by a corrected title. */
export const MIN_TITLE_SIMILARITY = 0.8

/** Which step of the cascade placed an annotation. */
export type AnchorStep =
  /** highlights */
  | 'hash'
  | 'position'
  | 'quote'
  | 'elsewhere'
  | 'fuzzy'
  /** item notes and bookmarks: the same id and title / another item with the title / a similar title */
  | 'item'
  | 'title'
  | 'similar-title'
  /** a whole-briefing bookmark */
  | 'briefing'
  /** not placed */
  | 'none'

export interface ResolvedPlacement extends Placement {
  via: AnchorStep
}

// ---------------------------------------------------------------------------------------------------------
// Canonical text without its spaces

interface Compact {
  text: string
  /** Canonical index of each compact unit. */
  toCanon: Uint32Array
  /** For each canonical index (and its length): the compact units before it. */
  fromCanon: Uint32Array
}

interface Searchable {
  norm: NormalizedText
  compact: Compact
}

function compactOf(canonical: string): Compact {
  const toCanon = new Uint32Array(canonical.length)
  const fromCanon = new Uint32Array(canonical.length + 1)
  let n = 0
  const parts: string[] = []
  let runFrom = 0
  for (let k = 0; k < canonical.length; k++) {
    fromCanon[k] = n
    if (canonical.charCodeAt(k) === 0x20) {
      if (runFrom < k) parts.push(canonical.slice(runFrom, k))
      runFrom = k + 1
      continue
    }
    toCanon[n++] = k
  }
  if (runFrom < canonical.length) parts.push(canonical.slice(runFrom))
  fromCanon[canonical.length] = n
  return { text: parts.join(''), toCanon: toCanon.slice(0, n), fromCanon }
}

const squeeze = (s: string): string => s.replace(/ /g, '')

/** A compact range as a canonical range. */
function toCanonical(c: Compact, start: number, end: number): Position {
  return { start: c.toCanon[start], end: c.toCanon[end - 1] + 1 }
}

/** First index in a non-decreasing array whose value is > x (or ≥ x with `orEqual`). */
function lowerBound(a: ArrayLike<number>, x: number, orEqual: boolean): number {
  let lo = 0
  let hi = a.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (orEqual ? a[mid] < x : a[mid] <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The canonical index where a raw offset falls (the first unit that ends after it). */
function canonicalAt(norm: NormalizedText, raw: number): number {
  return lowerBound(norm.ends, raw, false)
}

// ---------------------------------------------------------------------------------------------------------
// Caches: an item's text once per item object, a briefing's lookups once per briefing object

interface ItemIndex extends Searchable {
  text: ItemText
}

const itemCache = new WeakMap<Item, ItemIndex>()

function indexItem(item: Item): ItemIndex {
  let hit = itemCache.get(item)
  if (!hit) {
    const text = itemText(item)
    hit = { text, norm: text.canonical, compact: compactOf(text.canonical.text) }
    itemCache.set(item, hit)
  }
  return hit
}

/** The item's anchorable text (item-text.ts), computed once per item object. */
export function anchorText(item: Item): ItemText {
  return indexItem(item).text
}

const titleCache = new WeakMap<Item, string>()
const titleKey = (title: string): string => squeeze(normalizeText(title))

function itemTitleKey(item: Item): string {
  let key = titleCache.get(item)
  if (key === undefined) {
    key = titleKey(item.title)
    titleCache.set(item, key)
  }
  return key
}

interface BriefingIndex {
  items: Item[]
  byId: Map<string, number>
  byTitle: Map<string, number[]>
  /** Every item's compact text joined by SEPARATOR, built when first needed. */
  joined?: { text: string; starts: number[] }
}

const SEPARATOR = '\uffff'
const briefingCache = new WeakMap<Briefing, BriefingIndex>()

function indexBriefing(briefing: Briefing): BriefingIndex {
  let hit = briefingCache.get(briefing)
  if (!hit) {
    const items = allItems(briefing)
    const byId = new Map<string, number>()
    const byTitle = new Map<string, number[]>()
    items.forEach((item, i) => {
      if (!byId.has(item.id)) byId.set(item.id, i)
      const key = itemTitleKey(item)
      const list = byTitle.get(key)
      if (list) list.push(i)
      else byTitle.set(key, [i])
    })
    hit = { items, byId, byTitle }
    briefingCache.set(briefing, hit)
  }
  return hit
}

function joinedText(bx: BriefingIndex): { text: string; starts: number[] } {
  if (!bx.joined) {
    const starts: number[] = []
    const parts: string[] = []
    let offset = 0
    for (const item of bx.items) {
      const text = indexItem(item).compact.text
      starts.push(offset)
      parts.push(text)
      offset += text.length + SEPARATOR.length
    }
    bx.joined = { text: parts.join(SEPARATOR), starts }
  }
  return bx.joined
}

// ---------------------------------------------------------------------------------------------------------
// Quotes and matching

interface PreparedQuote {
  exact: string
  prefix: string
  suffix: string
}

const quoteCache = new WeakMap<Quote, PreparedQuote>()
const CONTEXT_KEPT = 4 * QUOTE_CONTEXT

/** A stored quote in the current normaliser's form, spaces taken out (imported quotes may be raw text). */
function prepare(quote: Quote): PreparedQuote {
  let hit = quoteCache.get(quote)
  if (!hit) {
    hit = {
      exact: squeeze(normalizeText(quote.exact)),
      prefix: squeeze(normalizeText(quote.prefix ?? '')).slice(-CONTEXT_KEPT),
      suffix: squeeze(normalizeText(quote.suffix ?? '')).slice(0, CONTEXT_KEPT)
    }
    quoteCache.set(quote, hit)
  }
  return hit
}

/** Hypothesis's textMatchScore: how well `str` occurs in `text`, 0–1. */
function similarity(text: string, str: string): number {
  if (text === str) return 1
  if (str.length === 0 || text.length === 0) return 0
  const matches = approxSearch(text, str, str.length)
  return matches.length === 0 ? 0 : 1 - matches[0].errors / str.length
}

/** Prefix and suffix similarity of a match at [start, end) of `text`; an empty context counts as 1. */
function contextScores(text: string, start: number, end: number, q: PreparedQuote): { prefix: number; suffix: number } {
  return {
    prefix: q.prefix ? similarity(text.slice(Math.max(0, start - q.prefix.length), start), q.prefix) : 1,
    suffix: q.suffix ? similarity(text.slice(end, end + q.suffix.length), q.suffix) : 1
  }
}

interface Match {
  start: number
  end: number
  /** Prefix + suffix similarity (0–2). */
  context: number
  score?: number
}

const EPSILON = 1e-9

/** Every exact occurrence of the quote in `text` (from `from` to `to`). */
function occurrences(text: string, exact: string, from = 0, to = text.length): number[] {
  const found: number[] = []
  for (let at = text.indexOf(exact, from); at !== -1 && at + exact.length <= to; at = text.indexOf(exact, at + 1)) {
    found.push(at)
  }
  return found
}

/** The best exact occurrence in a compact text: most similar context, then nearest to the hint. */
function findExact(text: string, q: PreparedQuote, hint?: number): Match | null {
  if (q.exact.length === 0) return null
  const found = occurrences(text, q.exact)
  if (found.length === 0) return null
  if (found.length === 1) {
    const start = found[0]
    const ctx = contextScores(text, start, start + q.exact.length, q)
    return { start, end: start + q.exact.length, context: ctx.prefix + ctx.suffix }
  }
  let best: Match | null = null
  let bestDistance = Infinity
  for (const start of found) {
    const end = start + q.exact.length
    const ctx = contextScores(text, start, end, q)
    const context = ctx.prefix + ctx.suffix
    const distance = hint === undefined ? 0 : Math.abs(start - hint)
    if (!best || context > best.context + EPSILON || (Math.abs(context - best.context) <= EPSILON && distance < bestDistance)) {
      best = { start, end, context }
      bestDistance = distance
    }
  }
  return best
}

/** The best approximate match in a compact text, scored like Hypothesis, or null below the bar. */
function findFuzzy(text: string, q: PreparedQuote, hint?: number): Match | null {
  if (q.exact.length < MIN_FUZZY_QUOTE || text.length === 0) return null
  const maxErrors = Math.min(256, Math.floor(q.exact.length / 2))
  let best: Match | null = null
  for (const m of approxSearch(text, q.exact, maxErrors)) {
    if (m.end <= m.start) continue
    const ctx = contextScores(text, m.start, m.end, q)
    const quoteScore = 1 - m.errors / q.exact.length
    const posScore = hint === undefined ? 1 : 1 - Math.min(1, Math.abs(m.start - hint) / text.length)
    const score = (50 * quoteScore + 20 * ctx.prefix + 20 * ctx.suffix + 2 * posScore) / 92
    if (!best || (best.score as number) < score) best = { start: m.start, end: m.end, context: ctx.prefix + ctx.suffix, score }
  }
  return best && (best.score as number) >= MIN_FUZZY_SCORE ? best : null
}

// ---------------------------------------------------------------------------------------------------------
// Public API: selections, quotes, displayed texts

/**
 * The quote of a selection [start, end) of an item's displayed text (the article's DOM text in the app):
 * `exact` is the canonical text of the selection (whole character clusters, surrounding spaces trimmed),
 * with QUOTE_CONTEXT canonical characters of prefix and suffix; `text` is the selected raw text, trimmed.
 * Null when the selection holds nothing but whitespace (or is empty).
 */
export function describeQuote(displayText: string, start: number, end: number): { quote: Quote; text: string } | null {
  const from = Math.max(0, Math.min(start, displayText.length))
  const to = Math.max(0, Math.min(end, displayText.length))
  if (to <= from) return null
  const norm = normalizeForSearch(displayText)
  let cs = canonicalAt(norm, from)
  let ce = lowerBound(norm.starts, to, true)
  while (cs < ce && norm.text.charCodeAt(cs) === 0x20) cs++
  while (ce > cs && norm.text.charCodeAt(ce - 1) === 0x20) ce--
  if (ce <= cs) return null
  return {
    quote: {
      exact: norm.text.slice(cs, ce),
      prefix: norm.text.slice(Math.max(0, cs - QUOTE_CONTEXT), cs),
      suffix: norm.text.slice(ce, ce + QUOTE_CONTEXT)
    },
    text: displayText.slice(from, to).trim()
  }
}

/**
 * Where a quote is in an item's canonical text (itemText(item).canonical): its exact occurrence (spaces
 * ignored), several ones decided by prefix/suffix similarity, then nearness to `hint` (a canonical offset
 * in the item's text; an offset in the displayed text is close enough). No position when the quote is not
 * in the item (never an approximate one: a highlight made there is resolved by the cascade).
 */
export function anchorQuote(item: Item, quote: Quote, hint?: number): { position?: Position; itemHash: string; normalizer: number } {
  const ix = indexItem(item)
  const q = prepare(quote)
  const compactHint = hint === undefined ? undefined : ix.compact.fromCanon[clamp(hint, 0, ix.norm.text.length)]
  const m = findExact(ix.compact.text, q, compactHint)
  return {
    ...(m ? { position: toCanonical(ix.compact, m.start, m.end) } : {}),
    itemHash: ix.text.hash,
    normalizer: NORMALIZER_VERSION
  }
}

const clamp = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, Math.floor(x)))

const displayCache = new Map<string, Searchable>()

function indexDisplay(text: string): Searchable {
  let hit = displayCache.get(text)
  if (!hit) {
    const norm = normalizeForSearch(text)
    hit = { norm, compact: compactOf(norm.text) }
    if (displayCache.size >= 16) displayCache.delete(displayCache.keys().next().value as string)
    displayCache.set(text, hit)
  }
  return hit
}

/**
 * The quote in any displayed text (an article's DOM text): exact first (spaces ignored; ties by context, then
 * nearness to `hint`, a raw offset in `displayText`), else an approximate match under the same rules as the
 * cascade (8+ characters, score ≥ 0.75). Raw offsets into `displayText`; null when it is not there.
 */
export function locateInText(displayText: string, quote: Quote, hint?: number): { start: number; end: number } | null {
  const q = prepare(quote)
  if (q.exact.length === 0) return null
  const ix = indexDisplay(displayText)
  const compactHint = hint === undefined ? undefined : ix.compact.fromCanon[canonicalAt(ix.norm, clamp(hint, 0, displayText.length))]
  const m = findExact(ix.compact.text, q, compactHint) ?? findFuzzy(ix.compact.text, q, compactHint)
  if (!m) return null
  const c = toCanonical(ix.compact, m.start, m.end)
  return sourceRange(ix.norm, c.start, c.end)
}

// ---------------------------------------------------------------------------------------------------------
// Following an item

/** Levenshtein similarity of two short strings, 0–1 (1 − distance / longer length). */
function titleSimilarity(a: string, b: string): number {
  if (a === b) return 1
  const longer = Math.max(a.length, b.length)
  if (longer === 0) return 1
  if (Math.abs(a.length - b.length) > longer * (1 - MIN_TITLE_SIMILARITY)) return 0
  let prev = new Uint32Array(b.length + 1)
  let cur = new Uint32Array(b.length + 1)
  for (let j = 0; j <= b.length; j++) prev[j] = j
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
    }
    ;[prev, cur] = [cur, prev]
  }
  return 1 - prev[b.length] / longer
}

interface Followed {
  index: number
  how: 'item' | 'title' | 'similar-title'
}

const nearest = (candidates: number[], to: number | undefined): number =>
  to === undefined ? candidates[0] : candidates.reduce((best, i) => (Math.abs(i - to) < Math.abs(best - to) ? i : best))

/**
 * The item an annotation made on `itemId` (titled `itemTitle`) is on now: the id with the same title; another
 * item with that title (nearest to the id); the id when no title was kept; the most similar title (≥ 0.8; the
 * id's item on a tie, then the nearest); else none.
 */
function follow(bx: BriefingIndex, itemId: string, itemTitle: string | undefined): Followed | null {
  const idIndex = bx.byId.get(itemId)
  const key = itemTitle === undefined ? '' : titleKey(itemTitle)
  if (key === '') return idIndex === undefined ? null : { index: idIndex, how: 'item' }
  if (idIndex !== undefined && itemTitleKey(bx.items[idIndex]) === key) return { index: idIndex, how: 'item' }
  const same = bx.byTitle.get(key)
  if (same) return { index: nearest(same, idIndex), how: 'title' }
  let best = -1
  let bestScore = MIN_TITLE_SIMILARITY - EPSILON
  const order = idIndex === undefined ? bx.items.map((_, i) => i) : [idIndex, ...bx.items.map((_, i) => i).filter((i) => i !== idIndex)]
  for (const i of order) {
    const score = titleSimilarity(key, itemTitleKey(bx.items[i]))
    const better =
      score > bestScore + EPSILON ||
      (best !== -1 && Math.abs(score - bestScore) <= EPSILON && best !== idIndex && idIndex !== undefined && Math.abs(i - idIndex) < Math.abs(best - idIndex))
    if (better) {
      best = i
      bestScore = score
    }
  }
  return best === -1 ? null : { index: best, how: 'similar-title' }
}

// ---------------------------------------------------------------------------------------------------------
// The cascade

interface Resolution {
  placement: ResolvedPlacement
  item?: Item
  /** Highlights: the canonical range in the current item. */
  position?: Position
}

function orphan(id: string): Resolution {
  return { placement: { id, status: 'orphan', via: 'none' } }
}

function placeHighlight(id: string, item: Item, ix: ItemIndex, position: Position, status: AnchorStatus, via: AnchorStep, score?: number): Resolution {
  const raw = sourceRange(ix.norm, position.start, position.end)
  return {
    placement: { id, status, via, itemId: item.id, start: raw.start, end: raw.end, ...(score !== undefined ? { score } : {}) },
    item,
    position
  }
}

const samePosition = (a: Position | undefined, b: Position): boolean => a !== undefined && a.start === b.start && a.end === b.end

function validPosition(p: Position | undefined, ix: ItemIndex): p is Position {
  return p !== undefined && Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.end > p.start && p.end <= ix.norm.text.length
}

function resolveHighlight(a: Highlight, bx: BriefingIndex): Resolution {
  const q = prepare(a.quote)
  if (q.exact.length === 0 || q.exact.includes(SEPARATOR)) return orphan(a.id)
  const followed = follow(bx, a.itemId, a.itemTitle)
  const idIndex = bx.byId.get(a.itemId)
  let followedItem: ItemIndex | undefined
  if (followed) {
    const item = bx.items[followed.index]
    const ix = indexItem(item)
    followedItem = ix
    const sameItem = item.id === a.itemId
    const stored = validPosition(a.position, ix) ? a.position : undefined
    // 1. the very text the position was taken in
    if (stored && a.itemHash && a.normalizer === NORMALIZER_VERSION && a.itemHash === ix.text.hash) {
      return placeHighlight(a.id, item, ix, stored, sameItem ? 'exact' : 'moved', 'hash')
    }
    // 2. the position still holds the quote
    if (stored && squeeze(ix.norm.text.slice(stored.start, stored.end)) === q.exact) {
      return placeHighlight(a.id, item, ix, stored, sameItem ? 'exact' : 'moved', 'position')
    }
    // 3. the quote in the item
    const hint = stored ? ix.compact.fromCanon[stored.start] : a.position ? ix.compact.fromCanon[clamp(a.position.start, 0, ix.norm.text.length)] : undefined
    const m = findExact(ix.compact.text, q, hint)
    if (m) {
      const position = toCanonical(ix.compact, m.start, m.end)
      const where = sameItem && (a.position === undefined || samePosition(a.position, position))
      return placeHighlight(a.id, item, ix, position, where ? 'exact' : 'moved', 'quote')
    }
  }
  // 4. the quote elsewhere in the briefing
  const elsewhere = findElsewhere(bx, q, followed?.index, idIndex ?? followed?.index, a.position?.start)
  if (elsewhere) {
    const item = bx.items[elsewhere.index]
    const ix = indexItem(item)
    return placeHighlight(a.id, item, ix, toCanonical(ix.compact, elsewhere.match.start, elsewhere.match.end), 'moved', 'elsewhere')
  }
  // 5. an approximate match, only in the item followed (an approximate match in any other item is a guess)
  if (followed && followedItem) {
    const ix = followedItem
    const hint = a.position ? ix.compact.fromCanon[clamp(a.position.start, 0, ix.norm.text.length)] : undefined
    const m = findFuzzy(ix.compact.text, q, hint)
    if (m) {
      const score = Math.round((m.score as number) * 1000) / 1000
      return placeHighlight(a.id, bx.items[followed.index], ix, toCanonical(ix.compact, m.start, m.end), 'fuzzy', 'fuzzy', score)
    }
  }
  return orphan(a.id)
}

/**
 * The quote's best exact occurrence in another item than `skip`: most similar context, then the item
 * nearest to `near`, then nearest to the old position. Short quotes need their context to agree.
 */
function findElsewhere(
  bx: BriefingIndex,
  q: PreparedQuote,
  skip: number | undefined,
  near: number | undefined,
  oldStart: number | undefined
): { index: number; match: Match } | null {
  const joined = joinedText(bx)
  let best: { index: number; match: Match; itemDistance: number; offsetDistance: number } | null = null
  for (const at of occurrences(joined.text, q.exact)) {
    const index = lowerBound(joined.starts, at, false) - 1
    if (index === skip) continue
    const ix = indexItem(bx.items[index])
    const text = ix.compact.text
    const start = at - joined.starts[index]
    const end = start + q.exact.length
    const ctx = contextScores(text, start, end, q)
    const context = ctx.prefix + ctx.suffix
    if (q.exact.length < MIN_FUZZY_QUOTE && !contextAgrees(q, ctx)) continue
    const itemDistance = near === undefined ? 0 : Math.abs(index - near)
    const offsetDistance =
      oldStart === undefined ? 0 : Math.abs(start - ix.compact.fromCanon[clamp(oldStart, 0, ix.norm.text.length)])
    const better =
      !best ||
      context > best.match.context + EPSILON ||
      (Math.abs(context - best.match.context) <= EPSILON &&
        (itemDistance < best.itemDistance || (itemDistance === best.itemDistance && offsetDistance < best.offsetDistance)))
    if (better) best = { index, match: { start, end, context }, itemDistance, offsetDistance }
  }
  return best
}

/** A short quote's own context, where it has some, is on average at least MIN_FUZZY_SCORE similar. */
function contextAgrees(q: PreparedQuote, ctx: { prefix: number; suffix: number }): boolean {
  const sides = (q.prefix ? 1 : 0) + (q.suffix ? 1 : 0)
  if (sides === 0) return false
  return ((q.prefix ? ctx.prefix : 0) + (q.suffix ? ctx.suffix : 0)) / sides >= MIN_FUZZY_SCORE
}

function resolveItemAnnotation(a: Exclude<Annotation, { kind: 'highlight' }>, bx: BriefingIndex): Resolution {
  if (a.itemId === undefined) return { placement: { id: a.id, status: 'exact', via: 'briefing' } }
  const followed = follow(bx, a.itemId, a.itemTitle)
  if (!followed) return orphan(a.id)
  const item = bx.items[followed.index]
  const status: AnchorStatus = followed.how === 'item' && item.id === a.itemId ? 'exact' : 'moved'
  return { placement: { id: a.id, status, via: followed.how, itemId: item.id }, item }
}

function resolve(annotation: Annotation, bx: BriefingIndex): Resolution {
  return annotation.kind === 'highlight' ? resolveHighlight(annotation, bx) : resolveItemAnnotation(annotation, bx)
}

/**
 * Where an annotation lands in the briefing's current text (the cascade above). Offsets are in the current
 * item's raw text; `via` names the step that placed it.
 */
export function resolveAnnotation(annotation: Annotation, briefing: Briefing): ResolvedPlacement {
  return resolve(annotation, indexBriefing(briefing)).placement
}

/** Every annotation's placement, in the order given (each item's text is computed once). */
export function resolveAll(annotations: readonly Annotation[], briefing: Briefing): ResolvedPlacement[] {
  const bx = indexBriefing(briefing)
  return annotations.map((a) => resolve(a, bx).placement)
}

export interface ReanchorEntry {
  id: string
  status: AnchorStatus
  /** The item it was on. */
  from?: string
  /** The item it is on now (absent for orphans). */
  to?: string
  /** Fuzzy matches: their score. */
  score?: number
}

/**
 * After a re-import: the annotations of this briefing moved to where they land now (item id and title;
 * highlights also position, item hash and normaliser; the quote, `modified` and everything else kept), and
 * a report of those that did not stay where they were (moved, fuzzy, orphan) in the order given.
 * Annotations of other briefings and orphans come back unchanged (the same objects), and so does an
 * annotation with nothing to update. A fuzzy highlight's item hash is dropped, so it is matched again (and
 * shown as fuzzy) each time rather than taken for exact the next time.
 */
export function reanchor(
  annotations: readonly Annotation[],
  briefing: Briefing
): { annotations: Annotation[]; report: ReanchorEntry[] } {
  const bx = indexBriefing(briefing)
  const report: ReanchorEntry[] = []
  const updated = annotations.map((a): Annotation => {
    if (a.briefingId !== briefing.id) return a
    const { placement, item, position } = resolve(a, bx)
    if (placement.status !== 'exact') {
      report.push({
        id: a.id,
        status: placement.status,
        ...(a.itemId !== undefined ? { from: a.itemId } : {}),
        ...(placement.itemId !== undefined ? { to: placement.itemId } : {}),
        ...(placement.score !== undefined ? { score: placement.score } : {})
      })
    }
    if (placement.status === 'orphan' || !item) return a
    if (a.kind !== 'highlight') {
      return a.itemId === item.id && a.itemTitle === item.title ? a : { ...a, itemId: item.id, itemTitle: item.title }
    }
    const hash = indexItem(item).text.hash
    const next: Highlight = { ...a, itemId: item.id, itemTitle: item.title, normalizer: NORMALIZER_VERSION }
    if (position) next.position = position
    if (placement.status === 'fuzzy') delete next.itemHash
    else next.itemHash = hash
    const same =
      a.itemId === next.itemId &&
      a.itemTitle === next.itemTitle &&
      a.normalizer === next.normalizer &&
      a.itemHash === next.itemHash &&
      a.position?.start === next.position?.start &&
      a.position?.end === next.position?.end
    return same ? a : next
  })
  return { annotations: updated, report }
}
