import { describe, expect, test } from 'vitest'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import { allItems, itemReferences, itemTables, type Briefing, type Item } from '../../../archive/model/briefing.ts'
import { readSeedFacts, readSeedText, seedAvailable, type SeedFacts } from '../../helpers/seed.ts'

const available = seedAvailable()

function parseSeed(text = readSeedText()): Briefing {
  const result = parseBriefing(text, { fileName: 'kostec-weekly-2023-04-07.txt' })
  if (!result.ok) throw new Error(result.error)
  return result.briefing
}

function captionsOf(item: Item): string[] {
  return item.blocks.flatMap((b) => (b.kind === 'caption' ? [b.text] : b.kind === 'note' ? [`${b.label}: ${b.title}`] : []))
}

/** Captions compare without spacing differences (`※참고:` vs `※ 참고:`). */
const squash = (s: string): string => s.replace(/\s+/g, '')

describe.skipIf(!available)('parseBriefing on the seed issue (../shared/seed)', () => {
  const facts: SeedFacts = available ? readSeedFacts() : ({} as SeedFacts)
  const briefing = available ? parseSeed() : ({} as Briefing)

  test('yields the briefing metadata and stable id', () => {
    const f = facts.briefing
    expect(briefing.id).toBe('kostec-weekly-2023-04-07')
    expect(briefing.series).toBe(f.series)
    expect(briefing.published).toBe(f.published)
    expect(briefing.publisher).toBe(f.publisher)
    expect(briefing.publisherEnglish).toBe(f.publisherEnglish)
    expect(briefing.issuer).toBe(f.issuer)
    expect(briefing.website).toBe(f.website)
    expect(briefing.summary).toHaveLength(f.summaryBullets)
    expect(allItems(briefing)).toHaveLength(f.itemCount)
    expect(briefing.sourceHash).toMatch(/^[0-9a-f]{64}$/)
  })

  test('parses without warnings', () => {
    expect(briefing.warnings).toEqual([])
  })

  test('reads the contents: sections and per-category item counts, every entry linked to an item', () => {
    expect(briefing.contents.map((c) => c.title)).toEqual(facts.contents.map((c) => c.section))
    facts.contents.forEach((fc, i) => {
      const counts = Object.fromEntries(briefing.contents[i].categories.map((c) => [c.title, c.entries.length]))
      expect(counts).toEqual(fc.categories)
      for (const cat of briefing.contents[i].categories) {
        for (const e of cat.entries) expect(e.itemId, e.title).toBeTruthy()
      }
    })
  })

  test('finds the sections with their numbers and titles', () => {
    expect(briefing.sections.map((s) => [s.number, s.title])).toEqual(facts.sections.map((s) => [s.number, s.title]))
  })

  const itemCases = available
    ? readSeedFacts().sections.flatMap((s) => s.items.map((fact) => ({ section: s.number, fact })))
    : []
  test.each(itemCases)('item $section-$fact.no matches the facts', ({ section, fact }) => {
    const item = briefing.sections.find((s) => s.number === section)?.items.find((i) => i.number === fact.no)
    expect(item, `${section}-${fact.no}`).toBeDefined()
    if (!item) return
    expect(item.id).toBe(`kostec-weekly-2023-04-07/${section}-${fact.no}`)
    expect(item.title).toBe(fact.title)
    expect(item.category).toBe(fact.category)
    expect(item.date).toBe(fact.date)
    if (fact.regions) expect(item.regions).toEqual(fact.regions)
    if (fact.source) expect(item.source).toBe(fact.source)
    if (fact.headlines !== undefined) {
      expect(item.blocks.filter((b) => b.kind === 'headline')).toHaveLength(fact.headlines)
    }
    const refs = itemReferences(item)
    expect(refs).toHaveLength(fact.references)
    for (const r of refs) expect(r.url).toMatch(/^https?:\/\/\S+$/)
    const tables = itemTables(item)
    if (typeof fact.tables === 'number') expect(tables).toHaveLength(fact.tables)
    if (Array.isArray(fact.tables)) {
      expect(tables.map((t) => ({ caption: t.caption, columns: t.columns, rows: t.rows.length }))).toEqual(
        fact.tables.map((t) => ({ caption: t.caption, columns: t.columns, rows: t.rows }))
      )
    }
    if (fact.captions) expect(captionsOf(item).map(squash)).toEqual(fact.captions.map(squash))
  })

  test('keeps titles that differ between contents and body, and matches them', () => {
    const i06 = allItems(briefing).find((i) => i.id.endsWith('/I-06'))
    expect(i06?.contentsTitle).toBe('후룬연구원(胡潤研究院), 2023년 중국 알고리즘·연산력 100대 기업 발표')
    const ii02 = allItems(briefing).find((i) => i.id.endsWith('/II-02'))
    expect(ii02?.contentsTitle).toBe('우한과기대학, 신형의 유전자편집 기술 개발')
  })

  test('one table across a repeated header: 10 rows, and the header is not a row', () => {
    const i03 = allItems(briefing).find((i) => i.id.endsWith('/I-03'))
    const [table] = itemTables(i03 as Item)
    expect(table.rows.map((r) => r[0].text)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'])
  })

  test('cells with HTML remnants and • lists become lists without markup', () => {
    const i04 = allItems(briefing).find((i) => i.id.endsWith('/I-04'))
    const [table] = itemTables(i04 as Item)
    const cell = table.rows[0][1]
    expect(cell.list).toHaveLength(5)
    expect(cell.list?.[0]).toMatch(/^\(혁신플랫폼\)/)
    for (const row of table.rows) for (const c of row) expect(c.text).not.toMatch(/<|>|style=/)
    expect(table.rows.map((r) => r[1].list?.length)).toEqual([5, 4, 7, 4])
  })

  test('a last row that starts with an empty cell keeps its columns', () => {
    const i06 = allItems(briefing).find((i) => i.id.endsWith('/I-06'))
    const table = itemTables(i06 as Item)[1]
    expect(table.rows[9].map((c) => c.text)).toEqual(['', '기타', '17', '', '기타', '7'])
  })

  test('image credits are figure sources, not references', () => {
    for (const suffix of ['I-03', 'I-04', 'II-01', 'II-02']) {
      const item = allItems(briefing).find((i) => i.id.endsWith(`/${suffix}`)) as Item
      expect(item.blocks.filter((b) => b.kind === 'figureSource').length, suffix).toBeGreaterThan(0)
    }
  })

  test('footnotes, nested bullets and the colophon are kept', () => {
    const i01 = allItems(briefing).find((i) => i.id.endsWith('/I-01')) as Item
    expect(i01.blocks.filter((b) => b.kind === 'footnote').map((b) => (b.kind === 'footnote' ? b.marker : ''))).toEqual([
      '*',
      '*',
      '**'
    ])
    expect(i01.blocks.some((b) => b.kind === 'bullet' && b.level === 2)).toBe(true)
    expect(briefing.colophon.address).toMatch(/북경시/)
    expect(briefing.colophon.notice).toMatch(/^본 보고서는/)
  })

  test('parsing again gives the same ids and the same result', () => {
    expect(parseSeed()).toEqual(briefing)
  })

  test('CRLF, a BOM, tabs for indentation and full-width digits give the same structure', () => {
    const text = readSeedText()
    const variant = '\uFEFF' + text.replace(/\n/g, '\r\n').replace(/^ - /gm, '\t- ').replace(/^01 /m, '０１ ')
    const b = parseSeed(variant)
    expect(b.warnings).toEqual([])
    expect(allItems(b).map((i) => [i.id, i.title, i.date, i.category])).toEqual(
      allItems(briefing).map((i) => [i.id, i.title, i.date, i.category])
    )
  })

  test('decomposed Hangul (NFD) is composed before parsing', () => {
    const b = parseSeed(readSeedText().normalize('NFD'))
    expect(allItems(b).map((i) => i.title)).toEqual(allItems(briefing).map((i) => i.title))
  })
})
