import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { zipSync } from 'fflate'
import { FOREIGN_JSON_REASON, HWP5_REASON, detectFormat, startsWithHtml } from '../../../archive/import/detect.ts'
import { BINARY_REASON } from '../../../archive/import/decode.ts'
import { buildHwpx, enc, para, section, simpleHwpx } from './hwpx-fixtures.ts'

const FIX = 'tests/fixtures/import'
const sampleBriefing = readFileSync('archive/sample/briefings/sample-weekly-2026-01-09.txt')

describe('detectFormat: by magic bytes, whatever the name', () => {
  test('a PDF, also named .txt; with junk before the header', () => {
    const pdf = enc('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n')
    expect(detectFormat(pdf, 'a.pdf')).toEqual({ format: 'pdf' })
    expect(detectFormat(pdf, 'a.txt')).toEqual({ format: 'pdf' })
    expect(detectFormat(Uint8Array.from([0x0a, 0x0a, ...pdf]), 'a')).toEqual({ format: 'pdf' })
  })

  test('HTML named .pdf is HTML (content wins)', () => {
    const html = enc('<!DOCTYPE html><html><head><title>x</title></head><body><p>본문</p></body></html>')
    expect(detectFormat(html, 'briefing.pdf')).toEqual({ format: 'html' })
    expect(detectFormat(html, 'briefing.txt')).toEqual({ format: 'html' })
  })

  test('HTML after a BOM, white space, an XML declaration and a "saved from" comment; in UTF-16 and CP949', () => {
    expect(detectFormat(enc('\ufeff  \n<html lang="ko"><body>a</body></html>'), 'x')).toEqual({ format: 'html' })
    expect(detectFormat(enc('<!-- saved from url=(0042)https://example.org/ -->\n<HTML><BODY>a'), 'x')).toEqual({ format: 'html' })
    expect(detectFormat(enc('<?xml version="1.0"?>\n<!doctype html>\n<html>'), 'x')).toEqual({ format: 'html' })
    expect(detectFormat(iconv.encode('<html><body>한국어 본문</body></html>', 'utf16le', { addBOM: true }), 'x')).toEqual({ format: 'html' })
    expect(detectFormat(iconv.encode('<html><body>한국어 본문</body></html>', 'utf16be'), 'x')).toEqual({ format: 'html' })
    expect(detectFormat(iconv.encode('<head><meta charset="euc-kr"></head><body>한국어 똠</body>', 'cp949'), 'x')).toEqual({ format: 'html' })
    // a fragment with tags is HTML only when named so
    expect(detectFormat(enc('<p>문단</p>'), 'post.htm')).toEqual({ format: 'html' })
    expect(detectFormat(enc('<p>문단</p>'), 'post.txt')).toEqual({ format: 'text' })
    expect(startsWithHtml('text <html>')).toBe(false)
  })

  test('HWPX, by its mimetype or by Contents/content.hpf, whatever the name', () => {
    expect(detectFormat(simpleHwpx(), 'a.hwpx')).toEqual({ format: 'hwpx' })
    expect(detectFormat(simpleHwpx(), 'a.zip')).toEqual({ format: 'hwpx' })
    const noMime = buildHwpx({ mimetype: null, sections: { 'section0.xml': section(para('a')) } })
    expect(detectFormat(noMime, 'a.hwpx')).toEqual({ format: 'hwpx' })
  })

  test('other zips are refused, naming what they are', () => {
    const docx = zipSync({ '[Content_Types].xml': enc('<Types/>'), 'word/document.xml': enc('<w:document/>') })
    expect(detectFormat(docx, 'a.hwpx')).toEqual({ refused: 'a Word document (.docx), not supported; save it as PDF' })
    const xlsx = zipSync({ 'xl/workbook.xml': enc('<workbook/>') })
    expect(detectFormat(xlsx, 'a.xlsx')).toEqual({ refused: 'an Excel workbook (.xlsx), not a document the app reads' })
    const epub = zipSync({ mimetype: [enc('application/epub+zip'), { level: 0 }], 'OEBPS/a.xhtml': enc('<html/>') })
    expect(detectFormat(epub, 'a.epub')).toEqual({ refused: 'an EPUB e-book, not a document the app reads' })
    const plain = zipSync({ 'a.txt': enc('hello') })
    expect(detectFormat(plain, 'a.hwpx')).toEqual({ refused: 'a zip archive, not a document; unpack it and import its files' })
  })

  test('a truncated zip is refused as damaged', () => {
    const hwpx = simpleHwpx()
    expect(detectFormat(hwpx.subarray(0, hwpx.length - 30), 'a.hwpx')).toEqual({
      refused: 'damaged zip archive (no end of central directory: truncated?)'
    })
  })

  test('HWP 5.0 (OLE2) is refused with the HWPX/PDF advice; another OLE2 file says what it is', () => {
    const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
    const hwp = Uint8Array.from([...ole, ...new Array(504).fill(0), ...enc('HWP Document File')])
    expect(detectFormat(hwp, 'report.hwpx')).toEqual({ refused: HWP5_REASON })
    expect(detectFormat(Uint8Array.from([...ole, 0, 0]), 'report.hwp')).toEqual({ refused: HWP5_REASON })
    expect(detectFormat(Uint8Array.from([...ole, 0, 0]), 'report.doc')).toEqual({
      refused: 'an OLE2 compound file (Word 97–2003, Excel or similar), not supported; save it as PDF'
    })
  })

  test('images and other binaries named .txt are refused as binary', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])
    expect(detectFormat(png, 'notes.txt')).toEqual({ refused: `${BINARY_REASON} (PNG image)` })
    expect(detectFormat(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'a.txt')).toEqual({ refused: `${BINARY_REASON} (JPEG image)` })
    expect(detectFormat(enc('GIF89a\u0001\u0000'), 'a.txt')).toEqual({ refused: `${BINARY_REASON} (GIF image)` })
    const random = Uint8Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256)
    expect(detectFormat(random, 'notes.txt')).toEqual({ refused: BINARY_REASON })
  })

  test('text that starts with "MZ" or "GIF" is still text', () => {
    expect(detectFormat(enc('MZ세대의 소비 행태'), 'a.txt')).toEqual({ format: 'text' })
    expect(detectFormat(enc('GIF 이미지 목록'), 'a.txt')).toEqual({ format: 'text' })
  })
})

