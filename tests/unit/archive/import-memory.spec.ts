/**
 * What keeps a large import in bounded memory gives the same results as the straightforward way it replaced:
 * JSON written in pieces is JSON.stringify's text, a briefing's file is byte for byte what one string would
 * have been, a file checked by its bytes reads as one checked by serialising it again, the catalogue written
 * from the briefing in hand is the one re-reading builds (and listing right after an import reads no
 * briefing back), and a shard encoded in place holds the texts the joined strings held.
 */
import { createHash } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { fictionalBriefing } from '../../helpers/fictional-briefing.ts'
import { tempArchive } from '../../helpers/temp-archive.ts'

// Counts the reads of briefing JSON files through node:fs/promises (everything else passes through).
const jsonReads: string[] = []
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...real,
    readFile: (async (...args: Parameters<typeof real.readFile>) => {
      const path = String(args[0])
      if (/\/briefings\/[^/]+\.json$/.test(path)) jsonReads.push(path)
      return real.readFile(...args)
    }) as typeof real.readFile
  }
})

const { jsonChunks } = await import('../../../archive/storage/json-chunks.ts')
const { openArchiveStore } = await import('../../../archive/storage/archive-store.ts')
const { PARSER_VERSION } = await import('../../../archive/parser/parse-briefing.ts')
const { buildShardFiles, decodeShard } = await import('../../../archive/storage/shard-file.ts')
const { briefingDocuments } = await import('../../../archive/search/documents.ts')
const { normalizeText } = await import('../../../archive/search/normalize.ts')
const { parseBriefing } = await import('../../../archive/parser/parse-briefing.ts')
const { cleanInline, removeFirst } = await import('../../../archive/parser/lines.ts')

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
const cleanups: Array<() => void> = []
beforeEach(() => {
  jsonReads.length = 0
})
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.()
})

/** A briefing's file as the one-string writer made it: `{head…, …briefing}` with the checksum of the JSON. */
function oneStringFile(briefing: unknown): string {
  const json = JSON.stringify(briefing)
  const checksum = `sha256:${createHash('sha256').update(json).digest('hex')}`
  const head = JSON.stringify({ parserVersion: PARSER_VERSION, checksum })
  return json === '{}' ? head : `${head.slice(0, -1)},${json.slice(1)}`
}

describe('jsonChunks', () => {
  const values: unknown[] = [
    { a: 1, b: 'x', c: [1, 'two', null, true, false, { d: [] }, {}], e: { f: { g: 'deep' } } },
    { skipped: undefined, fn: () => 1, sym: Symbol('s'), kept: 0, arr: [undefined, () => 1, Symbol('t'), 2] },
    { n: [-0, NaN, Infinity, -Infinity, 1e21, 1.5e-7, 123456789012345680000] },
    { text: '따옴표 " 역슬래시 \\ 줄\n탭\t 제어\u0001 외톨이\ud800 짝\ud83d\ude00 鴻圖機器人', '키 "따옴표"': 1 },
    { date: new Date(Date.UTC(2026, 0, 9)), boxed: [new String('s'), new Number(2), new Boolean(false)] },
    { withToJSON: { toJSON: () => ({ replaced: true }) }, noProto: Object.assign(Object.create(null) as object, { z: 1 }) },
    { 2: 'integer keys come first', b: 1, 1: 'one' },
    [],
    {},
    [[[[]]]],
    'a string alone',
    42,
    null,
    Array.from({ length: 500 }, (_, i) => ({ i, s: '가'.repeat(i % 37), nested: [i, [i, { i }]] }))
  ]

  test.each(values.map((v, i) => [i, v]))('value %i: the pieces joined are JSON.stringify, at any piece size', (_i, value) => {
    for (const size of [1, 7, 64, 1 << 16]) expect([...jsonChunks(value, size)].join('')).toBe(JSON.stringify(value))
  })

  test('pieces are about the size asked for, and undefined gives none', () => {
    const big = { items: Array.from({ length: 2000 }, (_, i) => ({ text: `항목 ${i} `.repeat(20) })) }
    const pieces = [...jsonChunks(big, 4096)]
    expect(pieces.length).toBeGreaterThan(50)
    expect(pieces.slice(0, -1).every((p) => p.length >= 4096 && p.length < 4096 + 400)).toBe(true)
    expect([...jsonChunks(undefined)]).toEqual([])
    expect([...jsonChunks(() => 1)]).toEqual([])
  })

  test('a cycle throws a TypeError, as JSON.stringify does; a shared (not circular) object is fine', () => {
    const loop: Record<string, unknown> = { a: [1] }
    ;(loop.a as unknown[]).push(loop)
    expect(() => [...jsonChunks(loop)]).toThrow(TypeError)
    const shared = { x: 1 }
    const twice = { a: shared, b: [shared, shared] }
    expect([...jsonChunks(twice, 1)].join('')).toBe(JSON.stringify(twice))
  })
})

