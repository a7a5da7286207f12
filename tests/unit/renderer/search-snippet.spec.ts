import { describe, expect, test } from 'vitest'
import {
  highlightSegments,
  itemLabel,
  otherForms,
  tidySnippet,
  titleSegments
} from '../../../renderer/lib/search-snippet.ts'

describe('highlightSegments', () => {
  test('cuts the text into plain and highlighted parts', () => {
    expect(highlightSegments('베이징은 8개 기관', [{ start: 0, end: 3 }])).toEqual([
      { text: '베이징', hit: true },
      { text: '은 8개 기관', hit: false }
    ])
  })

  test('the segments always add up to the text', () => {
    const text = '…화웨이, 메이투안(美團)…'
    const segments = highlightSegments(text, [{ start: 1, end: 4 }, { start: 11, end: 13 }])
    expect(segments.map((s) => s.text).join('')).toBe(text)
    expect(segments.filter((s) => s.hit).map((s) => s.text)).toEqual(['화웨이', '美團'])
  })

  test('unsorted, overlapping, empty and out-of-range offsets are tolerated', () => {
    const segments = highlightSegments('abcdef', [
      { start: 4, end: 9 },
      { start: 1, end: 3 },
      { start: 2, end: 4 },
      { start: 5, end: 5 },
      { start: -3, end: 0 }
    ])
    expect(segments).toEqual([
      { text: 'a', hit: false },
      { text: 'bc', hit: true },
      { text: 'd', hit: true },
      { text: 'ef', hit: true }
    ])
  })

  test('no highlights: one plain segment; empty text: none', () => {
    expect(highlightSegments('텍스트', [])).toEqual([{ text: '텍스트', hit: false }])
    expect(highlightSegments('', [{ start: 0, end: 2 }])).toEqual([])
  })
})

describe('tidySnippet', () => {
  test('drops the broken word at a leading cut and shifts the highlights', () => {
    const tidy = tidySnippet({ text: '…가율이 각각 베이징, 상하이', highlights: [{ start: 8, end: 11 }] })
    expect(tidy.text).toBe('…각각 베이징, 상하이')
    expect(tidy.text.slice(tidy.highlights[0].start, tidy.highlights[0].end)).toBe('베이징')
  })

  test('drops the broken word at a trailing cut', () => {
    expect(tidySnippet({ text: '베이징은 8개 기관 공동으로 양자 산업 특허…', highlights: [{ start: 0, end: 3 }] }).text).toBe(
      '베이징은 8개 기관 공동으로 양자 산업…'
    )
  })

  test('removes the space after a leading ellipsis', () => {
    const tidy = tidySnippet({ text: '… 양자정보를 베이징', highlights: [{ start: 8, end: 11 }] })
    expect(tidy.text).toBe('…양자정보를 베이징')
    expect(tidy.text.slice(tidy.highlights[0].start, tidy.highlights[0].end)).toBe('베이징')
  })

  test('never cuts into a highlight', () => {
    const snippet = { text: '…베이징은 8개', highlights: [{ start: 1, end: 4 }] }
    expect(tidySnippet(snippet)).toEqual(snippet)
  })

  test('leaves an uncut snippet alone', () => {
    const snippet = { text: '상하이(上海)는 2030년까지', highlights: [] }
    expect(tidySnippet(snippet)).toEqual(snippet)
  })
})

describe('titleSegments', () => {
  test('highlights the matched strings in a title', () => {
    expect(titleSegments('베이징·우시, 지식재산권 서비스 강화', ['베이징', '北京'])).toEqual([
      { text: '베이징', hit: true },
      { text: '·우시, 지식재산권 서비스 강화', hit: false }
    ])
  })
})

describe('otherForms', () => {
  test('the forms the user did not type', () => {
    expect(otherForms(['화웨이', '華爲', '華為'], '华为')).toEqual(['화웨이', '華爲', '華為'])
    expect(otherForms(['베이징', '北京'], '베이징')).toEqual(['北京'])
  })

  test('spacing, case and quotes do not make a form different', () => {
    expect(otherForms(['양자 컴퓨팅', '양자컴퓨팅'], '양자컴퓨팅')).toEqual([])
    expect(otherForms(['QKD'], 'qkd')).toEqual([])
    expect(otherForms(['기술이전센터'], '"기술이전센터"')).toEqual([])
  })

  test('each form once', () => {
    expect(otherForms(['北京', '北京', '北 京'], '베이징')).toEqual(['北京'])
  })
})

describe('itemLabel', () => {
  test('the section and number of an item id', () => {
    expect(itemLabel('kostec-weekly-2023-04-07/II-01')).toBe('II-01')
    expect(itemLabel('I-03')).toBe('I-03')
  })
})
