import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import { allItems, type Block, type Briefing } from '../../../archive/model/briefing.ts'
import { miniBriefing } from '../../helpers/mini-briefing.ts'

function parse(text: string): Briefing {
  const r = parseBriefing(text, { fileName: 'mini.txt' })
  if (!r.ok) throw new Error(r.error)
  return r.briefing
}

function blocksOf(text: string): Block[] {
  return allItems(parse(text))[0].blocks
}

describe('parseBriefing tolerance', () => {
  const glyphCases = [
    { name: '□ square', line: '□ 사업 개요', kind: 'bullet', level: 1 },
    { name: '○ circle', line: '○ 세부 내용', kind: 'bullet', level: 1 },
    { name: '◦ small circle', line: '◦ 세부 내용', kind: 'bullet', level: 2 },
    { name: '▪ small square', line: '▪ 세부 내용', kind: 'bullet', level: 2 },
    { name: '· middle dot', line: '· 세부 내용', kind: 'bullet', level: 2 },
    { name: 'indented dash', line: '   - 세부 내용', kind: 'bullet', level: 2 },
    { name: 'tab-indented dash', line: '\t- 세부 내용', kind: 'bullet', level: 2 },
    { name: 'full-width dash', line: '－ 세부 내용', kind: 'bullet', level: 1 },
    { name: 'footnote **', line: '** 각주 설명', kind: 'footnote', level: 1 },
    { name: 'headline ■ with (05.02)', line: '■ 발표 내용(05.02)', kind: 'headline', level: 0 }
  ]
  test.each(glyphCases)('$name becomes a $kind', ({ line, kind, level }) => {
    const blocks = blocksOf(miniBriefing({ body: [line] }))
    expect(blocks).toHaveLength(1)
    expect(blocks[0].kind).toBe(kind)
    if (blocks[0].kind === 'bullet') expect(blocks[0].level).toBe(level)
    expect(JSON.stringify(blocks[0])).toMatch(/(세부 내용|사업 개요|각주 설명|발표 내용)/)
  })

  test('a line it does not understand becomes a paragraph and a warning naming the line', () => {
    const b = parse(miniBriefing({ body: ['■ 발표(5.2)', '알 수 없는 형식의 줄'] }))
    expect(allItems(b)[0].blocks.at(-1)).toEqual({ kind: 'paragraph', text: '알 수 없는 형식의 줄' })
    expect(b.warnings).toEqual([{ line: 20, message: 'unrecognised line kept as a paragraph', text: '알 수 없는 형식의 줄' }])
  })

  test('dates resolve against the publication year, rolling back over new year', () => {
    const jan = parse(miniBriefing({ published: '2026-01-09', body: ['■ 연말 발표(12.29)'] }))
    expect(allItems(jan)[0].date).toBe('2025-12-29')
    const may = parse(miniBriefing({ published: '2024-05-10', body: ['■ 발표(05.02)'] }))
    expect(allItems(may)[0].date).toBe('2024-05-02')
  })

  test('an item that skips a number is kept, with a warning', () => {
    const b = parse(miniBriefing({ extraItem: ['03 다음 항목 제목', '■ 내용(5.3)'] }))
    expect(allItems(b).map((i) => i.number)).toEqual(['01', '03'])
    expect(b.warnings.map((w) => w.message)).toContain('item numbering skips from 1 to 03')
  })

  test('empty text and text without a date are errors naming the file, not exceptions', () => {
    expect(parseBriefing('', { fileName: 'a.txt' })).toEqual({ ok: false, error: 'a.txt: the file is empty' })
    const r = parseBriefing('제목만 있는 글\n본문', { fileName: 'b.txt' })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(/^b\.txt: no publication date/)
  })
})

describe('parseBriefing properties', () => {
  const glyphs = ['■', '-', ' -', '●', '□', '○', '◦', '▪', '·', '*', '**', '〈', '〉', '※', '✓', '☑', '\t', '01 ', 'II', '|', '<', 'http://', '참고자료', '출처: ']
  const lineArb = fc
    .tuple(fc.constantFrom(...glyphs, ''), fc.string({ unit: 'grapheme', maxLength: 30 }))
    .map(([g, s]) => g + s)

  test('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 60 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        const r = parseBriefing(lines.join(eol), { fileName: 'x.txt' })
        expect(typeof r.ok).toBe('boolean')
      }),
      { numRuns: 300 }
    )
  })

  test('never loses text: every line inserted into an item body is found in the output', () => {
    const word = fc.stringMatching(/^[가-힣A-Za-z0-9]{2,12}$/)
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...glyphs.filter((g) => !/\d|II|\|/.test(g))), word), { minLength: 1, maxLength: 12 }), (rows) => {
        const inserted = rows.map(([g, w]) => `${g} ${w}`)
        const r = parseBriefing(miniBriefing({ body: ['■ 발표(5.2)', ...inserted] }), { fileName: 'x.txt' })
        expect(r.ok).toBe(true)
        if (!r.ok) return
        const dump = JSON.stringify(r.briefing)
        for (const [, w] of rows) expect(dump).toContain(w)
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) }
    )
  })
})
