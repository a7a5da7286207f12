import { describe, expect, test } from 'vitest'
import type { ShardDoc } from '../../../../archive/search/build-index.ts'
import { groupByBriefing, type RankedHit } from '../../../../archive/search/search-index.ts'

function hit(briefingId: string, published: string, item: string, score: number): RankedHit {
  const meta = { briefingId, published, itemId: `${briefingId}/${item}` } as ShardDoc
  return { shard: undefined as never, doc: 0, meta, score }
}

// Ranked order (best score first), as searchShards sorts before grouping.
const ranked = [
  hit('b-2024-01-05', '2024-01-05', 'I-01', 9),
  hit('a-2023-03-03', '2023-03-03', 'I-02', 7),
  hit('c-2025-06-06', '2025-06-06', 'I-01', 7),
  hit('d-2025-06-06', '2025-06-06', 'II-01', 7),
  hit('c-2025-06-06', '2025-06-06', 'II-03', 1),
  hit('b-2024-01-05', '2024-01-05', 'II-02', 0.5)
]
const ids = (groups: RankedHit[][]): string[] => groups.map((g) => g[0].meta.briefingId)

describe('groupByBriefing', () => {
  test('by relevance: the briefing with the best hit first; equal best hits newest issue first, then id', () => {
    expect(ids(groupByBriefing(ranked, 'relevance'))).toEqual(['b-2024-01-05', 'c-2025-06-06', 'd-2025-06-06', 'a-2023-03-03'])
  })

  test('by date (the default): newest issue first, then id, whatever the scores', () => {
    const expected = ['c-2025-06-06', 'd-2025-06-06', 'b-2024-01-05', 'a-2023-03-03']
    expect(ids(groupByBriefing(ranked, 'date'))).toEqual(expected)
    expect(ids(groupByBriefing(ranked))).toEqual(expected)
  })

  test('a group holds every hit of its briefing in the order given', () => {
    const c = groupByBriefing(ranked, 'relevance')[1]
    expect(c.map((h) => h.meta.itemId)).toEqual(['c-2025-06-06/I-01', 'c-2025-06-06/II-03'])
  })
})
