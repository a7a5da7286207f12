import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const PDF_FIXTURES = resolve(REPO, 'tests/fixtures/import/pdf')

/** What the KOSTEC weekly layout does to a reader's pipe tables before the weekly parser reads the lines. */
export { pipeRowsToTabs } from '../../../archive/import/layouts/kostec-weekly.ts'

/** Every letter and digit in the strings of a value (keys and the `kind` tag aside), in order. */
export function lettersAndDigits(value: unknown): string {
  const out: string[] = []
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === 'string') {
      if (key !== 'kind') out.push(v)
    } else if (Array.isArray(v)) v.forEach((x) => walk(x))
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k)
  }
  walk(value)
  return out.join('').normalize('NFC').replace(/[^\p{L}\p{N}]/gu, '')
}

/**
 * A minimal PDF written by hand: `objects[i]` is object i + 1 (object 1 the catalog); `streams` gives the content
 * of stream objects by number; `trailer` adds entries to the trailer dictionary.
 */
export function handMadePdf(objects: string[], streams: Record<number, string> = {}, trailer = ''): Uint8Array {
  let pdf = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((o, i) => {
    offsets.push(pdf.length)
    const stream = streams[i + 1]
    pdf +=
      stream === undefined
        ? `${i + 1} 0 obj\n${o}\nendobj\n`
        : `${i + 1} 0 obj\n<< /Length ${stream.length} >>\nstream\n${stream}\nendstream\nendobj\n`
  })
  const xref = pdf.length
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(pdf)
}

const PAGES = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>']

/** A PDF with the Standard security handler whose user password is not empty (random O and U entries). */
export function passwordPdf(): Uint8Array {
  return handMadePdf(
    [...PAGES, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>', `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> >>`],
    {},
    `/Encrypt 4 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>]`
  )
}

/**
 * Text in a CID font with Identity-H encoding, no ToUnicode map and no embedded font program: the codes are glyph
 * numbers, not letters (what a Hancom export with a broken font gives).
 */
export function noUnicodePdf(): Uint8Array {
  const hex = Array.from({ length: 60 }, (_, i) => (0x0e + ((i * 37) % 500)).toString(16).padStart(4, '0')).join('')
  return handMadePdf(
    [
      ...PAGES,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      '',
      '<< /Type /Font /Subtype /Type0 /BaseFont /HYGothic-Medium-Unknown /Encoding /Identity-H /DescendantFonts [6 0 R] >>',
      '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /HYGothic-Medium-Unknown /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>'
    ],
    { 4: `BT /F1 12 Tf 20 150 Td <${hex}> Tj 0 -20 Td <${hex}> Tj ET` }
  )
}

/** One page of Helvetica text lines (PDF string escapes are the caller's), with an info dictionary. */
export function simpleTextPdf(lines: string[], info = ''): Uint8Array {
  const content = `BT /F1 12 Tf 14 TL 40 760 Td ${lines.map((l) => `(${l}) Tj T*`).join(' ')} ET`
  return handMadePdf(
    [
      ...PAGES,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      '',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
      `<< ${info} >>`
    ],
    { 4: content },
    info ? '/Info 6 0 R' : ''
  )
}

/**
 * Pages of Helvetica text: each page a list of [x, y, text] runs (PDF string escapes are the caller's), and
 * `drawing[i]`, content operators painted first on page i (ruling lines, a watermark). For running headers and
 * footers at known places, boxes and stroked tables.
 */
export function positionedTextPdf(pages: Array<Array<[number, number, string]>>, drawing: string[] = []): Uint8Array {
  const n = pages.length
  const font = 3 + 2 * n
  const kids = pages.map((_, i) => `${3 + 2 * i} 0 R`).join(' ')
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`]
  const streams: Record<number, string> = {}
  pages.forEach((runs, i) => {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${4 + 2 * i} 0 R >>`, '')
    streams[4 + 2 * i] = [drawing[i] ?? '', ...runs.map(([x, y, t]) => `BT /F1 11 Tf 1 0 0 1 ${x} ${y} Tm (${t}) Tj ET`)].join('\n')
  })
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
  return handMadePdf(objects, streams)
}

/**
 * A CID font whose ToUnicode map gives what a Hancom export with a fallback font gives: a private-use Wingdings
 * bullet (U+F0A7) and spaces around Hanja. `tj` is the TJ array of the one line, in CIDs: 1 U+F0A7, 2 space, 3 텐, 4 무, 5 산, 6 (, 7 天, 8 目, 9 山, 10 ).
 */
export function toUnicodePdf(tj: string): Uint8Array {
  const map: Record<number, string> = { 1: 'F0A7', 2: '0020', 3: 'D150', 4: 'BB34', 5: 'C0B0', 6: '0028', 7: '5929', 8: '76EE', 9: '5C71', 10: '0029' }
  const bfchar = Object.entries(map).map(([cid, u]) => `<${Number(cid).toString(16).padStart(4, '0')}> <${u}>`).join('\n')
  const cmap = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
${Object.keys(map).length} beginbfchar
${bfchar}
endbfchar endcmap CMapName currentdict /CMap defineresource pop end end`
  return handMadePdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      '',
      '<< /Type /Font /Subtype /Type0 /BaseFont /HCRBatang /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>',
      '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /HCRBatang /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>',
      ''
    ],
    { 4: `BT /F1 12 Tf 40 760 Td ${tj} TJ ET`, 7: cmap }
  )
}
