import { readFileSync } from 'node:fs'
import { basename, dirname, isAbsolute } from 'node:path'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import { allItems, itemReferences, itemTables, type Briefing } from '../../../archive/model/briefing.ts'
import { listSampleFiles, SAMPLE_DIR } from '../../../archive/storage/sample-files.ts'
import {
  COMPANIES, generateBriefings, particle, SAMPLE_ISSUER, SAMPLE_PUBLISHER, SAMPLE_PUBLISHER_ENGLISH, SAMPLE_WEBSITE,
  TECHNOLOGIES, type GeneratedBriefing
} from '../../../archive/sample/generate.ts'

const DAY = 86_400_000

function parse(text: string, fileName: string): Briefing {
  const result = parseBriefing(text, { fileName })
  if (!result.ok) throw new Error(result.error)
  return result.briefing
}

const daysBetween = (a: string, b: string): number => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY

/**
 * Counts read off the text itself, independently of the parser: item headings (`01 title` or `01` alone),
 * tables (a run of tab-separated rows, blank lines and a repeated header inside it included),
 * references (`- ☑` entries and short-news `출처:` lines) and summary bullets.
 */
function countByHand(text: string): { items: number; tables: number; references: number; summary: number } {
  const lines = text.split('\n').map((l) => l.replace(/\s+$/, ''))
  let tables = 0
  let previous = ''
  for (const line of lines) {
    if (line.trim() === '') continue
    if (line.includes('\t') && !previous.includes('\t')) tables++
    previous = line
  }
  const summaryAt = lines.indexOf('요약')
  const bodyAt = lines.indexOf('I 정책동향')
  return {
    items: lines.filter((l) => /^\d{2}( |$)/.test(l)).length,
    tables,
    references: lines.filter((l) => /^- ☑ /.test(l) || /^출처: /.test(l)).length,
    summary: lines.slice(summaryAt, bodyAt).filter((l) => l.startsWith('- ')).length
  }
}

/** Every http(s) URL in a text, with or without angle brackets. */
const urlsOf = (text: string): string[] => text.match(/https?:\/\/[^\s<>]+/g) ?? []
const EXAMPLE_HOST = /^https?:\/\/([a-z0-9-]+\.)*example\.(org|com)(\/|$)/

function expectSampleColophon(b: Briefing): void {
  expect(b.series).toBe('샘플 과학기술 정책 주간동향')
  expect(b.sample).toBe(true)
  expect(b.publisher).toBe(SAMPLE_PUBLISHER)
  expect(b.publisherEnglish).toBe(SAMPLE_PUBLISHER_ENGLISH)
  expect(b.issuer).toBe(SAMPLE_ISSUER)
  expect(b.website).toBe(SAMPLE_WEBSITE)
}

