import { describe, expect, test } from 'vitest'
import type { FacetCounts } from '../../../archive/search/results.ts'
import {
  activeFilters,
  facetChips,
  filtersInEffect,
  hasFilters,
  rangeLabel,
  removeFilter,
  removeFilterFromQuery,
  stripFilterTokens,
  toggleFilter,
  wholeYear,
  isBackwards,
  publishedMonths,
  withPublishedMonths
} from '../../../renderer/lib/search-filters.ts'

const facets: FacetCounts = {
  section: { 정책동향: 9, 기술동향: 1 },
  category: { 지역: 3, 기술전략: 3, 통계: 3, 양자정보: 1 },
  region: { 베이징: 2, 우시: 1 },
  briefing: { 'kostec-weekly-2023-04-07': 4 },
  year: { '2023': 4, '2026': 5, '2025': 1 }
}

describe('toggleFilter', () => {
  test('adds and removes a list value without touching the input', () => {
    const none = {}
    const one = toggleFilter(none, 'category', '기술전략')
    expect(one).toEqual({ category: ['기술전략'] })
    expect(none).toEqual({})
    expect(toggleFilter(one, 'category', '지역')).toEqual({ category: ['기술전략', '지역'] })
    expect(toggleFilter(one, 'category', '기술전략')).toEqual({})
  })

  test('a year chip sets the publication range; another year replaces it; again removes it', () => {
    const y2023 = toggleFilter({ region: ['베이징'] }, 'year', '2023')
    expect(y2023).toEqual({ region: ['베이징'], publishedFrom: '2023-01-01', publishedTo: '2023-12-31' })
    expect(toggleFilter(y2023, 'year', '2026')).toMatchObject({ publishedFrom: '2026-01-01', publishedTo: '2026-12-31' })
    expect(toggleFilter(y2023, 'year', '2023')).toEqual({ region: ['베이징'] })
  })
})

describe('facetChips', () => {
  test('by count then name; years newest first; active marked', () => {
    const inEffect = { category: ['통계'], publishedFrom: '2025-01-01', publishedTo: '2025-12-31' }
    expect(facetChips(facets, 'category', inEffect).map((c) => [c.value, c.count, c.active])).toEqual([
      ['기술전략', 3, false],
      ['지역', 3, false],
      ['통계', 3, true],
      ['양자정보', 1, false]
    ])
    expect(facetChips(facets, 'year', inEffect).map((c) => [c.value, c.active])).toEqual([
      ['2026', false],
      ['2025', true],
      ['2023', false]
    ])
  })

  test('an active value the results no longer count still gets a chip', () => {
    expect(facetChips(facets, 'region', { region: ['상하이'] })).toContainEqual({
      kind: 'region',
      value: '상하이',
      count: 0,
      active: true
    })
  })
})

describe('filters in effect', () => {
  test('typed and chip filters are merged; chips win for ranges', () => {
    expect(
      filtersInEffect(
        { region: ['상하이'], publishedFrom: '2023-04-01', publishedTo: '2023-04-30' },
        { region: ['베이징', '상하이'], publishedFrom: '2026-01-01', publishedTo: '2026-12-31' }
      )
    ).toEqual({ region: ['상하이', '베이징'], publishedFrom: '2026-01-01', publishedTo: '2026-12-31' })
  })

  test('activeFilters tells typed filters from chips', () => {
    const ui = { category: ['기술전략'] }
    const inEffect = filtersInEffect({ region: ['상하이'], dateFrom: '2023-03-01', dateTo: '2023-03-31' }, ui)
    expect(activeFilters(inEffect, ui)).toEqual([
      { kind: 'category', value: '기술전략', typed: false },
      { kind: 'region', value: '상하이', typed: true },
      { kind: 'date', value: '2023-03-01..2023-03-31', typed: true }
    ])
  })

  test('removeFilter drops one value or a whole range', () => {
    const ui = { category: ['기술전략', '지역'], publishedFrom: '2023-01-01', publishedTo: '2023-12-31' }
    expect(removeFilter(ui, { kind: 'category', value: '지역', typed: false })).toEqual({
      category: ['기술전략'],
      publishedFrom: '2023-01-01',
      publishedTo: '2023-12-31'
    })
    expect(removeFilter(ui, { kind: 'published', value: '2023-01-01..2023-12-31', typed: false })).toEqual({
      category: ['기술전략', '지역']
    })
  })

  test('hasFilters ignores empty lists and unset values', () => {
    expect(hasFilters({})).toBe(false)
    expect(hasFilters({ region: [], publishedFrom: undefined, bookmarked: false })).toBe(false)
    expect(hasFilters({ region: ['베이징'] })).toBe(true)
    expect(hasFilters({ publishedTo: '2023-12-31' })).toBe(true)
  })
})

