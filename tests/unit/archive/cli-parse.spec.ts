import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { readSeedFacts, SEED_FILE, seedAvailable } from '../../helpers/seed.ts'

const BIN = resolve(import.meta.dirname, '../../../bin/briefings.js')

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

interface CliItem {
  id: string
  number: string
  title: string
  category: string | null
  date: string | null
  regions: string[]
  source?: string
  references: Array<{ title: string; url: string }>
  tables: Array<{ caption: string | null; columns: string[]; rows: string[][] }>
}
interface CliBriefing {
  id: string
  series: string
  published: string
  publisher: string
  issuer: string
  summary: string[]
  sections: Array<{ number: string; title: string; items: CliItem[] }>
  warnings: unknown[]
}

describe.skipIf(!seedAvailable())('briefings parse FILE --json on the seed issue', () => {
  const facts = seedAvailable() ? readSeedFacts() : undefined
  const out = seedAvailable() ? run('parse', SEED_FILE, '--json') : undefined

  test('exits 0 and prints the briefing as JSON with every fact', () => {
    expect(out?.code).toBe(0)
    expect(out?.stderr).toBe('')
    const b = JSON.parse(out?.stdout ?? '') as CliBriefing
    const f = facts!
    expect(b.id).toBe('kostec-weekly-2023-04-07')
    expect([b.series, b.published, b.publisher, b.issuer]).toEqual([
      f.briefing.series,
      f.briefing.published,
      f.briefing.publisher,
      f.briefing.issuer
    ])
    expect(b.summary).toHaveLength(f.briefing.summaryBullets)
    expect(b.warnings).toEqual([])
    expect(b.sections.map((s) => [s.number, s.title])).toEqual(f.sections.map((s) => [s.number, s.title]))
    expect(b.sections.flatMap((s) => s.items)).toHaveLength(f.briefing.itemCount)
    for (const fs of f.sections) {
      const section = b.sections.find((s) => s.number === fs.number)!
      for (const fi of fs.items) {
        const item = section.items.find((i) => i.number === fi.no)!
        const where = `${fs.number}-${fi.no}`
        expect(item.id, where).toBe(`kostec-weekly-2023-04-07/${where}`)
        expect(item.title, where).toBe(fi.title)
        expect(item.category ?? undefined, where).toBe(fi.category)
        expect(item.date, where).toBe(fi.date)
        if (fi.regions) expect(item.regions, where).toEqual(fi.regions)
        if (fi.source) expect(item.source, where).toBe(fi.source)
        expect(item.references, where).toHaveLength(fi.references)
        for (const r of item.references) expect(r.url).toMatch(/^https?:\/\//)
        if (typeof fi.tables === 'number') expect(item.tables, where).toHaveLength(fi.tables)
        if (Array.isArray(fi.tables)) {
          expect(
            item.tables.map((t) => ({ caption: t.caption, columns: t.columns, rows: t.rows.length })),
            where
          ).toEqual(fi.tables.map((t) => ({ caption: t.caption, columns: t.columns, rows: t.rows })))
        }
      }
    }
  })
})

describe('briefings parse errors', () => {
  test('a missing file exits 2 with a one-line error naming it', () => {
    const r = run('parse', '/nonexistent/briefing.txt', '--json')
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toBe('briefings: /nonexistent/briefing.txt: file not found\n')
  })

  test('a folder exits 2', () => {
    const r = run('parse', tmpdir(), '--json')
    expect(r.code).toBe(2)
    expect(r.stderr).toBe(`briefings: ${tmpdir()}: is a folder, not a file\n`)
  })

  test('bytes that are not text exit 2 naming the file and the reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefings-cli-'))
    const file = join(dir, 'broken.txt')
    writeFileSync(file, Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x00, 0x80]))
    const r = run('parse', file, '--json')
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('broken.txt')
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })

  test('a text with no publication date is a post dated the day it is read, marked so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefings-cli-'))
    const file = join(dir, 'notes.txt')
    writeFileSync(file, '그냥 메모입니다\n')
    const r = run('parse', file, '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'post', publishedFrom: 'import-date' })
  })

  test('a PDF and legacy CP949 text parse like the archive reads them', () => {
    const pdf = run('parse', join(import.meta.dirname, '../../../archive/sample/pdf/sample-weekly-2026-01-09.pdf'), '--json')
    expect(pdf.code).toBe(0)
    expect(JSON.parse(pdf.stdout)).toMatchObject({ id: 'sample-weekly-2026-01-09', format: 'pdf' })
    const cp949 = run('parse', join(import.meta.dirname, '../../fixtures/import/text/post-cp949.txt'), '--json')
    expect(cp949.code).toBe(0)
    expect(cp949.stdout).toMatch(/[가-힣]/)
  })

  test('a missing argument is a usage error (exit 1)', () => {
    expect(run('parse').code).toBe(1)
    expect(run('frobnicate').code).toBe(1)
  })
})
