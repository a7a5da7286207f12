import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { BriefingSummary } from '../../../electron/shared/ipc-contract.ts'
import { facets, kindOf, passes, type LibraryFilters } from '../../../renderer/lib/library-groups.ts'

const summary = fc.record({
  publisher: fc.constantFrom('KOSTEC', 'KISTEP', 'KIEP', '주중대사관'),
  series: fc.constantFrom('주간동향', '이슈', '뉴스'),
  kind: fc.constantFrom('weekly' as const, 'post' as const, undefined)
})
const filters: fc.Arbitrary<LibraryFilters> = fc.record({
  publishers: fc.subarray(['KOSTEC', 'KISTEP', 'KIEP', '주중대사관']),
  series: fc.subarray(['주간동향', '이슈', '뉴스']),
  kinds: fc.subarray(['weekly' as const, 'post' as const])
})

/** The definition: each value's count is how many briefings pass every filter but its own kind's. */
function byDefinition(list: BriefingSummary[], f: LibraryFilters): ReturnType<typeof facets> {
  const count = <K extends string>(value: (b: BriefingSummary) => K, without: Partial<LibraryFilters>): Array<[K, number]> => {
    const map = new Map<K, number>()
    for (const b of list) if (passes(b, { ...f, ...without })) map.set(value(b), (map.get(value(b)) ?? 0) + 1)
    return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  }
  return {
    publishers: count((b) => b.publisher, { publishers: [] }),
    series: count((b) => b.series, { series: [] }),
    kinds: count(kindOf, { kinds: [] })
  }
}

describe('library facets', () => {
  it('counts each value over the briefings the other filters keep', () => {
    const list = [
      { publisher: 'KOSTEC', series: '주간동향', kind: 'weekly' },
      { publisher: 'KOSTEC', series: '주간동향', kind: 'weekly' },
      { publisher: 'KISTEP', series: '이슈', kind: 'post' }
    ] as BriefingSummary[]
    expect(facets(list, { publishers: ['KISTEP'], series: [], kinds: [] })).toEqual({
      publishers: [['KOSTEC', 2], ['KISTEP', 1]],
      series: [['이슈', 1]],
      kinds: [['post', 1]]
    })
  })

  it('agrees with the definition for any list and filters (one pass, same answer)', () => {
    fc.assert(
      fc.property(fc.array(summary, { maxLength: 40 }), filters, (rows, f) => {
        const list = rows.map((r, i) => ({ ...r, id: `b${i}`, published: '2026-01-01' }) as unknown as BriefingSummary)
        expect(facets(list, f)).toEqual(byDefinition(list, f))
      })
    )
  })
})
