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
  const b = builder as unknown as {
    calculateAverageFieldLengths(): void
    createFieldVectors(): void
    fieldVectors: Record<string, { elements: number[] }>
    invertedIndex: Record<string, { _index: number }>
  }
  b.calculateAverageFieldLengths()
  b.createFieldVectors()

  const termOf: string[] = []
  for (const term of Object.keys(b.invertedIndex)) termOf[b.invertedIndex[term]._index] = term
  // Field vectors come in document order (title, headline, body of doc 0, then doc 1 …), so each
  // term's postings are appended already sorted; the fields of one document are summed.
  const docsOf: number[][] = termOf.map(() => [])
  const scoresOf: number[][] = termOf.map(() => [])
  for (const fieldRef of Object.keys(b.fieldVectors)) {
    const doc = Number(fieldRef.slice(fieldRef.indexOf('/') + 1))
    const el = b.fieldVectors[fieldRef].elements
    for (let k = 0; k < el.length; k += 2) {
      const docs = docsOf[el[k]]
      const last = docs.length - 1
      if (last >= 0 && docs[last] === doc) scoresOf[el[k]][last] += el[k + 1]
      else {
        docs.push(doc)
        scoresOf[el[k]].push(el[k + 1])
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
