import lunr from 'lunr'
import { describe, expect, test } from 'vitest'
import { generateBriefings } from '../../../archive/sample/generate.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import { buildShard, FIELD_BOOSTS } from '../../../archive/search/build-index.ts'
import { briefingDocuments } from '../../../archive/search/documents.ts'
import { lunrTokenizer, registerPipeline, stemLatin, STEM_FUNCTION } from '../../../archive/search/pipeline.ts'

function documents(count: number) {
  return generateBriefings(count, { seed: 3 }).flatMap((g) => {
    const r = parseBriefing(g.text)
    if (!r.ok) throw new Error(r.error)
    return briefingDocuments(r.briefing)
  })
}

describe('buildShard', () => {
  test('postings carry exactly the BM25 weights Lunr itself computes (summed over fields)', () => {
    const docs = documents(3)
    const shard = buildShard('t', docs)
    registerPipeline()
    const index = lunr(function () {
      this.pipeline.reset()
      this.searchPipeline.reset()
      this.pipeline.add(stemLatin)
      this.searchPipeline.add(stemLatin)
      ;(this as unknown as { tokenizer: typeof lunrTokenizer }).tokenizer = lunrTokenizer
      this.metadataWhitelist = []
      this.ref('n')
      this.field('title', { boost: FIELD_BOOSTS.title })
      this.field('headline', { boost: FIELD_BOOSTS.headline })
      this.field('body', { boost: FIELD_BOOSTS.body })
      docs.forEach((d, n) => this.add({ n: String(n), title: d.title, headline: d.headline, body: d.body }))
    })
    const json = index.toJSON() as unknown as {
      invertedIndex: Array<[string, { _index: number }]>
      fieldVectors: Array<[string, number[]]>
      pipeline: string[]
    }
    expect(json.pipeline).toEqual([STEM_FUNCTION])
    const termOf = new Map(json.invertedIndex.map(([term, p]) => [p._index, term]))
    const expected = new Map<string, number>()
    for (const [ref, elements] of json.fieldVectors) {
      const doc = ref.slice(ref.indexOf('/') + 1)
      for (let k = 0; k < elements.length; k += 2) {
        const key = `${termOf.get(elements[k])}|${doc}`
        expected.set(key, (expected.get(key) ?? 0) + elements[k + 1])
      }
    }
    const actual = new Map<string, number>()
    shard.terms.forEach((term, t) => {
      for (let k = shard.postStart[t]; k < shard.postStart[t + 1]; k++) actual.set(`${term}|${shard.postDocs[k]}`, shard.postScores[k])
    })
    expect(actual.size).toBe(expected.size)
    for (const [key, score] of expected) expect(actual.get(key), key).toBeCloseTo(score, 3)
  })

  test('terms are sorted and postings sorted by document', () => {
    const shard = buildShard('t', documents(2))
    for (let t = 1; t < shard.terms.length; t++) expect(shard.terms[t - 1] < shard.terms[t]).toBe(true)
    for (let t = 0; t < shard.terms.length; t++) {
      for (let k = shard.postStart[t] + 1; k < shard.postStart[t + 1]; k++) {
        expect(shard.postDocs[k]).toBeGreaterThan(shard.postDocs[k - 1])
      }
    }
  })

  test('a saved Lunr index with the registered pipeline function loads', () => {
    registerPipeline()
    const index = lunr(function () {
      this.pipeline.reset()
      this.searchPipeline.reset()
      this.pipeline.add(stemLatin)
      this.searchPipeline.add(stemLatin)
      this.ref('id')
      this.field('body')
      this.add({ id: '1', body: 'quantum computing' })
    })
    const loaded = lunr.Index.load(JSON.parse(JSON.stringify(index)))
    expect(loaded.search('quantum').map((r) => r.ref)).toEqual(['1'])
  })
})