describe('a briefing stored without holding its JSON whole', () => {
  test('the file is byte for byte the one-string writer\'s, and reads back verified', async () => {
    const a = tempArchive()
    cleanups.push(a.dispose)
    const outcome = await a.store.importBytes('a.txt', bytes(fictionalBriefing({ published: '2024-03-08', items: 5 })))
    expect(outcome.status).toBe('imported')
    if (outcome.status === 'failed') return
    const file = join(a.dir, 'briefings', `${outcome.briefingId}.json`)
    const text = readFileSync(file, 'utf8')
    const { parserVersion, checksum, ...briefing } = JSON.parse(text) as Record<string, unknown>
    expect(parserVersion).toBe(PARSER_VERSION)
    expect(text).toBe(oneStringFile(briefing))
    expect(checksum).toBe(`sha256:${createHash('sha256').update(JSON.stringify(briefing)).digest('hex')}`)
    const got = await openArchiveStore(a.dir, { onWarning: () => undefined }).get(outcome.briefingId)
    expect(got).toEqual(briefing)
  })

  test('a file of the same briefing written otherwise (spaced, keys escaped) is still checked by its JSON and kept', async () => {
    const a = tempArchive()
    cleanups.push(a.dispose)
    const outcome = await a.store.importBytes('a.txt', bytes(fictionalBriefing({ published: '2024-03-08' })))
    if (outcome.status === 'failed') throw new Error(outcome.error)
    const file = join(a.dir, 'briefings', `${outcome.briefingId}.json`)
    const value = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>
    // the same JSON value, other bytes: the byte check fails, the check by serialising passes
    writeFileSync(file, JSON.stringify(value, null, 2).replace('"id"', '"\\u0069d"'))
    const warnings: string[] = []
    const store = openArchiveStore(a.dir, { onWarning: (w) => warnings.push(w.message) })
    const { parserVersion: _p, checksum: _c, ...briefing } = value
    expect(await store.get(outcome.briefingId)).toEqual(briefing)
    expect(warnings).toEqual([])
  })

  test('a changed byte in the body is found by either check', async () => {
    const a = tempArchive()
    cleanups.push(a.dispose)
    const outcome = await a.store.importBytes('a.txt', bytes(fictionalBriefing({ published: '2024-03-08' })))
    if (outcome.status === 'failed') throw new Error(outcome.error)
    const file = join(a.dir, 'briefings', `${outcome.briefingId}.json`)
    writeFileSync(file, readFileSync(file, 'utf8').replace('시험용 정책 1호', '시험용 정책 7호'))
    const warnings: string[] = []
    const store = openArchiveStore(a.dir, { onWarning: (w) => warnings.push(`${w.file}: ${w.message}`) })
    const got = await store.get(outcome.briefingId)
    expect(JSON.stringify(got)).toContain('시험용 정책 1호') // re-parsed from the source
    expect(warnings).toEqual([`briefings/${outcome.briefingId}.json: damaged (checksum mismatch); re-parsed from sources/${outcome.briefingId}.txt`])
  })
})

/** The catalogue's entries (in the order they were added: the file's order is not part of its meaning). */
const entriesOf = (dir: string): unknown => (JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as { entries: unknown }).entries

