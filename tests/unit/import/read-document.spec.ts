import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import { READERS, readDocument } from '../../../archive/import/read-document.ts'
import { ImportError } from '../../../archive/import/types.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import { simpleHwpx } from './hwpx-fixtures.ts'

const FIX = 'tests/fixtures/import'
const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError)
    return (error as ImportError).reason
  }
  throw new Error('expected an ImportError')
}

describe('readDocument', () => {
  test('text: the UTF-8 and CP949 fixtures give the same document, apart from the encoding', async () => {
    const utf8 = await readDocument(readFileSync(`${FIX}/text/post-utf8.txt`), 'post-utf8.txt')
    const cp949 = await readDocument(readFileSync(`${FIX}/text/post-cp949.txt`), 'post-cp949.txt')
    expect(utf8).toMatchObject({ format: 'text', encoding: 'utf-8', meta: {}, notes: [] })
    expect(cp949).toEqual({ ...utf8, encoding: 'cp949' })
    expect('text' in utf8 && utf8.text).toBe(readFileSync(`${FIX}/text/post-utf8.txt`, 'utf8'))
  })

  test('text: stray control characters are removed and noted, form feeds become line breaks', async () => {
    const doc = await readDocument(enc('첫 쪽\f둘째 쪽\u001a'), 'a.txt')
    expect(doc).toMatchObject({ format: 'text', text: '첫 쪽\n둘째 쪽', notes: ['removed 1 control character'] })
  })

  test('Markdown, HWPX and HTML go to their readers', async () => {
    expect(await readDocument(readFileSync(`${FIX}/md/post-front-matter.md`), 'post.md')).toMatchObject({
      format: 'markdown',
      meta: { published: '2024-10-11' }
    })
    expect(await readDocument(simpleHwpx(), 'briefing.hwpx')).toMatchObject({ format: 'hwpx', meta: { title: '가상 브리핑' } })
    const html = await readDocument(enc('<!doctype html><html><head><title>제목</title></head><body><article><h1>제목</h1><p>본문 문단입니다.</p></article></body></html>'), 'post.pdf')
    expect(html).toMatchObject({ format: 'html' })
    expect('text' in html && html.text).toContain('본문 문단입니다.')
  })

  test('our briefing JSON yields the Briefing itself', async () => {
    const parsed = parseBriefing(readFileSync('archive/sample/briefings/sample-weekly-2026-02-06.txt', 'utf8'), { fileName: 'x.txt' })
    if (!parsed.ok) throw new Error(parsed.error)
    expect(await readDocument(enc(JSON.stringify(parsed.briefing)), 'x.json')).toEqual({ briefing: parsed.briefing })
  })

  test('bad files are ImportErrors with one-line reasons', async () => {
    expect(await reason(readDocument(new Uint8Array(0), 'a.txt'))).toBe('empty file')
    expect(await reason(readDocument(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'a.txt'))).toBe(
      'binary file, not a document (PNG image)'
    )
    expect(await reason(readDocument(enc('{"version": 2}'), 'a.json'))).toBe('JSON that is not a Briefing Reader briefing')
    expect(await reason(readDocument(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]), 'a.hwp'))).toBe(
      'HWP 5.0 binary files are not supported yet; save it as HWPX or PDF'
    )
    expect(await reason(readDocument(Uint8Array.from([0x41, 0xc0, 0x41, 0x80]), 'a.txt'))).toMatch(/^not text in UTF-8, UTF-16 or CP949 \(/)
  })

  test('every format but JSON has a reader', () => {
    for (const f of ['text', 'markdown', 'hwpx', 'html', 'pdf'] as const) expect(typeof READERS[f]).toBe('function')
  })

  test('a sample PDF goes to the PDF reader, also when named .txt', async () => {
    const doc = await readDocument(readFileSync('archive/sample/pdf/sample-weekly-2026-01-09.pdf'), 'sample.txt')
    expect(doc).toMatchObject({ format: 'pdf' })
    expect('text' in doc && doc.text.length).toBeGreaterThan(500)
  })

  test('a truncated PDF goes to the PDF reader and is refused by it', async () => {
    expect(await reason(readDocument(enc('%PDF-1.7\n1 0 obj\n<<'), 'a.pdf'))).toMatch(/\S/)
  })

  test('property: random bytes under any name give a document or an ImportError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          fc.string({ maxLength: 500 }).map((s) => enc(s)),
          fc.string({ maxLength: 300 }).map((s) => iconv.encode(s, 'cp949'))
        ),
        fc.constantFrom('a.txt', 'a.md', 'a.hwpx', 'a.json', 'a.htm', 'a'),
        async (bytes, name) => {
          try {
            const r = await readDocument(bytes, name)
            expect('briefing' in r || typeof r.text === 'string').toBe(true)
          } catch (error) {
            expect(error).toBeInstanceOf(ImportError)
          }
        }
      ),
      { numRuns: 300 }
    )
  })
})
