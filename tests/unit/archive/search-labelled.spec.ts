/**
 * Recall and precision of the search engine over the five sample briefings, measured against a set of
 * queries labelled by hand (tests/fixtures/search/labelled-queries.json): for every query, the items a
 * reader typing it expects, read off the texts — not produced by running the engine.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { allItems } from '../../../archive/model/briefing.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import { listSampleFiles } from '../../../archive/storage/sample-files.ts'
import { ArchiveSearch } from '../../../archive/storage/archive-search.ts'
import { tempArchive } from '../../helpers/temp-archive.ts'

interface LabelledQuery {
  query: string
  relevant: string[]
  kind: string
  why: string
}

interface Measured extends LabelledQuery {
  found: string[]
  hits: number
  recall: number
  precision: number
  missing: string[]
  extra: string[]
}

/** The kinds the set must cover, at least three queries each. */
const KINDS = [
  'particle', // Korean words written with particles (베이징은, 상하이에서) or inside longer words
  'compound', // compounds and spacing variants (양자컴퓨팅 / 양자 컴퓨팅)
  'one-char', // one-character words (칩, 셀): any occurrence of the character
  'han-variant', // traditional and simplified Han characters
  'alias', // Hangul ↔ Hanja aliases learnt from 한글(漢字) pairs
  'latin', // Latin words and abbreviations, any case
  'stem', // English stems (plural → singular)
  'phrase', // "quoted phrases", exact after normalisation
  'exclusion', // -word
  'prefix', // word*
  'filter', // section: category: region: briefing: published: date: (and Korean keys)
  'multi-word', // several words, all required
  'no-match' // must find nothing
] as const

const FIXTURE = new URL('../../fixtures/search/labelled-queries.json', import.meta.url)
const labelled = JSON.parse(readFileSync(FIXTURE, 'utf8')) as LabelledQuery[]

const ratio = (n: number, d: number): number => (d === 0 ? 1 : n / d)
const fmt = (x: number): string => x.toFixed(2)

/** Item ids of the sample briefings, read with the parser (the labels must name real items). */
function sampleItemIds(): Set<string> {
  const ids = new Set<string>()
  for (const file of listSampleFiles()) {
    const r = parseBriefing(readFileSync(file, 'utf8'), { fileName: basename(file) })
    if (!r.ok) throw new Error(`${file}: ${r.error}`)
    for (const item of allItems(r.briefing)) ids.add(item.id)
  }
  return ids
}

function printTable(rows: Measured[], overall: { recall: number; precision: number }): void {
  const width = Math.max(...rows.map((r) => [...r.query].length), 5)
  const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - [...s].length))
  const lines = [
    `${pad('query', width)}  ${pad('kind', 11)}  relevant  found  recall  precision`,
    ...rows.map((r) => {
      const flags = [...r.missing.map((id) => `-${id}`), ...r.extra.map((id) => `+${id}`)].join(' ')
      return `${pad(r.query, width)}  ${pad(r.kind, 11)}  ${String(r.relevant.length).padStart(8)}  ${String(r.found.length).padStart(5)}  ${fmt(r.recall).padStart(6)}  ${fmt(r.precision).padStart(9)}${flags ? `  ${flags}` : ''}`
    }),
    `overall (micro-averaged over ${rows.length} queries): recall ${overall.recall.toFixed(3)}, precision ${overall.precision.toFixed(3)}`
  ]
  console.log(lines.join('\n'))
}

describe('labelled queries over the sample briefings', () => {
  const archive = tempArchive()
  const search = new ArchiveSearch(archive.store)
  let rows: Measured[] = []
  let overall = { recall: 0, precision: 0 }

  beforeAll(async () => {
    for (const file of listSampleFiles()) {
      const outcome = await archive.store.importFile(file)
      expect(outcome.status, file).toBe('imported')
    }
    await search.refresh()
    rows = labelled.map((q) => {
      const found = [...new Set(search.search(q.query, { limit: 1000 }).hits.map((h) => h.itemId))]
      const relevant = new Set(q.relevant)
      const hits = found.filter((id) => relevant.has(id)).length
      return {
        ...q,
        found,
        hits,
        recall: ratio(hits, relevant.size),
        precision: ratio(hits, found.length),
        missing: q.relevant.filter((id) => !found.includes(id)),
        extra: found.filter((id) => !relevant.has(id))
      }
    })
    const sum = (f: (r: Measured) => number): number => rows.reduce((n, r) => n + f(r), 0)
    overall = {
      recall: ratio(sum((r) => r.hits), sum((r) => r.relevant.length)),
      precision: ratio(sum((r) => r.hits), sum((r) => r.found.length))
    }
    printTable(rows, overall)
  })

  afterAll(() => {
    search.close()
    archive.dispose()
  })

  test('the fixture holds at least 45 well-formed queries covering every kind', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(45)
    const ids = sampleItemIds()
    expect(ids.size).toBe(46)
    for (const q of labelled) {
      expect(typeof q.query, JSON.stringify(q)).toBe('string')
      expect(q.query.trim(), JSON.stringify(q)).not.toBe('')
      expect(q.why.trim(), q.query).not.toBe('')
      expect(KINDS as readonly string[], q.query).toContain(q.kind)
      expect(new Set(q.relevant).size, q.query).toBe(q.relevant.length)
      for (const id of q.relevant) expect(ids.has(id), `${q.query}: ${id} is not an item of the samples`).toBe(true)
    }
    expect(new Set(labelled.map((q) => q.query)).size).toBe(labelled.length)
    for (const kind of KINDS) {
      expect(labelled.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(3)
    }
  })

  test('the archive indexes every sample item', () => {
    expect(search.size()).toBe(46)
  })

  test('queries labelled with no relevant item find nothing', () => {
    const empty = rows.filter((r) => r.relevant.length === 0)
    expect(empty.length).toBeGreaterThanOrEqual(3)
    expect(empty.filter((r) => r.found.length > 0).map((r) => `${r.query} → ${r.found.join(', ')}`)).toEqual([])
  })

  test('no query has recall below 0.9', () => {
    const low = rows.filter((r) => r.recall < 0.9)
    expect(low.map((r) => `${r.query} (recall ${fmt(r.recall)}) misses ${r.missing.join(', ')}`)).toEqual([])
  })

  test('overall recall ≥ 0.99 and precision ≥ 0.95 (micro-averaged)', () => {
    const extras = rows.filter((r) => r.extra.length > 0).map((r) => `${r.query} → +${r.extra.join(', +')}`)
    expect(overall.recall).toBeGreaterThanOrEqual(0.99)
    expect(overall.precision, `unexpected hits:\n${extras.join('\n')}`).toBeGreaterThanOrEqual(0.95)
  })
})