describe('the catalogue from the briefing in hand', () => {
  test('listing right after an import reads no briefing back, and saves the catalogue re-reading would build', async () => {
    const a = tempArchive()
    cleanups.push(a.dispose)
    for (const [name, published, items] of [['a.txt', '2024-03-08', 2], ['b.txt', '2024-03-15', 4], ['c.txt', '2023-11-03', 1]] as const) {
      await a.store.importBytes(name, bytes(fictionalBriefing({ published, items })))
    }
    jsonReads.length = 0
    const listed = await a.store.list()
    expect(jsonReads).toEqual([])
    expect(listed.map((s) => [s.published, s.itemCount])).toEqual([['2024-03-15', 4], ['2024-03-08', 2], ['2023-11-03', 1]])
    const recorded = entriesOf(a.dir)

    rmSync(join(a.dir, 'catalog.json'))
    const fresh = openArchiveStore(a.dir)
    expect(await fresh.list()).toEqual(listed)
    expect(jsonReads.length).toBe(3) // rebuilt by reading each briefing
    expect(entriesOf(a.dir)).toEqual(recorded)

    // and a third store lists from the saved catalogue alone
    jsonReads.length = 0
    expect(await openArchiveStore(a.dir).list()).toEqual(listed)
    expect(jsonReads).toEqual([])
  })

  test('an import after the catalogue is loaded is recorded too, and an update replaces the entry', async () => {
    const a = tempArchive()
    cleanups.push(a.dispose)
    await a.store.importBytes('a.txt', bytes(fictionalBriefing({ published: '2024-03-08' })))
    await a.store.list()
    await a.store.importBytes('a.txt', bytes(fictionalBriefing({ published: '2024-03-08', items: 3, revision: 'v2' })))
    await a.store.importBytes('b.txt', bytes(fictionalBriefing({ published: '2024-05-01' })))
    jsonReads.length = 0
    const listed = await a.store.list()
    expect(jsonReads).toEqual([])
    expect(listed.map((s) => [s.published, s.itemCount])).toEqual([['2024-05-01', 2], ['2024-03-08', 3]])
    const recorded = entriesOf(a.dir)
    rmSync(join(a.dir, 'catalog.json'))
    expect(await openArchiveStore(a.dir).list()).toEqual(listed)
    expect(entriesOf(a.dir)).toEqual(recorded)
  })

  test('a briefing changed on disk after it was recorded is read again, not listed from the record', async () => {
    const a = tempArchive()
    cleanups.push(a.dispose)
    const outcome = await a.store.importBytes('a.txt', bytes(fictionalBriefing({ published: '2024-03-08', items: 2 })))
    if (outcome.status === 'failed') throw new Error(outcome.error)
    // another process replaces the briefing (a different size): the recorded size and mtime no longer match
    const other = tempArchive()
    cleanups.push(other.dispose)
    const o = await other.store.importBytes('a.txt', bytes(fictionalBriefing({ published: '2024-03-08', items: 5 })))
    if (o.status === 'failed') throw new Error(o.error)
    const name = `${outcome.briefingId}.json`
    writeFileSync(join(a.dir, 'briefings', name), readFileSync(join(other.dir, 'briefings', name)))
    writeFileSync(join(a.dir, 'sources', `${outcome.briefingId}.txt`), readFileSync(join(other.dir, 'sources', `${outcome.briefingId}.txt`)))
    jsonReads.length = 0
    expect((await a.store.list()).map((s) => s.itemCount)).toEqual([5])
    expect(jsonReads.length).toBe(1)
  })
})

describe('a shard encoded in place', () => {
  test('each item\'s display text and normalised text are the joined fields, byte for byte', () => {
    const parsed = parseBriefing(fictionalBriefing({ published: '2024-03-08', items: 4 }))
    if (!parsed.ok) throw new Error(parsed.error)
    const docs = briefingDocuments(parsed.briefing)
    // fields that take 1 to 4 bytes a character, a lone surrogate, and an empty headline
    docs[0] = { ...docs[0], title: 'Title ÀÉ 鴻圖 😀', headline: '', body: `외톨이 \ud800 끝\n${'긴 본문 '.repeat(3000)}` }
    const files = buildShardFiles('2024', docs)
    const expected = docs.map((d) => `${d.title}\n${d.headline}\n${d.body}`)
    expect(Buffer.from(files.text).equals(Buffer.from(new TextEncoder().encode(expected.join(''))))).toBe(true)
    const loaded = decodeShard(files.index, '/nonexistent', '2024.idx', { bytes: files.text })
    expect(expected.map((_, k) => loaded.text(k))).toEqual(expected.map((t) => new TextDecoder().decode(new TextEncoder().encode(t))))
    for (const [k, d] of docs.entries()) {
      const norm = [d.title, d.headline, d.body].map((t) => normalizeText(t)).filter(Boolean).join(' ')
      expect(loaded.contains(k, norm, false)).toBe(true)
      expect(loaded.contains(k, `${norm}x`, false)).toBe(false)
    }
  })
})

