import { spawnSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { openArchiveStore, PARSER_VERSION } from '../../../archive/storage/index.ts'
import type { ArchiveStore, StoreWarning } from '../../../archive/storage/index.ts'
import { HOST_TAG } from '../../../archive/storage/write-atomic.ts'
import { fictionalBriefing } from '../../helpers/fictional-briefing.ts'
import { SEED_FILE, seedAvailable } from '../../helpers/seed.ts'

const enc = (text: string): Uint8Array => new TextEncoder().encode(text)
let dir: string
let seen: StoreWarning[]
let store: ArchiveStore

/** Every file under the archive folder, relative, sorted. */
async function tree(root = dir): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort()
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-store-'))
  seen = []
  store = openArchiveStore(dir, { onWarning: (w) => seen.push(w) })
  await store.list() // the folder is prepared in the background; let it finish before a test's cleanup
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('openArchiveStore', () => {
  test('creates the layout with a format-1 manifest', async () => {
    expect(await store.list()).toEqual([])
    expect(JSON.parse(await readFile(join(dir, 'archive.json'), 'utf8'))).toEqual({ format: 1 })
    expect((await readdir(dir)).sort()).toEqual(['archive.json', 'briefings', 'sources'])
  })

  test('sweeps the temp files a writer that is gone left, and keeps those of a live one', async () => {
    await store.list()
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number // a process that has exited
    await writeFile(join(dir, 'briefings', `.x.json.tmp-${dead}-abc`), '{"half')
    await writeFile(join(dir, 'sources', `.x.txt.tmp-${dead}-${HOST_TAG}-abc`), 'half')
    // a process of another machine sharing the folder cannot be asked: kept
    const otherHost = HOST_TAG === '0a1b2c3d' ? '0a1b2c3e' : '0a1b2c3d'
    await writeFile(join(dir, 'sources', `.x.txt.tmp-${dead}-${otherHost}-abc`), 'half')
    await writeFile(join(dir, `.archive.json.tmp-${dead}-2`), '{')
    // pid 1 runs: its temp file is a write in progress
    await writeFile(join(dir, 'briefings', '.y.json.tmp-1-abc'), '{"half')
    const reopened = openArchiveStore(dir)
    await reopened.list()
    expect(await tree()).toEqual(['archive.json', 'briefings/.y.json.tmp-1-abc', `sources/.x.txt.tmp-${dead}-${otherHost}-abc`])
  })

  test('refuses an archive written by a newer format', async () => {
    await store.list()
    await writeFile(join(dir, 'archive.json'), '{"format": 2}')
    const newer = openArchiveStore(dir)
    await expect(newer.list()).rejects.toThrow(/format 2/)
    const outcome = await newer.importBytes('a.txt', enc(fictionalBriefing({ published: '2024-01-05' })))
    expect(outcome).toMatchObject({ status: 'failed', file: 'a.txt' })
  })
})

describe('importBytes', () => {
  test('imports, then reports unchanged, then updated when the bytes change', async () => {
    const v1 = enc(fictionalBriefing({ published: '2024-01-05', items: 3 }))
    expect(await store.importBytes('weekly.txt', v1)).toEqual({
      status: 'imported', file: 'weekly.txt', briefingId: 'kostec-weekly-2024-01-05', items: 3
    })
    expect(await store.importBytes('weekly.txt', v1)).toMatchObject({ status: 'unchanged', items: 3 })
    const v2 = enc(fictionalBriefing({ published: '2024-01-05', items: 4, revision: ' (정정)' }))
    expect(await store.importBytes('weekly-fixed.TXT', v2)).toMatchObject({ status: 'updated', items: 4 })
    expect(await tree()).toEqual([
      'archive.json', 'briefings/kostec-weekly-2024-01-05.json', 'sources/kostec-weekly-2024-01-05.txt'
    ])
    expect(await readFile(join(dir, 'sources', 'kostec-weekly-2024-01-05.txt'))).toEqual(Buffer.from(v2))
    const stored = JSON.parse(await readFile(join(dir, 'briefings', 'kostec-weekly-2024-01-05.json'), 'utf8'))
    expect(stored.parserVersion).toBe(PARSER_VERSION)
    expect(stored.sourceFile).toBe('weekly-fixed.TXT')
  })

  test('replaces the old source when the same issue arrives with another extension', async () => {
    await store.importBytes('a.txt', enc(fictionalBriefing({ published: '2024-01-05' })))
    await store.importBytes('a.md', enc(fictionalBriefing({ published: '2024-01-05', revision: '!' })))
    expect((await tree()).filter((f) => f.startsWith('sources/'))).toEqual(['sources/kostec-weekly-2024-01-05.md'])
  })

  test('writes nothing for a file that fails to parse, and names the file', async () => {
    const outcome = await store.importBytes('blank.txt', enc('   \n'))
    expect(outcome).toMatchObject({ status: 'failed', file: 'blank.txt' })
    if (outcome.status === 'failed') expect(outcome.error).toBe('blank.txt: no text (the file holds only white space)')
    expect(await tree()).toEqual(['archive.json'])
  })

  test('legacy EUC-KR text is decoded (CP949) and imported; bytes that are no text at all are refused, naming the file', async () => {
    const legacy = await store.importBytes('legacy-euckr.txt', Uint8Array.from([0xc1, 0xdf, 0xb1, 0xb9])) // 중국
    expect(legacy).toMatchObject({ status: 'imported', file: 'legacy-euckr.txt' })
    if (legacy.status !== 'failed') expect((await store.get(legacy.briefingId))?.title).toBe('중국')
    const before = await tree()
    const outcome = await store.importBytes('garbage.txt', Uint8Array.from([0xc0, 0x80, 0xff, 0xfe, 0x80, 0x81, 0xc0, 0x7f, 0xff]))
    expect(outcome.status).toBe('failed')
    if (outcome.status === 'failed') expect(outcome.error).toMatch(/^garbage\.txt: (not text in UTF-8, UTF-16 or CP949|binary file)/)
    expect(await tree()).toEqual(before)
  })

  test('leaves no temp files after many concurrent imports', async () => {
    const dates = Array.from({ length: 12 }, (_, i) => `2024-02-${String(i + 1).padStart(2, '0')}`)
    const outcomes = await Promise.all([
      ...dates.map((d) => store.importBytes(`${d}.txt`, enc(fictionalBriefing({ published: d })))),
      ...dates.map((d) => store.importBytes(`${d}.txt`, enc(fictionalBriefing({ published: d }))))
    ])
    expect(outcomes.filter((o) => o.status === 'imported')).toHaveLength(12)
    expect(outcomes.filter((o) => o.status === 'unchanged')).toHaveLength(12)
    const files = await tree()
    expect(files.filter((f) => f.includes('.tmp-'))).toEqual([])
    expect(files).toHaveLength(1 + 12 * 2)
  })
})

describe('importFile', () => {
  test('names the file when it does not exist or is a folder', async () => {
    expect(await store.importFile(join(dir, 'missing.txt'))).toMatchObject({
      status: 'failed', file: 'missing.txt', error: 'missing.txt: file not found'
    })
    expect(await store.importFile(join(dir, 'sources'))).toMatchObject({ status: 'failed', file: 'sources' })
  })
})

describe('list and get', () => {
  test('lists newest first with summaries', async () => {
    for (const d of ['2023-12-29', '2024-03-01', '2024-01-05']) {
      await store.importBytes(`${d}.txt`, enc(fictionalBriefing({ published: d, items: 2 })))
    }
    const list = await store.list()
    expect(list.map((s) => s.published)).toEqual(['2024-03-01', '2024-01-05', '2023-12-29'])
    expect(list[0]).toMatchObject({ id: 'kostec-weekly-2024-03-01', itemCount: 2, warningCount: 0, sample: false })
    expect(list[0].summaryLine).toMatch(/가상시/)
    const briefing = await store.get('kostec-weekly-2024-01-05')
    expect(briefing?.published).toBe('2024-01-05')
    expect(briefing).not.toHaveProperty('parserVersion')
  })

  test('returns null for unknown or path-like ids', async () => {
    expect(await store.get('kostec-weekly-1999-01-01')).toBeNull()
    expect(await store.get('../archive')).toBeNull()
    expect(await store.remove('../archive')).toBe(false)
  })

  test('re-parses a corrupt JSON file from its source and reports it', async () => {
    await store.importBytes('a.txt', enc(fictionalBriefing({ published: '2024-01-05' })))
    const json = join(dir, 'briefings', 'kostec-weekly-2024-01-05.json')
    await writeFile(json, '{"id": "kostec-weekly-2024-01-05", "sect')
    const list = await store.list()
    expect(list.map((s) => s.id)).toEqual(['kostec-weekly-2024-01-05'])
    expect(seen).toEqual([
      expect.objectContaining({ file: 'briefings/kostec-weekly-2024-01-05.json', message: expect.stringMatching(/corrupt JSON; re-parsed/) })
    ])
    expect(JSON.parse(await readFile(json, 'utf8')).id).toBe('kostec-weekly-2024-01-05')
  })

  test('skips a corrupt JSON file without a source, with a warning, and keeps listing the others', async () => {
    await store.importBytes('a.txt', enc(fictionalBriefing({ published: '2024-01-05' })))
    await writeFile(join(dir, 'briefings', 'kostec-weekly-2020-01-03.json'), '\0\0\0\0')
    await writeFile(join(dir, 'briefings', 'kostec-weekly-2020-01-10.json'), '{"id": "something-else"}')
    expect((await store.list()).map((s) => s.id)).toEqual(['kostec-weekly-2024-01-05'])
    expect(store.warnings().map((w) => w.message)).toEqual([
      'corrupt JSON; skipped (no source to re-parse)',
      'not a briefing; skipped (no source to re-parse)'
    ])
    expect(await store.get('kostec-weekly-2020-01-03')).toBeNull()
  })

  test('re-parses a briefing stored by an older parser version', async () => {
    await store.importBytes('a.txt', enc(fictionalBriefing({ published: '2024-01-05' })))
    const json = join(dir, 'briefings', 'kostec-weekly-2024-01-05.json')
    const stored = JSON.parse(await readFile(json, 'utf8'))
    await writeFile(json, JSON.stringify({ ...stored, parserVersion: -1, series: 'old' }))
    expect((await store.get('kostec-weekly-2024-01-05'))?.series).not.toBe('old')
    expect(JSON.parse(await readFile(json, 'utf8')).parserVersion).toBe(PARSER_VERSION)
  })
})

describe('remove', () => {
  test('deletes the briefing and its source', async () => {
    await store.importBytes('a.txt', enc(fictionalBriefing({ published: '2024-01-05' })))
    expect(await store.remove('kostec-weekly-2024-01-05')).toBe(true)
    expect(await store.remove('kostec-weekly-2024-01-05')).toBe(false)
    expect(await tree()).toEqual(['archive.json'])
  })
})

describe.skipIf(!seedAvailable())('the seed briefing', () => {
  test('imports with 15 items and lists as 2023-04-07', async () => {
    expect(await store.importFile(SEED_FILE)).toEqual({
      status: 'imported', file: 'kostec-weekly-2023-04-07.txt', briefingId: 'kostec-weekly-2023-04-07', items: 15
    })
    expect(await store.importFile(SEED_FILE)).toMatchObject({ status: 'unchanged' })
    const [summary] = await store.list()
    expect(summary).toMatchObject({ id: 'kostec-weekly-2023-04-07', published: '2023-04-07', itemCount: 15 })
    expect((await store.get(summary.id))?.sections.map((s) => s.items.length)).toEqual([6, 2, 7])
  })
})