describe('the sample archive (archive/sample/briefings)', () => {
  const files = listSampleFiles()

  test('lists five sample files by absolute path, sorted by publication date', () => {
    expect(isAbsolute(SAMPLE_DIR)).toBe(true)
    expect(files).toHaveLength(5)
    for (const f of files) {
      expect(isAbsolute(f)).toBe(true)
      expect(dirname(f)).toBe(SAMPLE_DIR.replace(/[\\/]$/, ''))
      expect(basename(f)).toMatch(/^sample-weekly-\d{4}-\d{2}-\d{2}\.txt$/)
    }
    expect([...files].sort()).toEqual(files)
  })

  test.each(files.map((f) => [basename(f), f]))('%s parses cleanly with the counts its text shows', (name, file) => {
    const text = readFileSync(file, 'utf8')
    const b = parse(text, name)
    expect(b.warnings).toEqual([])
    expect(b.id).toBe(name.replace(/\.txt$/, ''))
    expect(b.published).toBe(name.slice('sample-weekly-'.length, -'.txt'.length))
    expectSampleColophon(b)

    const hand = countByHand(text)
    const items = allItems(b)
    expect(items).toHaveLength(hand.items)
    expect(items.length).toBeGreaterThanOrEqual(6)
    expect(items.length).toBeLessThanOrEqual(12)
    expect(items.reduce((n, it) => n + itemTables(it).length, 0)).toBe(hand.tables)
    expect(items.reduce((n, it) => n + itemReferences(it).length, 0)).toBe(hand.references)
    expect(b.summary).toHaveLength(hand.summary)

    // 2–3 sections, then 단신동향 last
    expect(b.sections.length).toBeGreaterThanOrEqual(3)
    expect(b.sections.length).toBeLessThanOrEqual(4)
    expect(b.sections.at(-1)?.title).toBe('단신동향')
    for (const it of items) {
      expect(it.date, it.id).toBeDefined()
      const age = daysBetween(it.date!, b.published)
      expect(age, it.id).toBeGreaterThanOrEqual(0)
      expect(age, it.id).toBeLessThanOrEqual(31)
    }
    // every contents entry points at an item; every item outside 단신동향 has its category
    for (const entry of b.contents.flatMap((s) => s.categories.flatMap((c) => c.entries))) expect(entry.itemId).toBeDefined()
    for (const s of b.sections.slice(0, -1)) for (const it of s.items) expect(it.category, it.id).toBeTruthy()
    for (const it of b.sections.at(-1)!.items) expect(it.source, it.id).toBeTruthy()
  })

  test('publication dates are distinct and span 2025–2026', () => {
    const dates = files.map((f) => basename(f).slice('sample-weekly-'.length, -'.txt'.length))
    expect(new Set(dates).size).toBe(dates.length)
    for (const d of dates) expect(d).toMatch(/^202[56]-/)
  })

  test('a January issue resolves December dates to the year before', () => {
    const file = files.find((f) => basename(f) === 'sample-weekly-2026-01-09.txt')!
    const b = parse(readFileSync(file, 'utf8'), basename(file))
    const dates = allItems(b).map((it) => it.date)
    expect(dates).toContain('2025-12-29')
    expect(dates).toContain('2026-01-05')
    expect(dates.every((d) => d !== undefined && d <= '2026-01-09' && d >= '2025-12-01')).toBe(true)
  })

  test('exercise the layout features of the real issue', () => {
    const texts = files.map((f) => readFileSync(f, 'utf8'))
    const all = texts.join('\n')
    const briefings = files.map((f, i) => parse(texts[i], basename(f)))
    const tables = briefings.flatMap((b) => allItems(b).flatMap(itemTables))
    // a header row repeated mid-table stays one table; list cells become lists
    expect(all).toMatch(/\n([^\n\t]+\t[^\n]+)\n(?:[^\n]*\t[^\n]*\n)+\n\1\n/)
    expect(tables.some((t) => t.rows.some((r) => r.some((c) => (c.list?.length ?? 0) >= 2)))).toBe(true)
    expect(tables.some((t) => t.rows.some((r) => r[0].text === ''))).toBe(true)
    const blocks = briefings.flatMap((b) => allItems(b).flatMap((it) => it.blocks))
    for (const kind of ['headline', 'bullet', 'footnote', 'caption', 'note', 'table', 'reference', 'source', 'figureSource']) {
      expect(blocks.some((x) => x.kind === kind), kind).toBe(true)
    }
    expect(briefings.some((b) => allItems(b).some((it) => it.contentsTitle))).toBe(true)
    expect(briefings.some((b) => b.sections.length === 4)).toBe(true)
    expect(all).toMatch(/^II\n\n기술동향\n\n \n01\n\n\S/m)
  })

  test('use only example.org / example.com URLs and no text of the seed publisher', () => {
    const all = files.map((f) => readFileSync(f, 'utf8')).join('\n')
    for (const u of urlsOf(all)) expect(u).toMatch(EXAMPLE_HOST)
    expect(all).not.toMatch(/kostec|한중과학기술협력센터|KOREA-CHINA/i)
  })
})