describe('typed filters in the query text', () => {
  test('removeFilterFromQuery removes the matching token, English or Korean key', () => {
    expect(removeFilterFromQuery('반도체 region:상하이 지역:베이징', { kind: 'region', value: '상하이', typed: true })).toBe(
      '반도체 지역:베이징'
    )
    expect(removeFilterFromQuery('반도체 지역:"베이징" 양자', { kind: 'region', value: '베이징', typed: true })).toBe('반도체 양자')
    expect(removeFilterFromQuery('발행:2023-04 양자', { kind: 'published', value: '2023-04-01..2023-04-30', typed: true })).toBe(
      '양자'
    )
  })

  test('words with a colon that are not filters stay', () => {
    expect(removeFilterFromQuery('http:foo region:상하이', { kind: 'region', value: '상하이', typed: true })).toBe('http:foo')
  })

  test('stripFilterTokens removes every filter and keeps the words', () => {
    expect(stripFilterTokens('반도체 region:상하이 분야:바이오 -베이징 published:2023')).toBe('반도체 -베이징')
  })
})

describe('ranges', () => {
  test('wholeYear and rangeLabel', () => {
    expect(wholeYear('2023-01-01', '2023-12-31')).toBe('2023')
    expect(wholeYear('2023-01-01', '2023-06-30')).toBeUndefined()
    expect(rangeLabel('2023-01-01..2023-12-31')).toBe('2023')
    expect(rangeLabel('2023-03-01..2023-03-31')).toBe('2023-03')
    expect(rangeLabel('2023-01-01..2023-04-30')).toBe('2023-01 – 2023-04')
    expect(rangeLabel('2024-02-01..2024-02-29')).toBe('2024-02')
    expect(rangeLabel('2023-01-05..2023-04-30')).toBe('2023-01-05 – 2023-04-30')
    expect(rangeLabel('2023-01-01..')).toBe('2023-01 –')
    expect(rangeLabel('..2023-06-30')).toBe('– 2023-06')
    expect(rangeLabel('2023-01-09..')).toBe('2023-01-09 –')
  })
})

describe('month range inputs', () => {
  const cases = [
    { name: 'both months', range: { from: '2023-01', to: '2023-04' }, expected: { publishedFrom: '2023-01-01', publishedTo: '2023-04-30' } },
    { name: 'a leap February', range: { from: '2024-02', to: '2024-02' }, expected: { publishedFrom: '2024-02-01', publishedTo: '2024-02-29' } },
    { name: 'only the start', range: { from: '2023-11', to: '' }, expected: { publishedFrom: '2023-11-01' } },
    { name: 'only the end', range: { from: '', to: '2023-12' }, expected: { publishedTo: '2023-12-31' } },
    { name: 'nothing (cleared)', range: { from: '', to: '' }, expected: {} }
  ]
  for (const c of cases) {
    test(`withPublishedMonths: ${c.name}, replacing a year chip and keeping other filters`, () => {
      const before = { region: ['베이징'], publishedFrom: '2022-01-01', publishedTo: '2022-12-31' }
      expect(withPublishedMonths(before, c.range)).toEqual({ region: ['베이징'], ...c.expected })
      expect(publishedMonths(withPublishedMonths({}, c.range))).toEqual(c.range)
    })
  }

  test('a range that runs backwards is told apart; open ends never are', () => {
    expect(isBackwards({ from: '2023-05', to: '2023-04' })).toBe(true)
    expect(isBackwards({ from: '2023-04', to: '2023-04' })).toBe(false)
    expect(isBackwards({ from: '2023-05', to: '' })).toBe(false)
  })

  test('a day range is not shown as months', () => {
    expect(publishedMonths({ publishedFrom: '2023-01-05', publishedTo: '2023-02-10' })).toEqual({ from: '', to: '' })
  })
})
