import lunr from 'lunr'
import type { SearchDocument } from './documents.ts'
import { learnAliases } from './aliases.ts'
import { registerPipeline, stemLatin } from './pipeline.ts'
import { normalizeText } from './normalize.ts'
import { forEachToken } from './tokenize.ts'

/** Field boosts: a match in the title ranks above one in a ■ headline, which ranks above the body. */
export const FIELD_BOOSTS = { title: 10, headline: 4, body: 1 } as const

/** Per-document data a shard keeps for filters, facets, ranking and display (the title's first line). */
export type ShardDoc = Omit<SearchDocument, 'headline' | 'body'>

/**
 * A compiled index shard: Lunr's inverted index and BM25 field-vector weights, flattened into sorted
 * terms and typed-array postings (document number, summed boosted weight), ordered by document.
 */
export interface IndexShard {
  key: string
  docs: ShardDoc[]
  /** Sorted terms. */
  terms: string[]
  /** Postings of term t: indices postStart[t] … postStart[t+1]-1 of postDocs/postScores. */
  postStart: Uint32Array
  /** 16-bit document numbers when the shard has fewer than 65,536 items (always, for a year). */
  postDocs: Uint16Array | Uint32Array
  postScores: Float32Array
  /** Hangul ↔ Han alias pairs seen in this shard's text. */
  aliases: Array<[string, string]>
  /**
   * Each item's normalised text as its non-empty fields (title, headlines, body), to be joined by a space;
   * present right after a build. Kept apart: joining them would copy a long item's whole body once more.
   */
  normParts?: string[][]
}

/** What indexing one shard accumulates, per field of each document and per term. */
interface BuildState {
  /** One entry per (document, field): its length and, as flat pairs, (term index, frequency). */
  fields: Array<{ field: string; doc: number; length: number; counts: Int32Array }>
  /** term → its index and, per field, the documents holding it (what lunr.idf counts). */
  postings: Map<string, { index: number; sets: Record<string, string[]> }>
  lengthSums: Record<string, number>
  /** Scratch frequency per term index for the field being counted (zero between fields). */
  scratch: Int32Array
}

/**
 * Lunr's `Builder#add` (tokenizer and Lunr pipeline, its term frequencies, field lengths and
 * per-field document sets) without the one metadata object Lunr allocates per (term, field, document)
 * even with an empty metadata whitelist. Terms are interned once (one Map lookup per token) and counted
 * in a reusable typed array: that allocation and hashing dominated build time and garbage collection.
 */
function leanAdd(
  builder: { pipeline: lunr.Pipeline },
  state: BuildState,
  doc: number,
  values: Record<string, string>
): void {
  const ref = String(doc)
  for (const field of FIELD_NAMES) {
    const touched: number[] = []
    let length = 0
    const count = (term: string): void => {
      length++
      let posting = state.postings.get(term)
      if (posting === undefined) {
        posting = { index: state.postings.size, sets: { title: [], headline: [], body: [] } }
        state.postings.set(term, posting)
        if (posting.index >= state.scratch.length) {
          const grown = new Int32Array(state.scratch.length * 2)
          grown.set(state.scratch)
          state.scratch = grown
        }
      }
      const t = posting.index
      if (state.scratch[t]++ === 0) {
        touched.push(t)
        posting.sets[field].push(ref)
      }
    }
    forEachFieldTerm(builder, values[field], field, count)
    state.lengthSums[field] = (state.lengthSums[field] ?? 0) + length
    const counts = new Int32Array(touched.length * 2)
    touched.forEach((t, k) => {
      counts[2 * k] = t
      counts[2 * k + 1] = state.scratch[t]
      state.scratch[t] = 0
    })
    state.fields.push({ field, doc, length, counts })
  }
}

const FIELD_NAMES = ['title', 'headline', 'body'] as const

/** Latin tokens are run through Lunr's pipeline this many at a time. */
const LATIN_BATCH = 1024

/**
 * The index terms of one field, handed to `visit` one at a time: the CJK-aware tokenizer, then Lunr's
 * pipeline. The registered pipeline function leaves CJK bigrams as they are, so only the Latin tokens are
 * run through it (in batches) and the bigrams are taken as strings: most tokens are bigrams, and this saves
 * a Token object for each. Nothing is collected: a field of millions of tokens costs no token array.
 * Term frequencies do not depend on the order terms come in, so a batch of Latin words may come after the
 * bigrams that followed them in the text.
 */
function forEachFieldTerm(
  builder: { pipeline: lunr.Pipeline },
  text: string,
  field: string,
  visit: (term: string) => void
): void {
  let latin: lunr.Token[] = []
  const flush = (): void => {
    for (const token of builder.pipeline.run(latin)) visit(token.toString())
    latin = []
  }
  forEachToken(text, { joinAcrossSpaces: true, stem: false }, (term, _start, _end, cjk) => {
    if (cjk) visit(term)
    else {
      latin.push(new lunr.Token(term, { fields: [field], cjk: false }))
      if (latin.length >= LATIN_BATCH) flush()
    }
  })
  if (latin.length > 0) flush()
}