describe('generateBriefings', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  test('honours the count and validates it', () => {
    expect(generateBriefings(0)).toEqual([])
    expect(generateBriefings(3)).toHaveLength(3)
    expect(() => generateBriefings(-1)).toThrow()
    expect(() => generateBriefings(1.5)).toThrow()
    expect(() => generateBriefings(1, { startDate: '2026-02-30' })).toThrow()
  })

  test('is deterministic and uses neither Math.random nor the clock', () => {
    const random = vi.spyOn(Math, 'random')
    const now = vi.spyOn(Date, 'now')
    const a = generateBriefings(4, { seed: 42 })
    const b = generateBriefings(4, { seed: 42 })
    expect(b).toEqual(a)
    expect(random).not.toHaveBeenCalled()
    expect(now).not.toHaveBeenCalled()
    const c = generateBriefings(4, { seed: 43 })
    expect(c.map((g) => g.fileName)).toEqual(a.map((g) => g.fileName))
    for (let i = 0; i < 4; i++) expect(c[i].text).not.toBe(a[i].text)
    // a longer run extends a shorter one
    expect(generateBriefings(6, { seed: 42 }).slice(0, 4)).toEqual(a)
  })

  test('dates go back a week at a time from the start date (default 2026-11-20), ids are distinct', () => {
    const g = generateBriefings(60)
    expect(g[0].expected.published).toBe('2026-11-20')
    g.forEach((b, i) => {
      expect(daysBetween(b.expected.published, '2026-11-20')).toBe(7 * i)
      expect(b.expected.id).toBe(`sample-weekly-${b.expected.published}`)
      expect(b.fileName).toBe(`${b.expected.id}.txt`)
    })
    expect(new Set(g.map((b) => b.expected.id)).size).toBe(60)
    expect(generateBriefings(1, { startDate: '2025-03-07' })[0].expected.published).toBe('2025-03-07')
  })

  describe('30 generated briefings', () => {
    const generated = generateBriefings(30, { seed: 7 })

    test.each(generated.map((g) => [g.fileName, g] as [string, GeneratedBriefing]))(
      '%s parses cleanly into exactly what the generator planned',
      (_name, g) => {
        const b = parse(g.text, g.fileName)
        const e = g.expected
        expect(b.warnings).toEqual([])
        expect(b.id).toBe(e.id)
        expect(b.published).toBe(e.published)
        expectSampleColophon(b)
        expect(b.summary).toHaveLength(e.summary)
        expect(b.sections.map((s) => ({ number: s.number, title: s.title, items: s.items.length }))).toEqual(e.sections)
        const items = allItems(b)
        expect(items).toHaveLength(e.items)
        expect(e.items).toBeGreaterThanOrEqual(8)
        expect(e.items).toBeLessThanOrEqual(14)
        expect(
          items.map((it) => ({
            id: it.id, section: it.section, number: it.number, title: it.title, category: it.category,
            ...(it.contentsTitle ? { contentsTitle: it.contentsTitle } : {}), date: it.date, regions: it.regions,
            tables: itemTables(it).length, tableRows: itemTables(it).map((t) => t.rows.length),
            references: itemReferences(it).length
          }))
        ).toEqual(e.list)
        const hand = countByHand(g.text)
        expect(hand).toEqual({ items: e.items, tables: e.tables, references: e.references, summary: e.summary })
      }
    )

    test('read like the real issue: size, tables, particles, compounds, Hanja forms, URLs', () => {
      const sizes = generated.map((g) => Buffer.byteLength(g.text))
      const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length
      expect(Math.min(...sizes)).toBeGreaterThan(15_000)
      expect(Math.max(...sizes)).toBeLessThan(80_000)
      expect(mean).toBeGreaterThan(28_000)
      const items = generated.flatMap((g) => g.expected.list)
      const withTables = items.filter((it) => it.tables > 0).length / items.length
      expect(withTables).toBeGreaterThan(0.2)
      expect(withTables).toBeLessThan(0.45)

      const all = generated.map((g) => g.text).join('\n')
      for (const u of urlsOf(all)) expect(u).toMatch(EXAMPLE_HOST)
      expect(all).toMatch(/(베이징|상하이|선전|허페이|우한)(은|는|에서|과|와|의) /)
      // a compound and its spaced form both occur for some technology
      expect(TECHNOLOGIES.some((t) => t.name !== t.spaced && all.includes(t.name) && all.includes(t.spaced))).toBe(true)
      // some company appears both in traditional and in simplified characters
      expect(COMPANIES.some((c) => c.hanja !== c.simplified && all.includes(c.hanja) && all.includes(c.simplified))).toBe(true)
      expect(all).toMatch(/\b(AI|EUV|QKD|LLM|BCI|6G)\b/)
    })
  })

  test('resolves December item dates of a January issue to the year before', () => {
    const january = generateBriefings(3, { seed: 3, startDate: '2026-01-16' })
    const dates = january.flatMap((g) => g.expected.list.map((it) => it.date))
    expect(dates.some((d) => d.startsWith('2025-12'))).toBe(true)
    for (const g of january) {
      const b = parse(g.text, g.fileName)
      expect(allItems(b).map((it) => it.date)).toEqual(g.expected.list.map((it) => it.date))
    }
  })

  test('attaches Korean particles by the final consonant', () => {
    expect(particle('베이징', '은')).toBe('은')
    expect(particle('상하이', '은')).toBe('는')
    expect(particle('허페이(合肥)', '이')).toBe('가')
    expect(particle("'양자통신 산업 육성방안'", '을')).toBe('을')
    expect(particle('QKD', '를')).toBe('를')
    expect(particle('서울', '으로')).toBe('로')
    expect(particle('선전', '으로')).toBe('으로')
    expect(particle('6G 이동통신', '와')).toBe('과')
  })

  // speed is measured by `npm run bench`, never asserted here
  test('generates 2,600 briefings with distinct ids', { timeout: 60_000 }, () => {
    const g = generateBriefings(2600, { seed: 1 })
    expect(g).toHaveLength(2600)
    expect(new Set(g.map((b) => b.expected.id)).size).toBe(2600)
  })
})