describe('the briefing an import has just stored', () => {
  test('is handed to the next read of it without reading its JSON back, once, equal to what the file holds', async () => {
    const a = tempArchive()
    cleanups.push(a.dispose)
    const outcome = await a.store.importBytes('a.txt', bytes(fictionalBriefing({ published: '2024-03-08', items: 3 })))
    if (outcome.status === 'failed') throw new Error(outcome.error)
    jsonReads.length = 0
    const held = await a.store.get(outcome.briefingId)
    expect(jsonReads).toEqual([])
    const read = await a.store.get(outcome.briefingId) // given out once: this one is read from the file
    expect(jsonReads.length).toBe(1)
    expect(held).toEqual(read)
    expect(await openArchiveStore(a.dir).get(outcome.briefingId)).toEqual(held)
  })

  test('is not handed out when its file changed since (damage is found as without it)', async () => {
    const a = tempArchive()
    cleanups.push(a.dispose)
    const warnings: string[] = []
    const store = openArchiveStore(join(a.dir, 'x'), { onWarning: (w) => warnings.push(`${w.file}: ${w.message}`) })
    const outcome = await store.importBytes('a.txt', bytes(fictionalBriefing({ published: '2024-03-08' })))
    if (outcome.status === 'failed') throw new Error(outcome.error)
    const file = join(a.dir, 'x', 'briefings', `${outcome.briefingId}.json`)
    writeFileSync(file, readFileSync(file, 'utf8').replace('시험용 정책 1호', '시험용 정책 7호'))
    jsonReads.length = 0
    const got = await store.get(outcome.briefingId)
    expect(jsonReads.length).toBeGreaterThan(0)
    expect(JSON.stringify(got)).toContain('시험용 정책 1호')
    expect(warnings).toEqual([`briefings/${outcome.briefingId}.json: damaged (checksum mismatch); re-parsed from sources/${outcome.briefingId}.txt`])
  })

  test('is the index refresh\'s: an import then a search finds it, and a new store finds the same', async () => {
    const { ArchiveSearch } = await import('../../../archive/storage/archive-search.ts')
    const a = tempArchive()
    cleanups.push(a.dispose)
    await a.store.importBytes('a.txt', bytes(fictionalBriefing({ published: '2024-03-08', items: 3 })))
    jsonReads.length = 0
    const search = new ArchiveSearch(a.store)
    await search.refresh()
    expect(jsonReads).toEqual([])
    const hits = search.search('시험용 정책').hits.map((h) => h.itemId)
    search.close()
    expect(hits.length).toBe(3)
    const again = new ArchiveSearch(openArchiveStore(a.dir))
    await again.refresh()
    expect(again.search('시험용 정책').hits.map((h) => h.itemId)).toEqual(hits)
    again.close()
  })
})

describe('cleanInline', () => {
  const slow = (text: string): string => text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\s+/g, ' ').trim()
  test.each([
    '', ' ', 'plain words', '한글 문장 그대로', ' leading', 'trailing ', 'two  spaces', 'tab\there', 'line\nbreak',
    'nbsp\u00a0here', 'ideographic\u3000space', '**bold** text', 'a ** b', '**', 'x**y**z', '\u2028', 'end\r'
  ])('%j is cleaned as by the two replacements', (text) => {
    expect(cleanInline(text)).toBe(slow(text))
  })
})

describe('removeFirst', () => {
  const patterns = [/^\S\s*/, /^(?:[-–－]\s*)?[*＊]{1,3}\s*/, /<?https?:\/\/\S+$/, /[ \t\u3000\u00A0]+$/, /x*/, /b/]
  const texts = ['', '- 항목 내용', '** 각주', '* 각주 <https://example.org/a>', '제목 https://example.org/b', 'trailing \t\u3000', 'abcb', '😀 이모지', 'plain']
  test('is text.replace(pattern, \'\') for every pattern and text', () => {
    for (const pattern of patterns) for (const text of texts) expect(removeFirst(text, pattern)).toBe(text.replace(pattern, ''))
  })
})