/** Lunr's inverse document frequency (lunr.idf, not in its type definitions). */
const lunrIdf = (lunr as unknown as { idf(posting: object, documentCount: number): number }).idf

/**
 * Builds one shard with Lunr (custom tokenizer, the registered CJK-aware pipeline, BM25 with field
 * boosts), then compiles Lunr's field vectors into compact postings. Lunr's token set (only used by
 * its own wildcard/fuzzy query) is not built: prefix queries use the sorted term list instead.
 */
export function buildShard(key: string, documents: SearchDocument[]): IndexShard {
  registerPipeline()
  const builder = new lunr.Builder()
  builder.pipeline.add(stemLatin)
  builder.searchPipeline.add(stemLatin)
  builder.metadataWhitelist = []
  builder.ref('n')
  builder.field('title', { boost: FIELD_BOOSTS.title })
  builder.field('headline', { boost: FIELD_BOOSTS.headline })
  builder.field('body', { boost: FIELD_BOOSTS.body })
  const state: BuildState = { fields: [], postings: new Map(), lengthSums: {}, scratch: new Int32Array(1 << 14) }
  const lean = builder as unknown as { pipeline: lunr.Pipeline; _k1: number; _b: number }
  // each field is normalised once: for the tokenizer and for the shard's in-memory verification text
  const normParts: string[][] = []
  documents.forEach((d, n) => {
    const title = normalizeText(d.title)
    const headline = normalizeText(d.headline)
    const body = normalizeText(d.body)
    normParts.push([title, headline, body].filter(Boolean))
    leanAdd(lean, state, n, { title, headline, body })
  })
  const documentCount = documents.length
  const average = (field: string): number => (state.lengthSums[field] ?? 0) / Math.max(1, documentCount)

  const termOf: string[] = []
  for (const [term, p] of state.postings) termOf[p.index] = term
  // Lunr's createFieldVectors scoring (BM25 with its k1, b, idf, field boosts and 3-decimal rounding),
  // written straight into postings instead of one lunr.Vector per field: fields come in document
  // order, so each term's postings are appended already sorted and the fields of one document summed.
  const docsOf: number[][] = termOf.map(() => [])
  const scoresOf: number[][] = termOf.map(() => [])
  const idfOf: number[] = termOf.map((term) => lunrIdf(state.postings.get(term)?.sets ?? {}, documentCount))
  const k1 = lean._k1
  const b = lean._b
  for (const { field, doc, length, counts } of state.fields) {
    const boost = FIELD_BOOSTS[field as keyof typeof FIELD_BOOSTS] ?? 1
    const norm = k1 * (1 - b + b * (length / average(field)))
    for (let k = 0; k < counts.length; k += 2) {
      const t = counts[k]
      const tf = counts[k + 1]
      const score = Math.round(((idfOf[t] * ((k1 + 1) * tf)) / (norm + tf)) * boost * 1000) / 1000
      const docs = docsOf[t]
      const last = docs.length - 1
      if (last >= 0 && docs[last] === doc) scoresOf[t][last] += score
      else {
        docs.push(doc)
        scoresOf[t].push(score)
      }
    }
  }
  const order = termOf.map((_, t) => t).filter((t) => docsOf[t].length > 0)
  order.sort((x, y) => (termOf[x] < termOf[y] ? -1 : termOf[x] > termOf[y] ? 1 : 0))
  let total = 0
  for (const t of order) total += docsOf[t].length
  const postStart = new Uint32Array(order.length + 1)
  const postDocs = documents.length < 0x10000 ? new Uint16Array(total) : new Uint32Array(total)
  const postScores = new Float32Array(total)
  let p = 0
  order.forEach((t, i) => {
    postStart[i] = p
    postDocs.set(docsOf[t], p)
    postScores.set(scoresOf[t], p)
    p += docsOf[t].length
  })
  postStart[order.length] = p

  const aliasMap = learnAliases(documents.flatMap((d) => [d.title, d.headline, d.body]))
  const aliases: Array<[string, string]> = []
  for (const [a, others] of aliasMap) for (const o of others) if (a < o) aliases.push([a, o])

  return {
    key,
    docs: documents.map((d) => ({
      itemId: d.itemId,
      briefingId: d.briefingId,
      published: d.published,
      date: d.date,
      section: d.section,
      sectionTitle: d.sectionTitle,
      category: d.category,
      regions: d.regions,
      title: d.title.split('\n')[0]
    })),
    terms: order.map((t) => termOf[t]),
    postStart,
    postDocs,
    postScores,
    aliases,
    normParts
  }
}
