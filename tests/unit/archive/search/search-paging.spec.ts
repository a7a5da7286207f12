/**
 * Issue 10, defect 1: counts come from every result, and grouped results are paged by briefing in true order
 * (newest issue first over ALL results), on an archive of a few hundred generated briefings.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { generateBriefings } from '../../../../archive/sample/generate.ts'
import { ArchiveSearch } from '../../../../archive/storage/archive-search.ts'
import { openArchiveStore } from '../../../../archive/storage/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'search-paging-'))
let index: ArchiveSearch
afterAll(() => {
  index?.close()
  rmSync(dir, { recursive: true, force: true })
})

beforeAll(async () => {
  const store = openArchiveStore(dir, { onWarning: () => undefined })
  for (const g of generateBriefings(300, { seed: 11 })) {
    const r = await store.importBytes(g.fileName, new TextEncoder().encode(g.text))
    if (r.status === 'failed') throw new Error(r.error)
  }
  index = new ArchiveSearch(store, { onProgress: () => undefined })
  await index.refresh()
}, 240_000)

describe('search counts and grouped paging', () => {
  test('베이징: total and briefings count every result, not the page', () => {
    const all = index.search('베이징', { limit: 100_000, snippets: false })
    const briefings = new Set(all.hits.map((h) => h.briefingId)).size
    expect(all.total).toBeGreaterThan(100)
    expect(briefings).toBeGreaterThan(50)
    const page = index.search('베이징', { limit: 50 })
    expect(page.hits).toHaveLength(50)
    expect(page.total).toBe(all.total)
    expect(page.briefings).toBe(briefings)
    const grouped = index.search('베이징', { limit: 50, groupOffset: 0 })
    expect(grouped.total).toBe(all.total)
    expect(grouped.briefings).toBe(briefings)
  })

  test('grouped pages hold whole briefings, newest first across every page, and together are every hit', () => {
    const all = index.search('베이징', { limit: 100_000, snippets: false })
    const newestFirst = [...new Map(all.hits.map((h) => [h.briefingId, h.published])).entries()]
      .sort(([ia, a], [ib, b]) => (a !== b ? (a < b ? 1 : -1) : ia < ib ? -1 : 1))
      .map(([id]) => id)
    const perBriefing = new Map<string, number>()
    for (const h of all.hits) perBriefing.set(h.briefingId, (perBriefing.get(h.briefingId) ?? 0) + 1)

    const order: string[] = []
    const seen = new Set<string>()
    let groupOffset = 0
    let pages = 0
    while (groupOffset < all.briefings) {
      const page = index.search('베이징', { limit: 50, groupOffset, snippets: false })
      expect(page.groups).toBeGreaterThan(0)
      const ids = [...new Set(page.hits.map((h) => h.briefingId))]
      expect(ids).toHaveLength(page.groups ?? 0)
      for (const id of ids) {
        // a group is whole: every hit of that briefing is in this page
        expect(page.hits.filter((h) => h.briefingId === id)).toHaveLength(perBriefing.get(id) ?? -1)
        expect(seen.has(id)).toBe(false)
        seen.add(id)
      }
      // a page ends after the group that reaches the limit
      expect(page.hits.length - (perBriefing.get(ids[ids.length - 1]) ?? 0)).toBeLessThan(50)
      order.push(...ids)
      groupOffset += page.groups ?? 0
      pages++
    }
    expect(pages).toBeGreaterThan(2)
    expect(order).toEqual(newestFirst)
    expect(order[0]).toBe(newestFirst[0])
  })
})

/** Issue 10, sort: relevance or date orders the WHOLE result set before it is paged, in both views. */
describe('sorted results and paging', () => {
  type Page = ReturnType<ArchiveSearch['search']>
  const QUERY = '베이징'
  const everything = (sort: 'relevance' | 'date'): Page =>
    index.search(QUERY, { limit: 100_000, snippets: false, sort })
  const byDateThenScore = (a: Page['hits'][number], b: Page['hits'][number]): number =>
    (a.published !== b.published ? (a.published < b.published ? 1 : -1) : 0) ||
    (a.briefingId !== b.briefingId ? (a.briefingId < b.briefingId ? -1 : 1) : 0) ||
    b.score - a.score

  /** Every page of the flat list, by offset. */
  function flatPages(sort: 'relevance' | 'date'): Page['hits'] {
    const out: Page['hits'] = []
    for (let offset = 0; ; offset += 50) {
      const page = index.search(QUERY, { limit: 50, offset, snippets: false, sort })
      if (page.hits.length === 0) break
      out.push(...page.hits)
    }
    return out
  }

  /** Every page of the grouped view: the briefing ids in page order, and the pages' hit counts. */
  function groupedPages(sort: 'relevance' | 'date'): { order: string[]; hits: number; pages: number } {
    const order: string[] = []
    let hits = 0
    let pages = 0
    for (let groupOffset = 0; ; pages++) {
      const page = index.search(QUERY, { limit: 50, groupOffset, snippets: false, sort })
      if (page.hits.length === 0) break
      const ids = [...new Set(page.hits.map((h) => h.briefingId))]
      expect(ids).toHaveLength(page.groups ?? 0)
      order.push(...ids)
      hits += page.hits.length
      groupOffset += page.groups ?? 0
    }
    return { order, hits, pages }
  }

  test('the flat list by date is newest issue first over every page; by relevance best score first', () => {
    const byDate = flatPages('date')
    const all = everything('date')
    expect(byDate).toHaveLength(all.total)
    expect(byDate.map((h) => h.itemId)).toEqual([...byDate].sort(byDateThenScore).map((h) => h.itemId))
    expect(new Set(byDate.map((h) => h.itemId)).size).toBe(all.total)
    const byScore = flatPages('relevance')
    expect(byScore).toHaveLength(all.total)
    for (let i = 1; i < byScore.length; i++) expect(byScore[i - 1].score).toBeGreaterThanOrEqual(byScore[i].score)
    // not the same order (the test would prove nothing on an archive where they agree)
    expect(byScore.map((h) => h.itemId)).not.toEqual(byDate.map((h) => h.itemId))
  })

  test('counts do not depend on the order', () => {
    const [date, relevance] = [everything('date'), everything('relevance')]
    expect(relevance.total).toBe(date.total)
    expect(relevance.briefings).toBe(date.briefings)
    expect(relevance.facets).toEqual(date.facets)
    const page = index.search(QUERY, { limit: 50, groupOffset: 0, sort: 'relevance', snippets: false })
    expect(page.total).toBe(date.total)
    expect(page.briefings).toBe(date.briefings)
  })

  test('grouped by relevance: briefings by their best hit, whole groups, every hit once, only appended', () => {
    const all = everything('relevance')
    // Scores arrive rounded to 3 decimals: the order must never go up (exact ties are tested on groupByBriefing).
    const best = new Map<string, number>()
    for (const h of all.hits) best.set(h.briefingId, Math.max(best.get(h.briefingId) ?? 0, h.score))
    const { order, hits, pages } = groupedPages('relevance')
    expect(pages).toBeGreaterThan(2)
    expect(hits).toBe(all.total)
    expect(new Set(order).size).toBe(order.length)
    expect(order).toHaveLength(all.briefings)
    for (let i = 1; i < order.length; i++) {
      expect(best.get(order[i - 1]) ?? 0).toBeGreaterThanOrEqual(best.get(order[i]) ?? 0)
    }
    // and that is not the date order
    expect(order).not.toEqual(groupedPages('date').order)
  })

  test('grouped by date is the order grouped results always had (newest first)', () => {
    const { order, hits } = groupedPages('date')
    expect(hits).toBe(everything('date').total)
    expect(order).toEqual(groupedPages(undefined as unknown as 'date').order)
  })
})
