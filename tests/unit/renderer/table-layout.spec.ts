import { describe, expect, test } from 'vitest'
import type { Table } from '../../../archive/model/briefing.ts'
import { cellParts, columnKinds, columnWidths, isNumericText, paddedRows } from '../../../renderer/lib/table-layout.ts'
import { textLang } from '../../../renderer/lib/text-lang.ts'

describe('isNumericText', () => {
  test('recognises amounts and percentages', () => {
    for (const text of ['30,000', '5.7%', '12', ' 9,700 ']) expect(isNumericText(text), text).toBe(true)
    for (const text of ['1위', '약 30%', '', '2.3:1']) expect(isNumericText(text), text).toBe(false)
  })
})

describe('columnKinds', () => {
  test('classifies rank, amount, short-label and long-text columns', () => {
    const table: Table = {
      columns: ['순위', '기업명', '규모(억 위안)', '주요 분야'],
      rows: [
        [{ text: '1' }, { text: '텐센트(騰訊)' }, { text: '30,000' }, { text: '클라우드 서비스 플랫폼 및 범용 인공지능' }],
        [{ text: '2' }, { text: '알리바바' }, { text: '16,000' }, { text: '스마트 금융' }]
      ]
    }
    expect(columnKinds(table)).toEqual(['ordinal', 'compact', 'numeric', 'text'])
  })

  test('never keeps a column holding lists on one line', () => {
    const table: Table = { columns: ['구분', '내용'], rows: [[{ text: '강화' }, { text: '', list: ['가', '나'] }]] }
    expect(columnKinds(table)).toEqual(['compact', 'text'])
  })

  test('counts columns from the widest row', () => {
    const table: Table = { columns: ['a'], rows: [[{ text: 'x' }, { text: 'y' }]] }
    expect(columnKinds(table)).toHaveLength(2)
  })
})

describe('paddedRows', () => {
  test('pads short rows with empty cells', () => {
    const table: Table = { columns: ['a', 'b', 'c'], rows: [[{ text: '1' }], [{ text: '1' }, { text: '2' }, { text: '3' }]] }
    expect(paddedRows(table, 3).map((r) => r.length)).toEqual([3, 3])
  })
})

describe('cellParts', () => {
  test('shows the entries, not their flat copy in text', () => {
    const cell = { text: '(가) 하나 (나) 둘', list: ['(가) 하나', '(나) 둘'] }
    expect(cellParts(cell)).toEqual({ text: '', list: ['(가) 하나', '(나) 둘'] })
  })
  test('shows a lone entry as plain text', () => {
    expect(cellParts({ text: '• 하나', list: ['하나'] })).toEqual({ text: '하나', list: [] })
  })
  test('keeps text that introduces the entries', () => {
    expect(cellParts({ text: '주요 기능', list: ['하나', '둘'] })).toEqual({ text: '주요 기능', list: ['하나', '둘'] })
  })
  test('passes a plain cell through', () => {
    expect(cellParts({ text: '베이징' })).toEqual({ text: '베이징', list: [] })
  })
})

describe('textLang', () => {
  test('marks Chinese-only text as zh and leaves Korean with Hanja alone', () => {
    expect(textLang('百度联合北京量子院发起量子计算产业知识产权联盟')).toBe('zh')
    expect(textLang('후룬연구원(胡潤研究院)')).toBeUndefined()
    expect(textLang('Hurun China Top 100')).toBeUndefined()
  })
})

describe('issue 10: counts are amounts, prose columns get the room', () => {
  const cell = (text: string): { text: string } => ({ text })
  test('a column of counts (15, 8, 3) is numeric; 1, 2, 3 … down the rows is a rank', () => {
    const table = { columns: ['순위', '지역', '해당 기업 수'], rows: [['1', '베이징', '15'], ['2', '상하이', '8'], ['3', '선전', '3']].map((r) => r.map(cell)) }
    expect(columnKinds(table)).toEqual(['ordinal', 'compact', 'numeric'])
  })
  test('prose columns share the width by how much text they hold; short columns take their content', () => {
    const table = {
      columns: ['순위', '기업명', '주요 분야'],
      rows: [['1', '테스트', '반도체 장비 국산화와 첨단 패키징 라인 확충, 인재 양성'], ['2', '샘플', '양자 통신망 구축과 표준화']].map((r) => r.map(cell))
    }
    const widths = columnWidths(table, columnKinds(table))
    expect(widths[0]).toBeUndefined()
    expect(widths[1]).toBeUndefined()
    expect(widths[2]).toBe('64.0%')
  })
})
