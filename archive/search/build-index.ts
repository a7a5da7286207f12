import lunr from 'lunr'
import type { SearchDocument } from './documents.ts'
import { learnAliases } from './aliases.ts'
import { lunrTokenizerNormalized, registerPipeline, stemLatin } from './pipeline.ts'
import { normalizeText } from './normalize.ts'

/** Field boosts: a match in the title ranks above one in a ■ headline, which ranks above the body. */
export const FIELD_BOOSTS = { title: 10, headline: 4, body: 1 } as const

/** Per-document data a shard keeps for filters, facets, ranking and display. */
export interface ShardDoc {
  itemId: string
  briefingId: string
  published: string
  date?: string
  section: string
  sectionTitle: string
  category?: string
  regions: string[]
  title: string
}

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
  /** Each item's normalised text (title, headlines, body), present right after a build. */
  normTexts?: string[]
}

interface LunrBuilderInternals {
  _ref: string
  _fields: Record<string, unknown>
  _documents: Record<string, object>
  documentCount: number
  tokenizer: (obj: unknown, metadata?: object) => lunr.Token[]
  pipeline: lunr.Pipeline
  fieldTermFrequencies: Record<string, Record<string, number>>
  fieldLengths: Record<string, number>
  invertedIndex: Record<string, Record<string, unknown> & { _index: number }>
  termIndex: number
}

/**
 * Lunr's `Builder#add` without per-posting metadata objects: with an empty metadata whitelist Lunr
 * still allocates one object per (term, field, document), which dominated build time and garbage
 * collection. The data left in the builder (term frequencies, field lengths, inverted index with
 * term indices and document sets) is what Lunr's own `createFieldVectors` reads.
 */
function leanAdd(this: LunrBuilderInternals, doc: Record<string, string>): void {
  const docRef = doc[this._ref]
  const fields = Object.keys(this._fields)
  this._documents[docRef] = {}
  this.documentCount += 1
  for (const fieldName of fields) {
    const terms = this.pipeline.run(this.tokenizer(doc[fieldName], { fields: [fieldName] }))
    const fieldRef = `${fieldName}/${docRef}`
    const fieldTerms: Record<string, number> = Object.create(null)
    this.fieldTermFrequencies[fieldRef] = fieldTerms
    this.fieldLengths[fieldRef] = terms.length
    for (const token of terms) {
      const term = token.toString()
      if (fieldTerms[term] === undefined) {
        fieldTerms[term] = 1
        let posting = this.invertedIndex[term]
        if (posting === undefined) {
          posting = Object.create(null) as Record<string, unknown> & { _index: number }
          posting._index = this.termIndex
          this.termIndex += 1
          // Lunr only counts these sets (Object.keys(set).length in lunr.idf): arrays count the same
          for (const f of fields) posting[f] = []
          this.invertedIndex[term] = posting
        }
        ;(posting[fieldName] as string[]).push(docRef)
      } else {
        fieldTerms[term] += 1
      }
    }
  }
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
  ;(builder as unknown as { tokenizer: typeof lunrTokenizerNormalized }).tokenizer = lunrTokenizerNormalized
  builder.metadataWhitelist = []
  builder.ref('n')
  builder.field('title', { boost: FIELD_BOOSTS.title })
  builder.field('headline', { boost: FIELD_BOOSTS.headline })
  builder.field('body', { boost: FIELD_BOOSTS.body })
  const add = leanAdd.bind(builder as unknown as LunrBuilderInternals)
  // each field is normalised once: for Lunr's tokenizer and for the shard's in-memory verification text
  const normTexts: string[] = []
  documents.forEach((d, n) => {
    const title = normalizeText(d.title)
    const headline = normalizeText(d.headline)
    const body = normalizeText(d.body)
    normTexts.push([title, headline, body].filter(Boolean).join(' '))
    add({ n: String(n), title, headline, body })
  })
  const b = builder as unknown as LunrBuilderInternals & {
    calculateAverageFieldLengths(): void
    averageFieldLength: Record<string, number>
    _k1: number
    _b: number
  }
  b.calculateAverageFieldLengths()

  const termOf: string[] = []
  for (const term of Object.keys(b.invertedIndex)) termOf[b.invertedIndex[term]._index] = term
  // Lunr's createFieldVectors scoring (BM25 with its k1, b, idf, field boosts and 3-decimal rounding),
  // written straight into postings instead of one lunr.Vector per field: field references come in
  // document order, so each term's postings are appended already sorted and the fields of one document
  // are summed.
  const docsOf: number[][] = termOf.map(() => [])
  const scoresOf: number[][] = termOf.map(() => [])
  const idfCache = new Map<string, number>()
  for (const fieldRef of Object.keys(b.fieldTermFrequencies)) {
    const slash = fieldRef.indexOf('/')
    const fieldName = fieldRef.slice(0, slash)
    const doc = Number(fieldRef.slice(slash + 1))
    const fieldLength = b.fieldLengths[fieldRef]
    const boost = FIELD_BOOSTS[fieldName as keyof typeof FIELD_BOOSTS] ?? 1
    const norm = b._k1 * (1 - b._b + b._b * (fieldLength / b.averageFieldLength[fieldName]))
    const frequencies = b.fieldTermFrequencies[fieldRef]
    for (const term of Object.keys(frequencies)) {
      const tf = frequencies[term]
      const posting = b.invertedIndex[term]
      let idf = idfCache.get(term)
      if (idf === undefined) {
        idf = lunrIdf(posting, b.documentCount)
        idfCache.set(term, idf)
      }
      const score = Math.round(((idf * ((b._k1 + 1) * tf)) / (norm + tf)) * boost * 1000) / 1000
      const t = posting._index
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
    normTexts
  }
}