describe('detectFormat: text formats by content, then by name', () => {
  test('an empty file and a file of white space are refused', () => {
    expect(detectFormat(new Uint8Array(0), 'a.txt')).toEqual({ refused: 'empty file' })
    expect(detectFormat(enc(' \n\t\r\n'), 'a.md')).toEqual({ refused: 'no text (the file holds only white space)' })
  })

  test('invalid UTF-8 that is not CP949 either is refused with the reason', () => {
    const r = detectFormat(Uint8Array.from([0x41, 0x42, 0xc0, 0x41, 0x80, 0x43]), 'a.txt')
    expect(r).toEqual({ refused: 'not text in UTF-8, UTF-16 or CP949 (invalid UTF-8 at byte 2 (0xC0); invalid CP949 at byte 4 (0x80))' })
  })

  test('our briefing JSON, whatever the name; other JSON refused; broken .json refused', () => {
    const briefing = { id: 'x-2024-01-01', series: 'x', published: '2024-01-01', sections: [] }
    expect(detectFormat(enc(JSON.stringify(briefing)), 'a.json')).toEqual({ format: 'json' })
    expect(detectFormat(enc(`\ufeff\n ${JSON.stringify(briefing)}`), 'a.txt')).toEqual({ format: 'json' })
    expect(detectFormat(enc('{"name":"package","version":"1.0.0"}'), 'a.json')).toEqual({ refused: FOREIGN_JSON_REASON })
    expect(detectFormat(enc('[1,2,3]'), 'a.json')).toEqual({ refused: FOREIGN_JSON_REASON })
    expect(detectFormat(enc('{"a": '), 'a.json')).toMatchObject({ refused: expect.stringMatching(/^invalid JSON \(/) })
    // not JSON, not named .json: text that happens to start with a brace
    expect(detectFormat(enc('{가상} 중국 정책 동향'), 'a.txt')).toEqual({ format: 'text' })
  })

  test('Markdown by front matter whatever the name, or .md with # headings', () => {
    expect(detectFormat(readFileSync(`${FIX}/md/post-front-matter.md`), 'post.txt')).toEqual({ format: 'markdown' })
    expect(detectFormat(enc('# 제목\n\n본문'), 'post.md')).toEqual({ format: 'markdown' })
    expect(detectFormat(enc('## 제목\n\n본문'), 'post.markdown')).toEqual({ format: 'markdown' })
    expect(detectFormat(enc('# 제목\n\n본문'), 'post.txt')).toEqual({ format: 'text' })
    expect(detectFormat(enc('본문만 있는 md'), 'post.md')).toEqual({ format: 'text' })
    // a rule line at the top is not front matter without a closing line
    expect(detectFormat(enc('---\n본문'), 'post.txt')).toEqual({ format: 'text' })
  })

  test('text in every encoding, the sample briefing and the fixtures', () => {
    expect(detectFormat(sampleBriefing, 'weekly.txt')).toEqual({ format: 'text' })
    expect(detectFormat(readFileSync(`${FIX}/text/post-cp949.txt`), 'post.txt')).toEqual({ format: 'text' })
    const text = sampleBriefing.toString('utf8')
    for (const e of ['utf16le', 'utf16be'] as const) {
      expect(detectFormat(iconv.encode(text, e), 'weekly.txt')).toEqual({ format: 'text' })
      expect(detectFormat(iconv.encode(text, e, { addBOM: true }), 'weekly.pdf')).toEqual({ format: 'text' })
    }
  })

  test('property: random bytes never crash detection', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          // random bytes after a magic number, so each branch sees garbage
          fc.tuple(
            fc.constantFrom([0x25, 0x50, 0x44, 0x46, 0x2d], [0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x05, 0x06], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0x7b], [0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e]),
            fc.uint8Array({ maxLength: 1024 })
          ).map(([m, rest]) => Uint8Array.from([...m, ...rest]))
        ),
        fc.constantFrom('a.txt', 'a.pdf', 'a.hwpx', 'a.json', 'a.md', 'a.html', 'a'),
        (bytes, name) => {
          const r = detectFormat(bytes, name)
          expect('format' in r || ('refused' in r && typeof r.refused === 'string' && !r.refused.includes('\n'))).toBe(true)
        }
      ),
      { numRuns: 500 }
    )
  })
})
