/**
 * Every file the archive stores, damaged in a dozen ways: the store and the index never crash, answer what
 * they answered before the damage, report the repair, and (where the damage can be repaired on disk) a
 * second start is clean.
 */
import { mkdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildArchive, copyArchive, runSearch, shardOf, tempDir, type SearchRun } from './fault-kit.ts'

const cleanups: Array<() => void> = []
afterAll(() => {
  while (cleanups.length) cleanups.pop()?.()
})

let template: string
let baseline: SearchRun
beforeAll(async () => {
  template = tempDir('archive-fault-template-', cleanups)
  await buildArchive(template)
  baseline = await runSearch(template)
})

/** A deterministic stream of bytes (garbage that is the same on every run). */
function garbage(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length)
  let x = seed >>> 0 || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

function flip(path: string, at: (length: number) => number, bit = 2): void {
  const bytes = readFileSync(path)
  const i = Math.max(0, Math.min(bytes.length - 1, at(bytes.length)))
  bytes[i] ^= 1 << bit
  writeFileSync(path, bytes)
}

type Corruption = (path: string, dir: string) => void
const CORRUPTIONS: Record<string, Corruption> = {
  'truncated to half': (p) => truncateSync(p, Math.floor(readFileSync(p).length / 2)),
  'truncated to nothing': (p) => truncateSync(p, 0),
  'cut by one byte': (p) => truncateSync(p, readFileSync(p).length - 1),
  'zero-filled': (p) => writeFileSync(p, Buffer.alloc(readFileSync(p).length)),
  'garbage of the same length': (p) => writeFileSync(p, garbage(readFileSync(p).length, 7)),
  'one bit flipped in the middle': (p) => flip(p, (n) => n >> 1),
  'one bit flipped near the start': (p) => flip(p, (n) => Math.min(20, n >> 2), 0),
  'one bit flipped at the end': (p) => flip(p, (n) => n - 2, 1),
  'garbage appended': (p) => writeFileSync(p, Buffer.concat([readFileSync(p), garbage(64, 3)])),
  deleted: (p) => rmSync(p),
  'replaced by a folder': (p) => {
    rmSync(p)
    mkdirSync(p)
  },
  'JSON of the wrong shape (an array)': (p) => writeFileSync(p, '[1, 2, 3]'),
  'JSON of the wrong shape (another object)': (p) => writeFileSync(p, '{"format": "1", "shards": null, "entries": 5, "id": 7}')
}

/** The stored files, by what they are; a function because shard names carry a fingerprint. */
const TARGETS: Record<string, (dir: string) => string> = {
  'the archive marker archive.json': () => 'archive.json',
  'the catalogue catalog.json': () => 'catalog.json',
  'the index manifest': () => 'index/manifest.json',
  "a year's shard index (.idx)": (dir) => shardOf(dir, '2024', 'idx'),
  "a year's shard text (.txt)": (dir) => shardOf(dir, '2024', 'txt'),
  "a briefing's JSON": () => 'briefings/briefing-2024-05-10.json'
}

/** Damage that a start repairs on disk, so the next start is clean (a folder in the place of a file is not removed: the store deletes only files it wrote). */
const repairable = (mode: string): boolean => mode !== 'replaced by a folder'

