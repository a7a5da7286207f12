/**
 * Issue 8, defect 9: a filter typed in a query that cannot be applied is an error naming the filter and the
 * expected form — in the core (parseQuery), the command line (stderr, exit 2) and the app's answer
 * (SearchResponse.errors, no hits) — never silently dropped.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { describeQueryError, parseQuery } from '../../../archive/search/parse-query.ts'

const BIN = resolve(import.meta.dirname, '../../../bin/briefings.js')
const SAMPLES = resolve(import.meta.dirname, '../../../archive/sample/briefings')

const errorsOf = (q: string): string[] => parseQuery(q).errors.map(describeQueryError)
const DATE_FORMS = 'expected YYYY, YYYY-MM or YYYY-MM-DD, or a range such as 2023..2024, 2023-01.. or ..2023-06'

describe('parseQuery refuses filters it cannot apply', () => {
  test.each([
    ['published:abc 베이징', `published:abc: "abc" is not a date; ${DATE_FORMS}`],
    ['발행:abc', `발행:abc: "abc" is not a date; ${DATE_FORMS}`],
    ['date:2023-13', 'date:2023-13: 2023-13 has no month 13; months are 01 to 12'],
    ['날짜:2023-00', '날짜:2023-00: 2023-00 has no month 0; months are 01 to 12'],
    ['date:2023-02-30', 'date:2023-02-30: 2023-02 has no day 30'],
    ['date:2023-02-29', 'date:2023-02-29: 2023-02 has no day 29'],
    ['published:2023-01..2023-13', 'published:2023-01..2023-13: 2023-13 has no month 13; months are 01 to 12'],
    ['published:2024..2023', 'published:2024..2023: the range ends before it starts'],
    ['published:""', 'published:"" needs a value'],
    ['is:starred', 'is:starred: expected is:bookmarked or is:annotated'],
    ['color:pink', 'color:pink: unknown colour; expected yellow, red, green, blue, purple or orange (노랑 빨강 초록 파랑 보라 주황)']
  ])('%s', (query, message) => {
    expect(errorsOf(query)).toEqual([message])
    expect(parseQuery(query).filters).toEqual({})
  })

  test('the error keeps the filter as typed and what is wrong, for the app to word', () => {
    expect(parseQuery('베이징 date:2023-13').errors).toEqual([
      { token: 'date:2023-13', key: 'date', value: '2023-13', problem: 'month', part: '2023-13' }
    ])
    // the words still count: only the filter is refused
    expect(parseQuery('베이징 date:2023-13').terms.map((t) => t.text)).toEqual(['베이징'])
  })

  test.each([
    ['published:2023', { publishedFrom: '2023-01-01', publishedTo: '2023-12-31' }],
    ['published:2023-04', { publishedFrom: '2023-04-01', publishedTo: '2023-04-30' }],
    ['date:2024-02-29', { dateFrom: '2024-02-29', dateTo: '2024-02-29' }],
    ['date:2023-03-01..2023-03-31', { dateFrom: '2023-03-01', dateTo: '2023-03-31' }],
    ['published:2023..2024', { publishedFrom: '2023-01-01', publishedTo: '2024-12-31' }],
    ['date:..2023-06', { dateTo: '2023-06-30' }],
    ['date:2023-01..', { dateFrom: '2023-01-01' }],
    ['발행:2023~2024', { publishedFrom: '2023-01-01', publishedTo: '2024-12-31' }],
    ['is:bookmarked color:노랑', { bookmarked: true, color: ['yellow'] }]
  ])('%s is valid', (query, filters) => {
    expect(parseQuery(query).errors).toEqual([])
    expect(parseQuery(query).filters).toEqual(filters)
  })
})

describe('briefings search with an invalid filter', () => {
  let archive = ''
  beforeAll(() => {
    archive = mkdtempSync(join(tmpdir(), 'query-errors-'))
    rmSync(archive, { recursive: true })
    const r = spawnSync(process.execPath, [BIN, 'import', SAMPLES, '--archive', archive], { encoding: 'utf8' })
    expect(r.status).toBe(0)
  })
  afterAll(() => rmSync(archive, { recursive: true, force: true }))
  const search = (q: string): { code: number | null; stdout: string; stderr: string } => {
    const r = spawnSync(process.execPath, [BIN, 'search', q, '--archive', archive, '--json'], { encoding: 'utf8' })
    return { code: r.status, stdout: r.stdout, stderr: r.stderr }
  }

  test('published:abc 베이징 is an error on stderr, exit 2, nothing on stdout', () => {
    const r = search('published:abc 베이징')
    expect(r.stderr).toBe(`briefings search: published:abc: "abc" is not a date; ${DATE_FORMS}\n`)
    expect(r.stdout).toBe('')
    expect(r.code).toBe(2)
  })

  test('date:2023-13 is refused', () => {
    const r = search('date:2023-13')
    expect(r.stderr).toBe('briefings search: date:2023-13: 2023-13 has no month 13; months are 01 to 12\n')
    expect(r.code).toBe(2)
  })

  test('the same query with a valid filter answers', () => {
    const r = search('베이징 published:2026')
    expect(r.code).toBe(0)
    expect((JSON.parse(r.stdout) as { total: number }).total).toBeGreaterThan(0)
  })
})
