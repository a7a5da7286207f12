import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib'
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { zipSync } from 'fflate'
import { readHwpx } from '../../../archive/import/hwpx.ts'
import { detectFormat } from '../../../archive/import/detect.ts'
import { listZip, readZip } from '../../../archive/import/zip.ts'
import { ImportError } from '../../../archive/import/types.ts'
import { buildHwpx, enc, para, rawZip, section, simpleHwpx, table } from './hwpx-fixtures.ts'

function reason(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError)
    return (error as ImportError).reason
  }
  throw new Error('expected an ImportError')
}

const one = (body: string): Uint8Array => buildHwpx({ sections: { 'section0.xml': section(body) } })

describe('readHwpx', () => {
  test('a minimal document: heading style, paragraph with a tab, table; title and author from content.hpf', () => {
    const doc = readHwpx(simpleHwpx())
    expect(doc).toEqual({
      format: 'hwpx',
      text: '# 중국 AI 정책 (가상 예시)\n\n□ 첫째 문단\t탭\n\n| 구분 | 값 |\n|---|---|\n| 예산 | 10억 |',
      meta: { title: '가상 브리핑', author: '테스트' },
      encoding: 'utf-8',
      notes: []
    })
  })

  test('automatic heads from the paragraph shape: bullets (PUA glyph mapped), outline levels; numbers noted', () => {
    const doc = readHwpx(one(para('글머리', '0', '5') + para('번호', '0', '6') + para('개요 셋째 단계', '0', '7') + para('본문')))
    expect(doc.text).toBe('● 글머리\n번호\n### 개요 셋째 단계\n\n본문')
    expect(doc.notes).toEqual(['automatic paragraph numbers not reproduced (1 paragraph)'])
  })

  test('a document saved by Hancom Office (hwpxlib test file, Apache-2.0): link, text box, field, table', () => {
    const bytes = readFileSync('tests/fixtures/import/hwpx/hwpxlib-Table.hwpx')
    expect(detectFormat(bytes, 'Table.hwpx')).toEqual({ format: 'hwpx' })
    const doc = readHwpx(bytes)
    expect(doc.meta).toEqual({ title: '제목', author: 'fff' })
    expect(doc.text).toBe(
      [
        '[C반 기말고사](www.daum.net)',
        '사각형입니다.',
        '날짜',
        '',
        '| 이름 | 국어 | 영어 | 수학 |',
        '|---|---|---|---|',
        '| 개똥이 | 89 | 65 | 78 |',
        '| 칠득이 | 77 | 77 | 77 |',
        '| 팔푼이 | 88 | 88 | 88 |',
        '| 육손이 | 66 | 66 | 66 |',
        '| 합계 |  |  |  |'
      ].join('\n')
    )
  })

  test('sections in the order of the spine, not of their file names', () => {
    const hwpx = buildHwpx({
      sections: { 'section0.xml': section(para('둘째')), 'section1.xml': section(para('셋째')), 'section2.xml': section(para('첫째')) },
      spine: ['section2.xml', 'section0.xml', 'section1.xml']
    })
    expect(readHwpx(hwpx).text).toBe('첫째\n\n둘째\n\n셋째')
  })

  test('a spine without sections: the section files by number, with a note', () => {
    const hwpx = buildHwpx({
      sections: { 'section10.xml': section(para('열')), 'section2.xml': section(para('둘')) },
      spine: []
    })
    const doc = readHwpx(hwpx)
    expect(doc.text).toBe('둘\n\n열')
    expect(doc.notes).toEqual(['content.hpf lists no sections: sections read in file order'])
  })

  test('runs in order; line breaks, special spaces, hyperlinks, footnotes, text boxes; headers, footers and page numbers dropped', () => {
    const body =
      '<hp:p><hp:run><hp:secPr><hp:pagePr/></hp:secPr><hp:ctrl><hp:header><hp:subList>' + para('머리말 반복') +
      '</hp:subList></hp:header></hp:ctrl><hp:ctrl><hp:pageNum pos="BOTTOM_CENTER"/></hp:ctrl><hp:t>첫 run,</hp:t></hp:run>' +
      '<hp:run><hp:t> 둘째 run<hp:lineBreak/>다음 줄<hp:fwSpace/>끝<hp:nbSpace/>.</hp:t></hp:run></hp:p>' +
      '<hp:p><hp:run><hp:t>원문: </hp:t><hp:ctrl><hp:fieldBegin type="HYPERLINK" id="1"><hp:parameters><hp:stringParam name="Command">https\\://example.org/a;1;0;0;</hp:stringParam></hp:parameters></hp:fieldBegin></hp:ctrl>' +
      '<hp:t>기사</hp:t><hp:ctrl><hp:fieldEnd beginIDRef="1"/></hp:ctrl><hp:t>와 각주</hp:t>' +
      '<hp:ctrl><hp:footNote><hp:subList>' + para('각주 본문') + '</hp:subList></hp:footNote></hp:ctrl></hp:run></hp:p>' +
      '<hp:p><hp:run><hp:rect><hp:drawText><hp:subList>' + para('글상자 안') + '</hp:subList></hp:drawText></hp:rect></hp:run></hp:p>' +
      para('') + para('마지막 <문단> & 끝')
    expect(readHwpx(one(body)).text).toBe(
      '첫 run, 둘째 run\n다음 줄 끝 .\n원문: [기사](https://example.org/a)와 각주\n* 각주 본문\n글상자 안\n마지막 <문단> & 끝'
    )
  })

  test('tables: merged cells (text over the rows it spans, empty cells after it), pipes escaped, paragraphs as <br>', () => {
    const cell = (t: string, r: number, c: number, cs = 1, rs = 1): string =>
      `<hp:tc><hp:subList>${t}</hp:subList><hp:cellAddr colAddr="${c}" rowAddr="${r}"/><hp:cellSpan colSpan="${cs}" rowSpan="${rs}"/></hp:tc>`
    const tbl =
      '<hp:p><hp:run><hp:t>표 앞</hp:t><hp:tbl rowCnt="3" colCnt="3">' +
      `<hp:tr>${cell(para('구분'), 0, 0)}${cell(para('내용'), 0, 1, 2)}</hp:tr>` +
      `<hp:tr>${cell(para('예산'), 1, 0, 1, 2)}${cell(para('a|b'), 1, 1)}${cell(para('첫 줄') + para('둘째 줄'), 1, 2)}</hp:tr>` +
      `<hp:tr>${cell(para('c'), 2, 1)}${cell(para('d'), 2, 2)}</hp:tr>` +
      '</hp:tbl><hp:t>표 뒤</hp:t></hp:run></hp:p>'
    expect(readHwpx(one(tbl)).text).toBe(
      '표 앞\n\n| 구분 | 내용 |  |\n|---|---|---|\n| 예산 | a\\|b | 첫 줄<br>둘째 줄 |\n| 예산 | c | d |\n\n표 뒤'
    )
    // a table built without cell addresses
    expect(readHwpx(one(table([['가', '나'], ['다', '라']]))).text).toBe('| 가 | 나 |\n|---|---|\n| 다 | 라 |')
  })

  test('encrypted HWPX is refused: manifest encryption data, or an encrypted zip entry', () => {
    const manifest =
      '<?xml version="1.0"?><odf:manifest xmlns:odf="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">' +
      '<odf:file-entry odf:full-path="Contents/section0.xml" odf:media-type="application/xml"><odf:encryption-data odf:checksum-type="SHA1"/></odf:file-entry></odf:manifest>'
    const hwpx = buildHwpx({ manifest, sections: { 'section0.xml': 'Salted__\u0001\u0002garbage' } })
    expect(reason(() => readHwpx(hwpx))).toBe('encrypted HWPX (password-protected); save it without a password or as PDF')
    const data = enc(section(para('x')))
    const flagged = rawZip([
      { name: 'mimetype', data: enc('application/hwp+zip'), method: 0, crc: crc32(enc('application/hwp+zip')), size: 19 },
      { name: 'Contents/section0.xml', data, method: 0, crc: crc32(data), size: data.length, flags: 1 }
    ])
    expect(detectFormat(flagged, 'a.hwpx')).toEqual({ format: 'hwpx' })
    expect(reason(() => readHwpx(flagged))).toBe('encrypted zip entry Contents/section0.xml')
  })

  test('a section that is not XML, a DOCTYPE, no sections at all', () => {
    expect(reason(() => readHwpx(buildHwpx({ sections: { 'section0.xml': '\u0000\u0001binary' } })))).toBe(
      'encrypted or damaged HWPX: Contents/section0.xml is not XML'
    )
    const doctype = '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]><hs:sec>&a;</hs:sec>'
    expect(reason(() => readHwpx(buildHwpx({ sections: { 'section0.xml': doctype } })))).toBe(
      'HWPX with a DOCTYPE in Contents/section0.xml (refused: entity expansion)'
    )
    expect(reason(() => readHwpx(buildHwpx({ sections: {} })))).toBe('HWPX without any section (Contents/section0.xml)')
    expect(reason(() => readHwpx(one(para(''))))).toBe('no text (the HWPX document is empty)')
  })

  test('a truncated zip, a damaged entry (CRC), a cut entry', () => {
    const hwpx = simpleHwpx()
    expect(reason(() => readHwpx(hwpx.subarray(0, hwpx.length - 10)))).toBe(
      'damaged zip archive (no end of central directory: truncated?)'
    )
    const data = enc(section(para('본문')))
    const bad = rawZip([{ name: 'Contents/section0.xml', data, method: 0, crc: crc32(data) ^ 1, size: data.length }])
    expect(reason(() => readHwpx(bad))).toBe('damaged zip archive (Contents/section0.xml: CRC mismatch)')
    const deflated = deflateRawSync(data)
    const cut = rawZip([{ name: 'Contents/section0.xml', data: deflated.subarray(0, deflated.length - 4), method: 8, crc: crc32(data), size: data.length }])
    expect(reason(() => readHwpx(cut))).toMatch(/^damaged zip archive \(Contents\/section0\.xml/)
  })
})

describe('zip bombs named .hwpx', () => {
  // 1 GiB of zeros deflated: 1,024 copies of one sync-flushed deflate of 1 MiB (a valid stream: each copy only
  // refers back inside itself), then an empty final block. About 1 MB; generated here, never committed.
  const MiB = 1 << 20
  const zeros = new Uint8Array(MiB)
  const piece = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_SYNC_FLUSH })
  const stream = new Uint8Array(piece.length * 1024 + 2)
  for (let i = 0; i < 1024; i++) stream.set(piece, i * piece.length)
  stream.set([0x03, 0x00], piece.length * 1024)
  let crc = 0
  for (let i = 0; i < 1024; i++) crc = crc32(zeros, crc)
  const mime = enc('application/hwp+zip')
  const mimeEntry = { name: 'mimetype', data: mime, method: 0 as const, crc: crc32(mime), size: mime.length }

  test('the bomb is real: it inflates past 2 MB from about 1 MB', () => {
    expect(stream.length).toBeLessThan(2 * MiB)
    expect(() => inflateRawSync(stream, { maxOutputLength: 2 * MiB })).toThrow(/Cannot create a Buffer larger than|buffer/i)
  })

  test('declared honestly (1 GiB): refused from the central directory, before inflating', () => {
    const bomb = rawZip([mimeEntry, { name: 'Contents/section0.xml', data: stream, method: 8, crc, size: 1024 * MiB }])
    const why = 'zip bomb: Contents/section0.xml unpacks to over 10 MB at more than 100:1'
    expect(detectFormat(bomb, 'briefing.hwpx')).toEqual({ refused: why })
    expect(reason(() => readHwpx(bomb))).toBe(why)
  })

  test('lying about its size (4 KiB declared): stopped while inflating', () => {
    const bomb = rawZip([mimeEntry, { name: 'Contents/section0.xml', data: stream, method: 8, crc, size: 4096 }])
    expect(detectFormat(bomb, 'briefing.hwpx')).toEqual({ format: 'hwpx' })
    expect(reason(() => readHwpx(bomb))).toMatch(/^zip bomb: Contents\/section0\.xml unpacks to more than the 4096 bytes it declares$/)
  })

  test('too many entries, too much in total', () => {
    const many: Record<string, Uint8Array> = {}
    for (let i = 0; i < 2001; i++) many[`Contents/f${i}.xml`] = enc('x')
    expect(reason(() => listZip(zipSync(many)))).toBe('zip archive with 2001 entries (at most 2000)')
    const small = { maxEntries: 10, maxTotalBytes: 1000, ratioThresholdBytes: 10_000, maxRatio: 100 }
    const two = zipSync({ a: new Uint8Array(600), b: new Uint8Array(600) }, { level: 0 })
    expect(reason(() => readZip(two, () => true, small))).toBe('zip archive too large when unpacked (over 0 MB)')
  })

  test('property: a valid HWPX with random bytes overwritten or cut never crashes the reader', () => {
    const hwpx = simpleHwpx()
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(hwpx.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }),
        fc.option(fc.nat(hwpx.length), { nil: undefined }),
        (edits, cutAt) => {
          const bytes = hwpx.slice(0, cutAt ?? hwpx.length)
          for (const [at, b] of edits) if (at < bytes.length) bytes[at] = b
          try {
            const doc = readHwpx(bytes)
            expect(typeof doc.text).toBe('string')
          } catch (error) {
            expect(error).toBeInstanceOf(ImportError)
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  test('property: random markup in a section (validly zipped) never crashes the reader', () => {
    const tokens = fc.constantFrom('<hp:p>', '</hp:p>', '<hp:run>', '</hp:run>', '<hp:t>', '</hp:t>', '<hp:tbl>', '</hp:tbl>',
      '<hp:tr>', '</hp:tr>', '<hp:tc>', '</hp:tc>', '<hp:subList>', '<hp:lineBreak/>', '<hp:tab/>', '<hp:cellSpan colSpan="99999" rowSpan="-3"/>',
      '<hp:cellAddr colAddr="x" rowAddr="7"/>', '<hp:ctrl><hp:fieldEnd/></hp:ctrl>', '<hp:fieldBegin type="HYPERLINK">', '&amp;', '&', '<', '>', '가나', ' ', ']]>', '<![CDATA[')
    fc.assert(
      fc.property(fc.array(tokens, { maxLength: 60 }), (parts) => {
        try {
          const doc = readHwpx(one(parts.join('')))
          expect(typeof doc.text).toBe('string')
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError)
        }
      }),
      { numRuns: 200 }
    )
  })
})
