import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { normalizeForSearch, normalizeText, sourceRange } from '../../../archive/search/normalize.ts'
import { tokenize } from '../../../archive/search/tokenize.ts'
import { parseQuery } from '../../../archive/search/parse-query.ts'

describe('normalizeForSearch', () => {
  const cases = [
    { name: 'decomposed Hangul is composed', input: '베이징'.normalize('NFD'), expected: '베이징' },
    { name: 'full-width Latin and digits fold', input: 'ＱＫＤ　６１５ｋｍ', expected: 'qkd 615km' },
    { name: 'curly quotes and dashes fold', input: '‘린강’ “정책” 2023–2024', expected: "'린강' \"정책\" 2023-2024" },
    { name: 'zero-width characters drop', input: '양\u200B자\uFEFF', expected: '양자' },
    { name: 'whitespace collapses', input: ' 양자 \n\t 컴퓨팅 ', expected: '양자 컴퓨팅' },
    { name: 'traditional Han folds to simplified', input: '華爲 臨港新區 中國移動', expected: '华为 临港新区 中国移动' },
    { name: 'compatibility ideographs fold', input: '\uF900', expected: '岂' }
  ]
  test.each(cases)('$name', ({ input, expected }) => {
    expect(normalizeText(input)).toBe(expected)
  })

  test('the offset map points every normalised character back at its source', () => {
    const source = '  “베이징”은 ＡＩ\u200B 華爲'
    const n = normalizeForSearch(source)
    const at = n.text.indexOf('华为')
    const r = sourceRange(n, at, at + 2)
    expect(source.slice(r.start, r.end)).toBe('華爲')
    const ai = n.text.indexOf('ai')
    const ra = sourceRange(n, ai, ai + 2)
    expect(source.slice(ra.start, ra.end)).toBe('ＡＩ')
  })

  test('property: maps are monotonic and within the source', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        const n = normalizeForSearch(s)
        expect(n.starts.length).toBe(n.text.length)
        for (let k = 0; k < n.text.length; k++) {
          expect(n.starts[k]).toBeLessThan(n.ends[k])
          expect(n.ends[k]).toBeLessThanOrEqual(s.length)
          if (k > 0) expect(n.starts[k]).toBeGreaterThanOrEqual(n.starts[k - 1])
        }
        expect(normalizeText(n.text)).toBe(n.text) // idempotent
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) }
    )
  })
})

describe('tokenize', () => {
  test('CJK runs become overlapping bigrams, a single character stays a unigram, Latin is stemmed', () => {
    expect(tokenize('양자컴퓨팅 칩 computing 615km').map((t) => t.term)).toEqual([
      '양자', '자컴', '컴퓨', '퓨팅', '칩', 'comput', '615km'
    ])
  })
  test('indexing joins CJK runs across one space so spacing does not matter', () => {
    expect(tokenize('양자 컴퓨팅', { joinAcrossSpaces: true }).map((t) => t.term)).toContain('자컴')
    expect(tokenize('양자 컴퓨팅').map((t) => t.term)).not.toContain('자컴')
  })
})

describe('parseQuery', () => {
  test('words, phrases, exclusions, prefixes and filters', () => {
    const q = parseQuery('양자 "기술 이전" -베이징 comput* region:상하이 category:"기술 전략" published:2023 date:2023-03..2023-04 is:bookmarked')
    expect(q.terms).toEqual([
      { kind: 'word', text: '양자', negate: false, prefix: false },
      { kind: 'phrase', text: '기술 이전', negate: false, prefix: false },
      { kind: 'word', text: '베이징', negate: true, prefix: false },
      { kind: 'word', text: 'comput', negate: false, prefix: true }
    ])
    expect(q.filters).toEqual({
      region: ['상하이'],
      category: ['기술 전략'],
      publishedFrom: '2023-01-01',
      publishedTo: '2023-12-31',
      dateFrom: '2023-03-01',
      dateTo: '2023-04-30',
      bookmarked: true
    })
  })
  test('Korean filter keys and open ranges', () => {
    expect(parseQuery('지역:베이징 발행:..2022-06').filters).toEqual({ region: ['베이징'], publishedTo: '2022-06-30' })
  })
})

describe('normalizeForSearch expansions', () => {
  test('a character that NFKC expands a lot keeps a complete map, even before a long plain run', () => {
    const source = 'ﷺ' + 'a'.repeat(50) + 'ﷺ'
    const n = normalizeForSearch(source)
    expect(n.starts.length).toBe(n.text.length)
    expect(n.ends[n.text.length - 1]).toBe(source.length)
  })
})

describe('learnAliases', () => {
  test('the Hangul side widens to the words before the gloss while it is shorter than the Han name', async () => {
    const { learnAliases, hangulSide } = await import('../../../archive/search/aliases.ts')
    expect(hangulSide('양자 대로', '量子大街')).toBe('양자대로')
    expect(hangulSide('상하이 린강신구', '临港新区')).toBe('린강신구')
    expect(hangulSide('지능', '具身智能')).toBeUndefined()
    const aliases = learnAliases(["상하이 린강신구(臨港新區)는", "'양자 대로(量子大街)'", '체화 지능(具身智能)', '화웨이(華爲)'])
    expect([...(aliases.get('临港新区') ?? [])]).toEqual(['린강신구'])
    expect([...(aliases.get('量子大街') ?? [])]).toEqual(['양자대로'])
    expect([...(aliases.get('具身智能') ?? [])]).toEqual(['체화지능'])
    expect([...(aliases.get('화웨이') ?? [])]).toEqual(['华为'])
    expect(aliases.has('대로')).toBe(false)
  })
})

describe('tokenize subwords', () => {
  test('index side splits mixed letter/digit words so km finds 80km; queries keep the whole word', () => {
    expect(tokenize('80km', { joinAcrossSpaces: true }).map((t) => t.term)).toEqual(['80km', '80', 'km'])
    expect(tokenize('80km').map((t) => t.term)).toEqual(['80km'])
  })
})

describe('makeSnippet', () => {
  test('separates blocks with a middle dot and keeps highlights on the matched characters', async () => {
    const { makeSnippet } = await import('../../../archive/search/highlight.ts')
    const source = '첫 줄 끝(4.2)\n  둘째 줄에 양자 기술\n셋째'
    const start = source.indexOf('양자')
    const s = makeSnippet(source, [{ start, end: start + 2 }], 200)
    expect(s.text).toBe('첫 줄 끝(4.2) · 둘째 줄에 양자 기술 · 셋째')
    expect(s.text.slice(s.highlights[0].start, s.highlights[0].end)).toBe('양자')
    const long = '가'.repeat(300) + '양자' + '나'.repeat(300)
    const cut = makeSnippet(long, [{ start: 300, end: 302 }], 120)
    expect(cut.text.startsWith('…') && cut.text.endsWith('…')).toBe(true)
    expect(cut.text.slice(cut.highlights[0].start, cut.highlights[0].end)).toBe('양자')
  })
})
