import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { findOccurrences, locateOffset } from '../../../renderer/lib/text-ranges.ts'

const slices = (text: string, needles: string[]): string[] =>
  findOccurrences(text, needles).map((r) => text.slice(r.start, r.end))

describe('findOccurrences', () => {
  test('finds every occurrence of every needle, left to right', () => {
    const text = '베이징은 8개 기관 … 베이징양자정보과학연구원 … 北京'
    expect(slices(text, ['베이징', '北京'])).toEqual(['베이징', '베이징', '北京'])
  })

  test('the longest needle wins at one position, and occurrences never overlap', () => {
    expect(slices('양자컴퓨팅산업', ['양자', '양자컴퓨팅'])).toEqual(['양자컴퓨팅'])
    expect(slices('aaaa', ['aa'])).toEqual(['aa', 'aa'])
  })

  test('spacing inside a needle is flexible', () => {
    expect(slices('양자컴퓨팅과 양자 컴퓨팅', ['양자 컴퓨팅'])).toEqual(['양자컴퓨팅', '양자 컴퓨팅'])
  })

  test('regular-expression characters are literal', () => {
    expect(slices('규모(억 위안) 1+1 a.b', ['(억', '1+1', 'a.b'])).toEqual(['(억', '1+1', 'a.b'])
    expect(slices('axb', ['a.b'])).toEqual([])
  })

  test('nothing for no needles, blank needles or empty text', () => {
    expect(findOccurrences('텍스트', [])).toEqual([])
    expect(findOccurrences('텍스트', ['', '  '])).toEqual([])
    expect(findOccurrences('', ['a'])).toEqual([])
  })

  test('every range is inside the text and holds a needle (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 3 }), (text, needles) => {
        let last = 0
        for (const r of findOccurrences(text, needles)) {
          expect(r.start).toBeGreaterThanOrEqual(last)
          expect(r.end).toBeGreaterThan(r.start)
          expect(r.end).toBeLessThanOrEqual(text.length)
          last = r.end
        }
      })
    )
  })
})

describe('locateOffset', () => {
  // Three text nodes: "ab" "cde" "f" → starts 0, 2, 5; total 6.
  const starts = [0, 2, 5]
  const total = 6

  test('a start offset is in the node holding that character', () => {
    expect(locateOffset(starts, total, 0, 'start')).toEqual({ index: 0, offset: 0 })
    expect(locateOffset(starts, total, 2, 'start')).toEqual({ index: 1, offset: 0 })
    expect(locateOffset(starts, total, 4, 'start')).toEqual({ index: 1, offset: 2 })
    expect(locateOffset(starts, total, 5, 'start')).toEqual({ index: 2, offset: 0 })
  })

  test('an end offset is in the node holding the character before it', () => {
    expect(locateOffset(starts, total, 2, 'end')).toEqual({ index: 0, offset: 2 })
    expect(locateOffset(starts, total, 5, 'end')).toEqual({ index: 1, offset: 3 })
    expect(locateOffset(starts, total, 6, 'end')).toEqual({ index: 2, offset: 1 })
  })

  test('a match spanning nodes starts in one and ends in another', () => {
    // "bcd" = offsets 1..4
    expect(locateOffset(starts, total, 1, 'start')).toEqual({ index: 0, offset: 1 })
    expect(locateOffset(starts, total, 4, 'end')).toEqual({ index: 1, offset: 2 })
  })

  test('empty nodes are skipped', () => {
    // "ab" "" "c": starts 0, 2, 2
    expect(locateOffset([0, 2, 2], 3, 2, 'start')).toEqual({ index: 2, offset: 0 })
    expect(locateOffset([0, 2, 2], 3, 2, 'end')).toEqual({ index: 0, offset: 2 })
  })

  test('null outside the text', () => {
    expect(locateOffset(starts, total, 6, 'start')).toBeNull()
    expect(locateOffset(starts, total, 0, 'end')).toBeNull()
    expect(locateOffset(starts, total, -1, 'start')).toBeNull()
    expect(locateOffset([], 0, 0, 'start')).toBeNull()
  })
})
