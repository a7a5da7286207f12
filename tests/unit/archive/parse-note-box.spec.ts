import { describe, expect, test } from 'vitest'
import { parseBriefing, PARSER_VERSION } from '../../../archive/parser/parse-briefing.ts'
import { allItems, type Block } from '../../../archive/model/briefing.ts'
import { miniBriefing } from '../../helpers/mini-briefing.ts'

function noteOf(line: string): Extract<Block, { kind: 'note' }> {
  const r = parseBriefing(miniBriefing({ body: ['■ 발표(5.2)', line, '✓ 첫 항목', '✓ 둘째 항목'] }), { fileName: 'mini.txt' })
  if (!r.ok) throw new Error(r.error)
  const note = allItems(r.briefing)[0].blocks.find((b) => b.kind === 'note')
  if (note?.kind !== 'note') throw new Error('no note box')
  return note
}

describe('a 〈※ 참고: …〉 box', () => {
  test.each([
    ['〈※ 참고: 테스트 클러스터 개요〉', '※ 참고'],
    ['〈※참고: 테스트 클러스터 개요〉', '※ 참고'],
    ['〈※ 참조 : 테스트 클러스터 개요〉', '※ 참조'],
    ['〈※ 테스트 클러스터 개요〉', '※']
  ])('%s: the label is the marker only and the title is said once', (line, label) => {
    const note = noteOf(line)
    expect(note.label).toBe(label)
    expect(note.title).toBe('테스트 클러스터 개요')
    expect(`${note.label} ${note.title}`.split('테스트 클러스터 개요')).toHaveLength(2)
    expect(note.items).toEqual(['첫 항목', '둘째 항목'])
  })

  test('the parser version is past the one that kept the title in the label', () => {
    expect(PARSER_VERSION).toBeGreaterThan(2)
  })
})
