import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { SAMPLE_DIR } from '../../../archive/storage/sample-files.ts'
import { SEED_FILE, seedAvailable } from '../../helpers/seed.ts'

const BIN = resolve(import.meta.dirname, '../../../bin/briefings.js')

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

interface ImportReport {
  imported: Array<{ file: string; briefingId: string; items: number }>
  updated: Array<{ file: string; briefingId: string; items: number }>
  unchanged: Array<{ file: string; briefingId: string; items: number }>
  failed: Array<{ file: string; error: string }>
}

describe('briefings import and search', () => {
  test('imports a folder, reports unchanged on a second run, and fails (exit 1) for a bad file', () => {
    const archive = mkdtempSync(join(tmpdir(), 'cli-archive-'))
    const first = run('import', SAMPLE_DIR, '--archive', archive, '--json')
    expect(first.code).toBe(0)
    const report = JSON.parse(first.stdout) as ImportReport
    // the report's shape as the search issue defined it
    expect(Object.keys(report).sort()).toEqual(['failed', 'imported', 'unchanged', 'updated'])
    expect(report.imported).toHaveLength(5)
    expect(report.imported.every((e) => e.briefingId.startsWith('sample-weekly-') && e.items > 0)).toBe(true)
    expect(report.failed).toEqual([])

    // a picture named .txt (what a file is, is decided by its bytes)
    const bad = join(mkdtempSync(join(tmpdir(), 'cli-bad-')), 'notes.txt')
    writeFileSync(bad, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]))
    const second = run('import', SAMPLE_DIR, bad, '--archive', archive, '--json')
    expect(second.code).toBe(1)
    const again = JSON.parse(second.stdout) as ImportReport
    expect(again.unchanged).toHaveLength(5)
    expect(again.imported).toEqual([])
    expect(again.failed).toHaveLength(1)
    expect(again.failed[0].file).toBe(bad)
    expect(again.failed[0].error).toMatch(/notes\.txt: binary file, not a document \(PNG image\)/)
  })

  test.skipIf(!seedAvailable())('searches the imported seed with the documented JSON shape', () => {
    const archive = mkdtempSync(join(tmpdir(), 'cli-archive-'))
    expect(run('import', SEED_FILE, '--archive', archive, '--json').code).toBe(0)
    const r = run('search', '华为', '--archive', archive, '--json', '--limit', '5')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as {
      total: number
      hits: Array<{ briefingId: string; itemId: string; title: string; score: number; snippet: string }>
    }
    expect(out.total).toBe(1)
    expect(Object.keys(out.hits[0]).sort()).toEqual(['briefingId', 'itemId', 'score', 'snippet', 'title'])
    expect(out.hits[0]).toMatchObject({ briefingId: 'kostec-weekly-2023-04-07', itemId: 'kostec-weekly-2023-04-07/I-06' })
    expect(out.hits[0].snippet).toMatch(/【(華爲|華為|화웨이)】/)
    const many = JSON.parse(run('search', '베이징', '--archive', archive, '--json', '--limit', '2').stdout) as {
      total: number
      hits: unknown[]
    }
    expect(many.total).toBeGreaterThan(2)
    expect(many.hits).toHaveLength(2)
  })

  test('search on a missing archive exits 2; bad usage exits 1', () => {
    expect(run('search', '양자', '--archive', '/nonexistent/archive', '--json').code).toBe(2)
    expect(run('search', '--archive', tmpdir()).code).toBe(1)
    expect(run('import', '--archive', tmpdir()).code).toBe(1)
    expect(run('search', '양자', '--archive', tmpdir(), '--limit', 'x').code).toBe(1)
  })
})
