/**
 * parseSourceBytes: the one step the archive's import takes from bytes to a Briefing, over every format.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, test } from 'vitest'
import { allItems, type Briefing } from '../../../archive/model/briefing.ts'
import { isCurrent, parseSourceBytes } from '../../../archive/import/parse-source.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'

const ROOT = join(import.meta.dirname, '../../..')
const SAMPLES = join(ROOT, 'archive/sample/briefings')
const FIXTURES = join(ROOT, 'tests/fixtures/import')
const NOW = new Date(2026, 11, 2, 9, 30)

async function parsed(name: string, bytes: Uint8Array): Promise<Briefing> {
  const result = await parseSourceBytes(name, bytes, NOW)
  if (!result.ok) throw new Error(result.error)
  return result.briefing
}
const itemsOf = (b: Briefing): Array<[string, string]> => allItems(b).map((i) => [i.id, i.title])
/** Each item's blocks by kind (a table stays a table, a bullet a bullet). */
const blocksOf = (b: Briefing): string[][] => allItems(b).map((i) => i.blocks.map((x) => x.kind))

describe('parseSourceBytes', () => {
  const id = 'sample-weekly-2025-11-14'
  const text = readFileSync(join(SAMPLES, `${id}.txt`), 'utf8')
  const reference = parseBriefing(text, { fileName: `${id}.txt` })
  if (!reference.ok) throw new Error(reference.error)

  test('a weekly issue as UTF-8 text: the same briefing the weekly parser makes, stamped with its layout, format and import time', async () => {
    const b = await parsed(`${id}.txt`, new TextEncoder().encode(text))
    expect(b.id).toBe(id)
    expect(itemsOf(b)).toEqual(itemsOf(reference.briefing))
    expect(b).toMatchObject({ format: 'text', layout: { name: 'kostec-weekly' }, importedAt: NOW.toISOString() })
    expect(isCurrent(b)).toBe(true)
  })

  test('the same issue in UTF-16 and in CP949 (what CP949 can hold): the same items', async () => {
    const cp949able = [...text].filter((c) => iconv.decode(iconv.encode(c, 'cp949'), 'cp949') === c).join('')
    const ref = parseBriefing(cp949able, {})
    if (!ref.ok) throw new Error(ref.error)
    expect(itemsOf(await parsed('legacy.txt', iconv.encode(cp949able, 'cp949')))).toEqual(itemsOf(ref.briefing))
    expect(itemsOf(await parsed('utf16.txt', iconv.encode(text, 'utf-16le')))).toEqual(itemsOf(reference.briefing))
  })

  test('the same issue printed to PDF: the same items', async () => {
    const b = await parsed(`${id}.pdf`, readFileSync(join(ROOT, 'archive/sample/pdf', `${id}.pdf`)))
    expect(b.id).toBe(id)
    expect(b.format).toBe('pdf')
    expect(itemsOf(b)).toEqual(itemsOf(reference.briefing))
    expect(blocksOf(b)).toEqual(blocksOf(reference.briefing))
  })

  test('a post of another publisher: a single post with its title; a file with no date gets the import date, marked', async () => {
    const post = await parsed('kistep.txt', readFileSync(join(FIXTURES, 'layouts/kistep-metadata.txt')))
    expect(post.kind).toBe('post')
    expect(post.title).toBeTruthy()
    const undated = await parsed('no-date.txt', readFileSync(join(FIXTURES, 'layouts/no-date.txt')))
    expect(undated).toMatchObject({ published: '2026-12-02', publishedFrom: 'import-date' })
  })

  test('our own briefing JSON: kept as it is, with the hash of the bytes given', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(reference.briefing))
    const b = await parsed('copy.json', bytes)
    expect(itemsOf(b)).toEqual(itemsOf(reference.briefing))
    expect(b.format).toBe('json')
    expect(b.sourceHash).not.toBe(reference.briefing.sourceHash)
  })

  test.each([
    ['empty.txt', new Uint8Array(0)],
    ['picture.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['old.hwp', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])],
    ['page.pdf', new TextEncoder().encode('<!doctype html><html><head><title>x</title></head><body><p>본문 없음</p></body></html>')],
    ['cut.pdf', readFileSync(join(ROOT, 'archive/sample/pdf', `${id}.pdf`)).subarray(0, 2000)]
  ])('%s: either a briefing or a one-line error naming the file, never a throw', async (name, bytes) => {
    const result = await parseSourceBytes(name, bytes, NOW)
    if (!result.ok) {
      expect(result.error.startsWith(`${name}: `)).toBe(true)
      expect(result.error).not.toContain('\n')
    } else {
      expect(name).toBe('page.pdf') // HTML named .pdf is read as HTML (content wins)
      expect(result.briefing.format).toBe('html')
    }
  })
})