describe.each(Object.entries(TARGETS))('%s', (_target, pathIn) => {
  test.each(Object.keys(CORRUPTIONS))('%s: no crash, the same answers, the repair reported', async (mode) => {
    const dir = copyArchive(template, cleanups)
    const file = pathIn(dir)
    CORRUPTIONS[mode](join(dir, file), dir)
    const run = await runSearch(dir)
    if (file === 'archive.json' && mode === 'replaced by a folder') {
      // not the store's to remove: refused with a message that says what to do
      expect(run.failure).toMatch(/archive\.json is a folder, not the archive's marker file; move it out of the way/)
      return
    }
    expect(run.failure).toBeUndefined()
    expect(run.items).toEqual(baseline.items)
    expect(run.total).toBe(baseline.total)
    expect(run.briefings).toBe(3)
    // anything rebuilt or re-parsed is told (a lost catalogue or marker too; a whitespace change is no damage)
    if (run.built > 0 || file.startsWith('briefings/')) expect(run.warnings.length).toBeGreaterThan(0)
    if (file.startsWith('briefings/')) {
      expect(run.warnings.map((w) => w.file)).toContain(file)
      expect(run.warnings.find((w) => w.file === file)?.message).toMatch(/re-parsed from sources\/briefing-2024-05-10\.txt/)
    }
    if (file.startsWith('index/2024')) expect(run.built).toBe(1)
    if (repairable(mode)) {
      const again = await runSearch(dir)
      expect(again).toMatchObject({ items: baseline.items, total: baseline.total, warnings: [], built: 0 })
    }
  })
})

describe('damage that keeps every file whole', () => {
  test("a manifest entry naming another year's shard does not duplicate hits: it is dropped and rebuilt", async () => {
    const dir = copyArchive(template, cleanups)
    const path = join(dir, 'index/manifest.json')
    const m = JSON.parse(readFileSync(path, 'utf8')) as { shards: Record<string, unknown> }
    m.shards['2024'] = m.shards['2025']
    writeFileSync(path, JSON.stringify(m))
    const run = await runSearch(dir)
    expect(run.items).toEqual(baseline.items)
    expect(new Set(run.items).size).toBe(run.items.length)
    expect(run.built).toBe(1)
    expect(run.warnings.map((w) => w.message).join('\n')).toMatch(/malformed entries for 2024/)
  })

  test("a shard file replaced by another year's (same manifest entry) is caught by its checksum", async () => {
    const dir = copyArchive(template, cleanups)
    writeFileSync(join(dir, shardOf(dir, '2024', 'idx')), readFileSync(join(dir, shardOf(dir, '2025', 'idx'))))
    const run = await runSearch(dir)
    expect(run.items).toEqual(baseline.items)
    expect(run.warnings.map((w) => w.message).join('\n')).toMatch(/bytes, the manifest says|checksum mismatch/)
  })

  test("a catalogue entry with the briefing's size and mtime but a damaged summary is dropped, and the briefing read", async () => {
    const dir = copyArchive(template, cleanups)
    const path = join(dir, 'catalog.json')
    const c = JSON.parse(readFileSync(path, 'utf8')) as { checksum: string; entries: Record<string, { summary: Record<string, unknown> }> }
    c.entries['briefing-2024-05-10'].summary.published = 17
    writeFileSync(path, JSON.stringify(c))
    const run = await runSearch(dir)
    expect(run.items).toEqual(baseline.items)
    expect(run.warnings.map((w) => `${w.file}: ${w.message}`)).toEqual(['catalog.json: damaged (checksum mismatch); rebuilt from the briefings'])
  })

  test('a shard text file shortened after the index loaded: snippets hold only bytes read from it, the damage is told', async () => {
    const dir = copyArchive(template, cleanups)
    const { openArchiveStore } = await import('../../../../archive/storage/index.ts')
    const { ArchiveSearch } = await import('../../../../archive/storage/archive-search.ts')
    const warnings: string[] = []
    const store = openArchiveStore(dir, { onWarning: (w) => warnings.push(`${w.file}: ${w.message}`) })
    const search = new ArchiveSearch(store, { onProgress: () => undefined })
    await search.refresh()
    const txt = join(dir, shardOf(dir, '2024', 'txt'))
    truncateSync(txt, 10)
    const r = search.search('허페이', { limit: 100 })
    expect(r.total).toBe(3)
    for (const h of r.hits) expect(JSON.stringify(h.snippet)).not.toMatch(/\\u0000|\ufffd/)
    expect(warnings.join('\n')).toMatch(/shorter than the index says.*the shard is rebuilt/)
    await search.refresh() // the rebuild the damage asked for
    expect(search.search('허페이', { limit: 100 }).hits.map((h) => h.itemId).sort()).toEqual(baseline.items)
    search.close()
  })
})
