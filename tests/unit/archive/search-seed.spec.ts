import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { allItems, type Briefing } from '../../../archive/model/briefing.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import { itemFields } from '../../../archive/search/documents.ts'
import { ArchiveSearch } from '../../../archive/storage/archive-search.ts'
import { readSeedFacts, readSeedText, SEED_FILE, seedAvailable } from '../../helpers/seed.ts'
import { tempArchive } from '../../helpers/temp-archive.ts'

const available = seedAvailable()

describe.skipIf(!available)('search over the seed issue', () => {
  const archive = tempArchive()
  const search = new ArchiveSearch(archive.store)
  let briefing: Briefing
  const ids = (q: string, limit = 100): string[] => search.search(q, { limit }).hits.map((h) => h.itemId.split('/')[1])

  beforeAll(async () => {
    const outcome = await archive.store.importFile(SEED_FILE)
    expect(outcome.status).toBe('imported')
    await search.refresh()
    const r = parseBriefing(readSeedText())
    if (!r.ok) throw new Error(r.error)
    briefing = r.briefing
  })
  afterAll(() => {
    search.close()
    archive.dispose()
  })

  const expectations = available ? readSeedFacts().searchExpectations : []
  test.each(expectations)('"$query" finds $mustFind', ({ query, mustFind }) => {
    const found = ids(query)
    for (const id of mustFind) expect(found, `${query} → ${found.join(',')}`).toContain(id)
  })

  const extra = [
    { query: '린강신구', mustFind: ['I-04'], why: 'Hangul side of 린강신구(臨港新區)' },
    { query: '临港新区', mustFind: ['I-04'], why: 'simplified Han side of the alias' },
    { query: '후룬연구원', mustFind: ['I-06'], why: 'Hangul of 胡潤研究院' },
    { query: '胡润研究院', mustFind: ['I-06'], why: 'simplified form of 胡潤研究院' },
    { query: '양자컴퓨팅', mustFind: ['I-01'], why: 'compound written both ways' },
    { query: '칩', mustFind: ['I-01', 'I-03'], why: 'one-character word' },
    { query: 'comput*', mustFind: ['I-06'], why: 'Latin prefix' },
    { query: 'computing', mustFind: ['I-06'], why: 'English stem' },
    { query: '베이징*', mustFind: ['I-01', 'I-06', 'II-01'], why: 'CJK prefix behaves like the word' }
  ]
  test.each(extra)('"$query" finds $mustFind ($why)', ({ query, mustFind }) => {
    const found = ids(query)
    for (const id of mustFind) expect(found, `${query} → ${found.join(',')}`).toContain(id)
  })

  test('all words are required, exclusions remove, phrases are exact', () => {
    expect(ids('텐센트 알리바바')).toEqual(['I-06'])
    expect(ids('양자 -베이징')).toEqual([])
    expect(ids('반도체 -우시').sort()).toEqual(['I-03', 'I-06'])
    expect(ids('"기술이전센터"')).toEqual(['I-02'])
    // the text writes 양자컴퓨팅산업 and 양자 컴퓨팅 산업, never 양자 컴퓨팅산업: the phrase is exact…
    expect(ids('"양자 컴퓨팅산업"')).toEqual([])
    expect(ids('"양자컴퓨팅산업 지재권연맹"')).toEqual(['I-01'])
    // …while words ignore spacing
    expect(ids('양자컴퓨팅산업')).toEqual(['I-01'])
  })

  test('field filters narrow the results and facets count them', () => {
    expect(ids('category:지역').sort()).toEqual(['I-02', 'I-03', 'I-04'])
    expect(ids('region:상하이')).toEqual(['I-04'])
    expect(ids('section:III 설립').sort()).toEqual(['III-01', 'III-05', 'III-06', 'III-07'])
    expect(ids('설립 section:단신동향').length).toBe(4)
    expect(ids('date:2023-03-27 설립').sort()).toEqual(['I-01', 'III-01', 'III-05', 'III-06'])
    expect(ids('date:2023-03-01..2023-03-20').sort()).toEqual(['I-02', 'I-05', 'II-01'])
    expect(ids('published:2023 양자').length).toBe(2)
    expect(ids('published:2024 양자')).toEqual([])
    const r = search.search('양자', {})
    expect(r.facets.category).toEqual({ 기술전략: 1, 양자정보: 1 })
    expect(r.facets.section).toEqual({ 정책동향: 1, 기술동향: 1 })
    const narrowed = search.search('양자', { filters: { category: ['양자정보'] } })
    expect(narrowed.hits.map((h) => h.itemId.split('/')[1])).toEqual(['II-01'])
  })

  test('facets count as if their own filter were off, so two values of one facet combine', () => {
    const all = search.search('설립', {})
    const one = search.search('설립', { filters: { category: ['지역'] } })
    expect(one.hits.every((h) => h.category === '지역')).toBe(true)
    expect(one.facets.category).toEqual(all.facets.category) // other categories still offered
    expect(one.filters.category).toEqual(['지역']) // the UI's filters come back merged
    const two = search.search('설립', { filters: { category: ['지역', '기술전략'] } })
    expect(two.total).toBe((all.facets.category['지역'] ?? 0) + (all.facets.category['기술전략'] ?? 0))
    // another facet counts only what passes the category filter
    expect(Object.values(one.facets.section).reduce((a, b) => a + b, 0)).toBe(one.total)
  })

  test('title matches rank above body-only matches', () => {
    const hits = ids('양자')
    expect(hits[0]).toBe('II-01') // 양자 in the title
  })

  test('snippets highlight exactly the matched characters and hits carry the reader matches', () => {
    const r = search.search('华为', {})
    const hit = r.hits[0]
    expect(hit.matches.sort()).toEqual(['華為', '華爲', '화웨이'].sort())
    for (const h of hit.snippet.highlights) {
      expect(['華為', '華爲', '화웨이']).toContain(hit.snippet.text.slice(h.start, h.end))
    }
    const spaced = search.search('양자컴퓨팅', {}).hits[0]
    expect(spaced.matches).toContain('양자 컴퓨팅')
    expect(spaced.matches).toContain('양자컴퓨팅')
  })

  test('any run of two or more CJK characters taken from an item finds that item', () => {
    const items = allItems(briefing)
    const runs = items.flatMap((item) => {
      const f = itemFields(item)
      const text = [f.title, f.headline, f.body].join('\n')
      return [...text.matchAll(/[\p{Script=Hangul}\p{Script=Han}]{2,}/gu)].map((m) => ({ id: item.id, run: m[0] }))
    })
    fc.assert(
      fc.property(fc.constantFrom(...runs), fc.nat(), fc.nat(), ({ id, run }, a, b) => {
        const chars = [...run]
        const start = a % (chars.length - 1)
        const len = 2 + (b % (chars.length - start - 1))
        const query = chars.slice(start, start + len).join('')
        const found = search.search(query, { limit: 1000 }).hits.map((h) => h.itemId)
        expect(found, query).toContain(id)
      }),
      { numRuns: 400 }
    )
  })
})
