/**
 * archive/import/pdf.ts on the hand-made fixtures (tests/fixtures/import/pdf/, printed by
 * scripts/make-sample-pdfs.ts with Chromium) and on PDFs written byte by byte here.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ImportError } from '../../../archive/import/types.ts'
import { PUA_BULLETS, mapGlyphs, readPdf, repairHanjaSpacing, textLooksReadable } from '../../../archive/import/pdf.ts'
import { PDF_FIXTURES, REPO, noUnicodePdf, passwordPdf, positionedTextPdf, simpleTextPdf, toUnicodePdf } from './pdf-helpers.ts'

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(PDF_FIXTURES, name)))
const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(join(REPO, 'archive/sample/pdf', name)))

async function rejection(bytes: Uint8Array): Promise<ImportError> {
  try {
    await readPdf(bytes, 'x.pdf')
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError)
    return e as ImportError
  }
  throw new Error('readPdf accepted the file')
}

const SENTENCE = '연구팀은 새로운 촉매를 이용하여 이산화탄소를 메탄올로 바꾸는 반응의 효율을 기존보다 두 배 이상 높였으며'

describe('lines and paragraphs', () => {
  test('wrapped lines are joined into one line per paragraph; bullets, indents and paragraph gaps kept', async () => {
    const doc = await readPdf(fixture('wrapped-paragraph.pdf'), 'wrapped-paragraph.pdf')
    expect(doc.format).toBe('pdf')
    expect(doc.text).toBe(
      [
        `□ ${SENTENCE} 상용화를 위한 시험 설비를 2026년까지 구축하기로 하였다. ${SENTENCE} 후속 연구를 이어가기로 했다.`,
        '',
        // Chromium's ToUnicode names 目 and 山 by their Kangxi radicals (⽬ ⼭): folded back
        ` ○ 톈무산(天目山) 관측소는 ${SENTENCE} 결과를 공개하였다.`,
        '  - 짧은 하위 항목',
        '',
        '마지막 문단은 한 줄이다.',
        ''
      ].join('\n')
    )
    expect(doc.notes).toContain('dropped 1 running header, footer and page-number lines')
  })

  test('a paragraph going on from the foot of one page to the head of the next is one line; the header and page numbers between are dropped', async () => {
    const doc = await readPdf(fixture('paragraph-page-break.pdf'), 'paragraph-page-break.pdf')
    expect(doc.text).toBe(
      `- ${SENTENCE} 상용화를 위한 시험 설비를 구축하기로 하였다. ${SENTENCE} 후속 연구를 이어가고 ${SENTENCE} 결과를 공개하였다.\n\n참고자료\n`
    )
  })
})

describe('tables', () => {
  test('a bordered table split over two pages, its header repeated, is one pipe table with every row once, in order', async () => {
    const doc = await readPdf(fixture('table-page-break.pdf'), 'table-page-break.pdf')
    const lines = doc.text.split('\n')
    expect(lines.slice(0, 4)).toEqual(['〈긴 표〉', '', '| 순위 | 기업명 | 매출(억 위안) |', '|---|---|---|'])
    const body = lines.slice(4, 4 + 46)
    expect(body).toEqual(Array.from({ length: 46 }, (_, i) => `| ${i + 1} | 기업${i + 1} | ${(i + 1) * 7} |`))
    expect(lines.slice(50)).toEqual(['', '표 다음 문단.', ''])
    expect(lines.filter((l) => l.includes('순위'))).toHaveLength(1)
    expect(doc.notes).toContain('rebuilt 2 bordered tables from cell positions')
  })

  test('a table of stroked cell rectangles is a table; a box around text is not; rotated watermark text is dropped', async () => {
    const cells: string[] = []
    const runs: Array<[number, number, string]> = []
    const rows = [['Rank', 'Company', 'Sales'], ['1', 'Alpha', '265'], ['2', 'Beta', '214']]
    rows.forEach((row, r) => {
      row.forEach((text, c) => {
        cells.push(`${40 + 150 * c} ${640 - 20 * r} 150 20 re`)
        runs.push([45 + 150 * c, 645 - 20 * r, text])
      })
    })
    runs.push([50, 540, 'Note: boxed text stays text.'], [50, 520, 'Second line in the box.'])
    const drawing = `0.5 w ${cells.join(' ')} S 40 500 400 60 re S BT /F1 40 Tf 0.7 0.7 -0.7 0.7 150 300 Tm (DRAFT) Tj ET`
    const doc = await readPdf(positionedTextPdf([runs], [drawing]), 'x.pdf')
    expect(doc.text).toBe(
      '| Rank | Company | Sales |\n|---|---|---|\n| 1 | Alpha | 265 |\n| 2 | Beta | 214 |\n\nNote: boxed text stays text.\nSecond line in the box.\n'
    )
    expect(doc.notes).toEqual(['dropped 1 rotated text run (watermarks or margin labels)', 'rebuilt 1 bordered table from cell positions'])
  })

  test('a table cell holding a list keeps one entry per line as <br>', async () => {
    const doc = await readPdf(sample('sample-weekly-2025-11-14.pdf'), 'sample-weekly-2025-11-14.pdf')
    expect(doc.text).toContain('| 1 | 데이터 | • 국가 과학데이터센터 20곳의 데이터 표준화<br>• 실험 장비 데이터 자동 수집 체계 구축 |')
    // an empty first cell stays a cell
    expect(doc.text).toContain('|  | 기타 | 6 | 20.0 |')
  })
})

describe('running headers, footers and page numbers', () => {
  test('the series header and the - N - footers of a sample are gone, the title on page 1 is kept', async () => {
    const doc = await readPdf(sample('sample-weekly-2026-01-09.pdf'), 'sample-weekly-2026-01-09.pdf')
    expect(doc.text).not.toMatch(/^- \d+ -$/m)
    expect(doc.text).not.toMatch(/^\s*샘플 과학기술 정책 주간동향$/m)
    expect(doc.text.split('\n')[0]).toBe('샘플 과학기술 정책 주/간/동/향')
  })
})

describe('running headers and page numbers in other forms', () => {
  const threePages = (header: (p: number) => string, footer: (p: number) => string, x = 280): Uint8Array =>
    positionedTextPdf(
      [1, 2, 3].map((p) => [
        [40, 800, header(p)],
        [40, 700, `Body text of page ${p}.`],
        [x, 40, footer(p)]
      ])
    )

  test('a header whose digits change from page to page and Page N of M footers', async () => {
    const doc = await readPdf(threePages((p) => `Policy Weekly No. 12 - March ${p + 10}, 2024`, (p) => `Page ${p} of 3`), 'x.pdf')
    expect(doc.text).toBe('Body text of page 1.\n\nBody text of page 2.\n\nBody text of page 3.\n')
    expect(doc.notes).toContain('dropped 6 running header, footer and page-number lines')
  })

  test('N / M footers and bare page numbers at the foot; a title like the header on page 1 is kept', async () => {
    expect((await readPdf(threePages(() => 'KOSTEC Weekly', (p) => `${p} / 3`), 'x.pdf')).text).toBe('Body text of page 1.\n\nBody text of page 2.\n\nBody text of page 3.\n')
    expect((await readPdf(threePages(() => 'KOSTEC Weekly', (p) => `${p}`, 295), 'x.pdf')).text).toBe('Body text of page 1.\n\nBody text of page 2.\n\nBody text of page 3.\n')
    const titled = positionedTextPdf([
      [[40, 800, 'Policy Weekly'], [40, 780, 'Policy Weekly No. 12'], [40, 700, 'First page.']],
      [[40, 800, 'Policy Weekly'], [40, 700, 'Second page.']]
    ])
    expect((await readPdf(titled, 'x.pdf')).text).toBe('Policy Weekly No. 12\n\nFirst page.\n\nSecond page.\n')
  })
})

describe('pages without text', () => {
  test('an image-only page inside a text PDF is told in a note, the other pages read', async () => {
    const doc = await readPdf(fixture('image-page.pdf'), 'image-page.pdf')
    expect(doc.text).toBe('첫 쪽은 글이 있는 쪽이다.\n\n셋째 쪽도 글이 있다.\n')
    expect(doc.notes).toContain('page 2 has no text layer (images only): not imported; OCR it to keep the text')
  })

  test('a PDF of images only is refused as a scan', async () => {
    expect((await rejection(fixture('scanned.pdf'))).reason).toBe('no text layer: a scanned PDF (2 pages of images); OCR it first')
  })
})

describe('PDFs that cannot be read', () => {
  test('truncated anywhere, empty, or HTML named .pdf: not a readable PDF, with pdfjs reason', async () => {
    const full = sample('sample-weekly-2026-04-10.pdf')
    for (const share of [0.1, 0.5, 0.95]) {
      expect((await rejection(full.slice(0, Math.floor(full.length * share)))).reason).toBe('not a readable PDF (Invalid PDF structure)')
    }
    expect((await rejection(new Uint8Array(0))).reason).toBe('not a readable PDF (The PDF file is empty, i.e. its size is zero bytes)')
    expect((await rejection(new TextEncoder().encode('<!doctype html><p>저장한 웹 페이지</p>'))).reason).toBe('not a readable PDF (Invalid PDF structure)')
  })

  test('a password-protected PDF', async () => {
    expect((await rejection(passwordPdf())).reason).toBe('password-protected PDF')
  })

  test('text from a font without a Unicode mapping is refused, not imported as garbage', async () => {
    expect((await rejection(noUnicodePdf())).reason).toMatch(/^the text cannot be read: its fonts have no Unicode mapping/)
  })

  test('the input buffer is left as it was', async () => {
    const bytes = fixture('wrapped-paragraph.pdf')
    const copy = bytes.slice()
    await readPdf(bytes, 'wrapped-paragraph.pdf')
    expect(bytes).toEqual(copy)
  })
})

describe('metadata', () => {
  test('title, author and a creation date from the info dictionary; a standard font read from disk', async () => {
    const doc = await readPdf(
      simpleTextPdf(['Quarterly review of research policy'], "/Title (Weekly briefing 12) /Author (Policy desk) /CreationDate (D:20240315093000+09'00')"),
      'x.pdf'
    )
    expect(doc.text).toBe('Quarterly review of research policy\n')
    expect(doc.meta).toEqual({ title: 'Weekly briefing 12', author: 'Policy desk', published: '2024-03-15' })
  })

  test('a converter file name is not a title; an impossible date is not a date', async () => {
    const doc = await readPdf(simpleTextPdf(['Text'], '/Title (report.hwpx) /CreationDate (D:20241341)'), 'x.pdf')
    expect(doc.meta).toEqual({})
  })

  test('a sample printed by Chromium has the HTML title', async () => {
    const doc = await readPdf(sample('sample-weekly-2026-02-06.pdf'), 'sample-weekly-2026-02-06.pdf')
    expect(doc.meta.title).toBe('sample-weekly-2026-02-06 (2026-02-06)')
  })
})

describe('characters', () => {
  test('private-use bullet glyphs of Hancom exports are mapped', () => {
    expect(mapGlyphs('\uF0A7 항목 \uF0B7 둘 \uF06C 셋 \uF09F 넷')).toBe('▪ 항목 • 둘 ● 셋 • 넷')
    expect(mapGlyphs('\uF06F 네모 \uF0A1 동그라미 \uF0FC 확인')).toBe('□ 네모 ○ 동그라미 ✓ 확인')
    for (const [from, to] of Object.entries(PUA_BULLETS)) {
      expect(from.codePointAt(0)).toBeGreaterThanOrEqual(0xf000)
      expect(mapGlyphs(from)).toBe(to)
    }
    // a private-use character not in the table is left as it is
    expect(mapGlyphs('\uE123')).toBe('\uE123')
  })

  test('through a ToUnicode map: a private-use bullet and the spaces of a fallback font around Hanja', async () => {
    const doc = await readPdf(toUnicodePdf('[<0001> <0002> <000300040005> <0002> <0006> <0002> <0002> <000700080009> <0002> <000A>]'), 'x.pdf')
    // the font gives "\uF0A7 텐무산 (  天目山 )"
    expect(doc.text).toBe('▪ 텐무산(天目山)\n')
  })

  test('Kangxi radicals and radical-supplement forms that CJK fonts name become the ideographs', () => {
    expect(mapGlyphs('텐무산(天⽬⼭)')).toBe('텐무산(天目山)')
    expect(mapGlyphs('창신소재(⻑鑫材料), ⻘島, ⻩河')).toBe('창신소재(長鑫材料), 青島, 黄河')
  })

  test('the spaces a fallback font puts around Hanja are repaired', () => {
    expect(repairHanjaSpacing('텐무산(  天目山)')).toBe('텐무산(天目山)')
    expect(repairHanjaSpacing('텐무산 (天目山 )')).toBe('텐무산(天目山)')
    expect(repairHanjaSpacing('과학기술부( 科學 技術部 )는')).toBe('과학기술부(科學技術部)는')
    // spaces that belong to the text stay
    expect(repairHanjaSpacing('2026년 (예정) 발표, AI for Science (AI4S)')).toBe('2026년 (예정) 발표, AI for Science (AI4S)')
    expect(repairHanjaSpacing('허페이(合肥)는')).toBe('허페이(合肥)는')
  })

  test('readable text passes, glyph codes do not', () => {
    expect(textLooksReadable(`□ ${SENTENCE} (天目山) 2026 AI`)).toBe(true)
    expect(textLooksReadable('\uE001\uE002\uE003\uE004'.repeat(10) + ' 가나다')).toBe(false)
    expect(textLooksReadable('\u0001\u0002\u0003\uFFFD'.repeat(10))).toBe(false)
    expect(textLooksReadable('ĂćĔģĬŁŖŻƄƍƖƟ'.repeat(4))).toBe(false)
  })
})
