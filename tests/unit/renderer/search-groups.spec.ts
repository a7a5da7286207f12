import { describe, expect, test } from 'vitest'
import type { SearchHitView } from '../../../archive/search/results.ts'
import { compareReadingOrder, displayOrder, groupHits } from '../../../renderer/lib/search-groups.ts'

function hit(briefingId: string, ref: string, published: string): SearchHitView {
  return {
    briefingId,
    itemId: `${briefingId}/${ref}`,
    title: ref,
    score: 1,
    published,
    section: ref.split('-')[0],
    sectionTitle: '정책동향',
    regions: [],
    snippet: { text: '', highlights: [] },
    matches: []
  }
}

// Ranked order, as the main process answers.
const ranked = [
  hit('a-2023-04-07', 'II-01', '2023-04-07'),
  hit('b-2026-01-09', 'I-03', '2026-01-09'),
  hit('a-2023-04-07', 'I-06', '2023-04-07'),
  hit('a-2023-04-07', 'I-01', '2023-04-07'),
  hit('b-2026-01-09', 'III-10', '2026-01-09'),
  hit('b-2026-01-09', 'III-02', '2026-01-09')
]

describe('groupHits', () => {
  test('groups by briefing, newest issue first, items in reading order', () => {
    const groups = groupHits(ranked)
    expect(groups.map((g) => g.briefingId)).toEqual(['b-2026-01-09', 'a-2023-04-07'])
    expect(groups[0].hits.map((h) => h.title)).toEqual(['I-03', 'III-02', 'III-10'])
    expect(groups[1].hits.map((h) => h.title)).toEqual(['I-01', 'I-06', 'II-01'])
    expect(groups[1].published).toBe('2023-04-07')
  })

  test('no hits, no groups', () => {
    expect(groupHits([])).toEqual([])
  })
})

describe('displayOrder', () => {
  test('flat keeps the ranking; grouped follows the groups', () => {
    expect(displayOrder(ranked, false)).toEqual(ranked)
    expect(displayOrder(ranked, true).map((h) => h.itemId)).toEqual([
      'b-2026-01-09/I-03',
      'b-2026-01-09/III-02',
      'b-2026-01-09/III-10',
      'a-2023-04-07/I-01',
      'a-2023-04-07/I-06',
      'a-2023-04-07/II-01'
    ])
  })
})

describe('compareReadingOrder', () => {
  test('roman sections, then numbers (not text order)', () => {
    const ids = ['x/III-01', 'x/I-10', 'x/II-02', 'x/I-02', 'x/IV-01']
    expect([...ids].sort(compareReadingOrder)).toEqual(['x/I-02', 'x/I-10', 'x/II-02', 'x/III-01', 'x/IV-01'])
  })
})

describe('groupHits by relevance', () => {
  test('keeps the order the groups arrived in (the server ordered them by best hit), items in reading order', () => {
    const groups = groupHits(ranked, 'relevance')
    expect(groups.map((g) => g.briefingId)).toEqual(['a-2023-04-07', 'b-2026-01-09'])
    expect(groups[0].hits.map((h) => h.title)).toEqual(['I-01', 'I-06', 'II-01'])
    expect(displayOrder(ranked, true, 'relevance')[0].itemId).toBe('a-2023-04-07/I-01')
  })
})
