import { describe, expect, test } from 'vitest'
import type { Block } from '../../../archive/model/briefing.ts'
import { groupBlocks } from '../../../renderer/lib/block-groups.ts'

const bullet = (text: string, level = 1): Block => ({ kind: 'bullet', text, level })
const footnote = (text: string, marker = '*'): Block => ({ kind: 'footnote', marker, text, level: 1 })

describe('groupBlocks', () => {
  test('nests bullets by level', () => {
    const [group] = groupBlocks([bullet('a'), bullet('a.1', 2), bullet('a.1.x', 3), bullet('a.2', 2), bullet('b')])
    expect(group.kind).toBe('bullets')
    if (group.kind !== 'bullets') return
    expect(group.nodes.map((n) => n.text)).toEqual(['a', 'b'])
    expect(group.nodes[0].children.map((n) => n.text)).toEqual(['a.1', 'a.2'])
    expect(group.nodes[0].children[0].children.map((n) => n.text)).toEqual(['a.1.x'])
  })

  test('hangs a nested bullet that skips a level under the nearest shallower one', () => {
    const [group] = groupBlocks([bullet('a'), bullet('deep', 3)])
    expect(group.kind === 'bullets' && group.nodes[0].children[0].text).toBe('deep')
  })

  test('attaches footnotes to the bullet just above them', () => {
    const [group] = groupBlocks([bullet('a'), bullet('a.1', 2), footnote('note 1'), footnote('note 2', '**'), bullet('b')])
    if (group.kind !== 'bullets') throw new Error('expected bullets')
    expect(group.nodes[0].children[0].footnotes.map((f) => f.marker)).toEqual(['*', '**'])
    expect(group.nodes[1].footnotes).toEqual([])
  })

  test('keeps a footnote after a headline on its own', () => {
    const groups = groupBlocks([{ kind: 'headline', text: 'h' }, footnote('n')])
    expect(groups.map((g) => (g.kind === 'block' ? g.block.kind : g.kind))).toEqual(['headline', 'footnote'])
  })

  test('starts a new list after any other block', () => {
    const groups = groupBlocks([bullet('a'), { kind: 'headline', text: 'h' }, bullet('b')])
    expect(groups.map((g) => g.kind)).toEqual(['bullets', 'block', 'bullets'])
  })

  test('collects adjacent references and adjacent figure captions', () => {
    const groups = groupBlocks([
      { kind: 'caption', text: '위치도' },
      { kind: 'caption', text: '범위' },
      { kind: 'figureSource', url: 'https://example.com/f' },
      { kind: 'reference', title: 'r1', url: 'https://example.com/1' },
      { kind: 'reference', title: 'r2', url: 'https://example.com/2' }
    ])
    expect(groups).toEqual([
      { kind: 'figures', captions: ['위치도', '범위'] },
      { kind: 'block', block: { kind: 'figureSource', url: 'https://example.com/f' } },
      {
        kind: 'references',
        links: [
          { title: 'r1', url: 'https://example.com/1' },
          { title: 'r2', url: 'https://example.com/2' }
        ]
      }
    ])
  })
})
