/**
 * The three engines the benchmark compares on the same archive: the app's Lunr index, a naive
 * substring scan over normalised item texts (the floor), and MiniSearch with the same tokenizer.
 */
import MiniSearch from 'minisearch'
import type { SearchDocument } from '../../archive/search/documents.ts'
import { normalizeText } from '../../archive/search/normalize.ts'
import { parseQuery } from '../../archive/search/parse-query.ts'
import { tokenize } from '../../archive/search/tokenize.ts'

/** Naive scan: every item's normalised text in memory, every query term checked with includes(). */
export class NaiveScan {
  private readonly texts: string[]
  private readonly compact: string[]
  constructor(docs: SearchDocument[]) {
    this.texts = docs.map((d) => normalizeText(`${d.title}\n${d.headline}\n${d.body}`))
    this.compact = this.texts.map((t) => t.replace(/ /g, ''))
  }
  search(query: string): number {
    const q = parseQuery(query)
    const terms = q.terms.map((t) => ({ text: normalizeText(t.text), negate: t.negate, phrase: t.kind === 'phrase' }))
    let n = 0
    for (let i = 0; i < this.texts.length; i++) {
      let ok = true
      for (const t of terms) {
        const found = t.phrase ? this.texts[i].includes(t.text) : this.compact[i].includes(t.text.replace(/ /g, ''))
        if (found === t.negate) {
          ok = false
          break
        }
      }
      if (ok) n++
    }
    return n
  }
}

const FIELDS = ['title', 'headline', 'body']

/** MiniSearch options with the app's tokenizer (CJK bigrams, stemmed Latin words). */
export function miniSearchOptions(): ConstructorParameters<typeof MiniSearch<SearchDocument>>[0] {
  return {
    idField: 'itemId',
    fields: FIELDS,
    storeFields: [],
    tokenize: (text: string) => tokenize(normalizeText(text), { joinAcrossSpaces: true }).map((t) => t.term),
    processTerm: (term: string) => term,
    searchOptions: {
      boost: { title: 10, headline: 4 },
      combineWith: 'AND',
      tokenize: (text: string) => tokenize(normalizeText(text)).map((t) => t.term)
    }
  }
}

/** Runs a benchmark query on MiniSearch: positive terms AND-ed, exclusions removed. */
export function miniSearchQuery(ms: MiniSearch<SearchDocument>, query: string): number {
  const q = parseQuery(query)
  const positive = q.terms.filter((t) => !t.negate).map((t) => t.text + (t.prefix ? '' : ''))
  const negative = q.terms.filter((t) => t.negate).map((t) => t.text)
  if (positive.length === 0) return 0
  const prefix = q.terms.some((t) => t.prefix)
  const hits = ms.search(positive.join(' '), { prefix })
  if (negative.length === 0) return hits.length
  const excluded = new Set(ms.search(negative.join(' '), { combineWith: 'OR' }).map((h) => h.id))
  return hits.filter((h) => !excluded.has(h.id)).length
}
