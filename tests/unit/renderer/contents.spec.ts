import { describe, expect, test } from 'vitest'
import type { Briefing, Item } from '../../../archive/model/briefing.ts'
import { buildContentsTree, categoryByItem } from '../../../renderer/lib/contents.ts'

const B = 'test-weekly-2024-05-10'

function item(section: string, number: string, title: string, extra: Partial<Item> = {}): Item {
  return { id: `${B}/${section}-${number}`, section, number, title, regions: [], blocks: [], ...extra }
}

function briefing(): Briefing {
  return {
    id: B,
    series: '테스트 주간동향',
    published: '2024-05-10',
    publisher: '테스트센터',
    issuer: '김테스트',
    contents: [
      {
        number: '1',
        title: '정책동향',
        categories: [
          { title: '지역', entries: [{ title: '허페이 …', itemId: `${B}/I-01` }, { title: '상하이 …', itemId: `${B}/I-03` }] },
          { title: '통계', entries: [{ title: '순위 …', itemId: `${B}/I-02` }, { title: '짝 없는 항목' }] }
        ]
      }
    ],
    summary: [],
    sections: [
      {
        number: 'I',
        title: '정책동향',
        items: [
          item('I', '01', '허페이, 양자 지원책'),
          item('I', '02', '기업 순위 발표'),
          item('I', '03', '상하이, 바이오 정책'),
          item('I', '04', '목차에 없는 항목', { category: '기업' })
        ]
      },
      { number: 'III', title: '단신동향', items: [item('III', '01', '단신 하나'), item('III', '02', '단신 둘')] }
    ],
    colophon: {},
    sourceHash: '0'.repeat(64),
    warnings: []
  }
}

describe('buildContentsTree', () => {
  const tree = buildContentsTree(briefing())

  test('keeps the body sections in order', () => {
    expect(tree.map((s) => `${s.number} ${s.title}`)).toEqual(['I 정책동향', 'III 단신동향'])
  })

  test('groups items under their contents category at the first item of each', () => {
    expect(tree[0].groups.map((g) => (g.kind === 'category' ? g.title : g.item.number))).toEqual([
      '지역',
      '통계',
      '기업'
    ])
    const region = tree[0].groups[0]
    expect(region.kind === 'category' && region.items.map((i) => i.number)).toEqual(['01', '03'])
  })

  test("falls back to the item's own category when the contents does not list it", () => {
    const last = tree[0].groups[2]
    expect(last.kind === 'category' && last.items.map((i) => i.title)).toEqual(['목차에 없는 항목'])
  })

  test('lists items without a category directly under their section', () => {
    expect(tree[1].groups).toEqual([
      { kind: 'item', item: { id: `${B}/III-01`, number: '01', title: '단신 하나' } },
      { kind: 'item', item: { id: `${B}/III-02`, number: '02', title: '단신 둘' } }
    ])
  })
})

describe('categoryByItem', () => {
  test('maps every categorised item id to its category', () => {
    const map = categoryByItem(briefing())
    expect(map.get(`${B}/I-03`)).toBe('지역')
    expect(map.get(`${B}/I-02`)).toBe('통계')
    expect(map.has(`${B}/III-01`)).toBe(false)
  })
})
