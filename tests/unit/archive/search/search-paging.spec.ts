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
