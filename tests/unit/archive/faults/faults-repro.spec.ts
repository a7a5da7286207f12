/**
 * Issue 8's reproduction commands for the archive folder (defects 2, 3, 4 and 10; 1 and 5 are in
 * faults-ownership and faults-concurrency), run through the command line on the sample archive: each
 * behaves, answers what the undamaged archive answers, and says on stderr what it repaired.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openArchiveStore } from '../../../../archive/storage/index.ts'
import { ArchiveSearch } from '../../../../archive/storage/archive-search.ts'
import { SAMPLE_DIR } from '../../../../archive/storage/sample-files.ts'
import { BIN, NODE, copyArchive, snapshot, tempDir } from './fault-kit.ts'

const cleanups: Array<() => void> = []
afterAll(() => {
  while (cleanups.length) cleanups.pop()?.()
})

interface Hit {
  itemId: string
  snippet: string
}

function search(dir: string, query: string, options: { uid?: number } = {}): { code: number | null; hits: Hit[]; total: number; stderr: string } {
  const ids = options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }
  const r = spawnSync(NODE, [BIN, 'search', query, '--archive', dir, '--json', '--limit', '100'], { encoding: 'utf8', ...ids })
  const out = r.status === 0 ? (JSON.parse(r.stdout) as { total: number; hits: Hit[] }) : { total: -1, hits: [] }
  return { code: r.status, hits: out.hits, total: out.total, stderr: r.stderr }
}

let template: string
let expected: { hits: Hit[]; total: number }
beforeAll(async () => {
  template = tempDir('repro-template-', cleanups)
  const store = openArchiveStore(template, { onWarning: () => undefined })
  for (const name of readdirSync(SAMPLE_DIR)) {
    const outcome = await store.importFile(join(SAMPLE_DIR, name))
    if (outcome.status === 'failed') throw new Error(outcome.error)
  }
  const index = new ArchiveSearch(store, { onProgress: () => undefined })
  await index.refresh()
  index.close()
  chmodSync(template, 0o755)
  expected = search(template, '베이징')
  expect(expected.total).toBeGreaterThan(0)
})

const shards = (dir: string, year: string, ext: string): string[] =>
  readdirSync(join(dir, 'index')).filter((f) => f.startsWith(`${year}-`) && f.endsWith(ext)).map((f) => join(dir, 'index', f))

describe('defect 2: a missing or damaged shard no longer crashes search', () => {
  const cases: Record<string, (dir: string) => void> = {
    'rm index/2026-*.txt': (dir) => shards(dir, '2026', '.txt').forEach((f) => rmSync(f)),
    'the .txt replaced by a folder': (dir) => shards(dir, '2026', '.txt').forEach((f) => (rmSync(f), mkdirSync(f))),
    'a one-byte change in the shard header that keeps its JSON valid': (dir) => {
      for (const f of shards(dir, '2026', '.idx')) {
        const bytes = readFileSync(f)
        const at = bytes.indexOf('"key":"2026"')
        bytes[at + 10] = '5'.charCodeAt(0) // "2026" -> "2056"
        writeFileSync(f, bytes)
      }
    }
  }
  test.each(Object.keys(cases))('%s: exit 0, the same hits, the repair on stderr', (name) => {
    const dir = copyArchive(template, cleanups)
    cases[name](dir)
    const r = search(dir, '베이징')
    expect(r.code).toBe(0)
    expect(r.hits).toEqual(expected.hits)
    expect(r.stderr).toMatch(/^archive: index\/2026-[0-9a-f]{16}: .*; rebuilt from the briefings$/m)
    if (name !== 'the .txt replaced by a folder') {
      const again = search(dir, '베이징') // repaired on disk: the next search is quiet
      expect(again).toMatchObject({ code: 0, hits: expected.hits, stderr: '' })
    }
  })
})

describe('defect 3: never a silent empty answer', () => {
  test('a corrupt briefing JSON in an archive that cannot be written: every hit, and the in-memory repair told', () => {
    const dir = copyArchive(template, cleanups)
    writeFileSync(join(dir, 'briefings', 'sample-weekly-2026-01-09.json'), '{"broken')
    rmSync(join(dir, 'catalog.json'))
    // read-only for whoever searches: as root (who writes anywhere), searched as an unprivileged user
    const root = process.getuid?.() === 0
    spawnSync('chmod', ['-R', root ? 'a+rX' : 'a-w', dir])
    if (!root) cleanups.push(() => spawnSync('chmod', ['-R', 'u+w', dir]))
    const r = search(dir, '베이징', root ? { uid: 65534 } : {})
    expect(r.code).toBe(0)
    expect(r.hits).toEqual(expected.hits)
    expect(r.stderr).toContain('archive: briefings/sample-weekly-2026-01-09.json: corrupt JSON; re-parsed from sources/sample-weekly-2026-01-09.txt, but not saved (permission denied)')
  })

  test('a catalogue entry with a good mtime and size but a bad summary: every hit, the catalogue rebuilt', () => {
    const dir = copyArchive(template, cleanups)
    const path = join(dir, 'catalog.json')
    const c = JSON.parse(readFileSync(path, 'utf8')) as { entries: Record<string, { summary: Record<string, unknown> }> }
    c.entries['sample-weekly-2026-01-09'].summary = { id: 'sample-weekly-2026-01-09' }
    writeFileSync(path, JSON.stringify(c))
    const r = search(dir, '베이징')
    expect(r).toMatchObject({ code: 0, hits: expected.hits })
    expect(r.stderr).toContain('archive: catalog.json: damaged (checksum mismatch); rebuilt from the briefings')
  })

  test('briefings/X.json a folder: every hit, X re-parsed in memory, told', () => {
    const dir = copyArchive(template, cleanups)
    const json = join(dir, 'briefings', 'sample-weekly-2026-01-09.json')
    rmSync(json)
    mkdirSync(json)
    const r = search(dir, '베이징')
    expect(r).toMatchObject({ code: 0, hits: expected.hits })
    expect(r.stderr).toContain('archive: briefings/sample-weekly-2026-01-09.json: unreadable (is a folder, not a file); re-parsed from sources/sample-weekly-2026-01-09.txt')
  })

  test('archive.json a folder: a clear error and a non-zero exit, nothing changed', () => {
    const dir = copyArchive(template, cleanups)
    rmSync(join(dir, 'archive.json'))
    mkdirSync(join(dir, 'archive.json'))
    const before = snapshot(dir)
    const r = search(dir, '베이징')
    expect(r.code).not.toBe(0)
    expect(r.stderr).toContain("archive.json is a folder, not the archive's marker file; move it out of the way")
    expect(snapshot(dir)).toEqual(before)
  })
})

describe('defect 4: damage is detected', () => {
  const cases: Record<string, (f: string) => void> = {
    'a truncated shard text file': (f) => truncateSync(f, Math.floor(readFileSync(f).length / 3)),
    'a zero-filled shard text file': (f) => writeFileSync(f, Buffer.alloc(readFileSync(f).length))
  }
  test.each(Object.keys(cases))('%s: no snippet of unread memory, the same hits and snippets, the rebuild told', (name) => {
    const dir = copyArchive(template, cleanups)
    for (const f of [...shards(dir, '2025', '.txt'), ...shards(dir, '2026', '.txt')]) cases[name](f)
    const r = search(dir, '베이징')
    expect(r).toMatchObject({ code: 0, hits: expected.hits })
    expect(r.stderr).toMatch(/index\/2026-[0-9a-f]{16}: .*rebuilt from the briefings/)
  })

  test('bit flips in a .idx: the same hits (not 130 of 140), the rebuild told', () => {
    const dir = copyArchive(template, cleanups)
    for (const f of shards(dir, '2026', '.idx')) {
      const bytes = readFileSync(f)
      for (let i = 1; i <= 10; i++) bytes[Math.floor((bytes.length * i) / 11)] ^= 0x10
      writeFileSync(f, bytes)
    }
    const r = search(dir, '베이징')
    expect(r).toMatchObject({ code: 0, hits: expected.hits, total: expected.total })
    expect(r.stderr).toMatch(/index\/2026-[0-9a-f]{16}: damaged \(checksum mismatch\); rebuilt from the briefings/)
  })
})

describe('defect 10: what was never recovered, and recoveries never shown', () => {
  test('a source without its parsed JSON is re-parsed, its items found, and that is told', () => {
    const dir = copyArchive(template, cleanups)
    rmSync(join(dir, 'briefings', 'sample-weekly-2026-01-09.json'))
    const r = search(dir, '베이징')
    expect(r).toMatchObject({ code: 0, hits: expected.hits })
    expect(r.hits.some((h) => h.itemId.startsWith('sample-weekly-2026-01-09/'))).toBe(true)
    expect(r.stderr).toContain('archive: briefings/sample-weekly-2026-01-09.json: missing; re-parsed from sources/sample-weekly-2026-01-09.txt')
    expect(readdirSync(join(dir, 'briefings'))).toContain('sample-weekly-2026-01-09.json')
  })

  test("a manifest entry pointing at another year's shard does not duplicate hits", () => {
    const dir = copyArchive(template, cleanups)
    const path = join(dir, 'index', 'manifest.json')
    const m = JSON.parse(readFileSync(path, 'utf8')) as { shards: Record<string, unknown> }
    m.shards['2025'] = m.shards['2026']
    writeFileSync(path, JSON.stringify(m))
    const r = search(dir, '베이징')
    expect(r).toMatchObject({ code: 0, hits: expected.hits, total: expected.total })
    expect(r.stderr).toContain('archive: index/manifest.json: malformed entries for 2025; the index is rebuilt where needed')
  })
})
