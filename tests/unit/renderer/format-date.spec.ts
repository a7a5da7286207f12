import { describe, expect, test } from 'vitest'
import {
  formatDate,
  formatEventDate,
  formatMonthDay,
  parseIsoDate
} from '../../../renderer/lib/format-date.ts'

describe('parseIsoDate', () => {
  const cases = [
    { input: '2023-04-07', valid: true },
    { input: '2024-02-29', valid: true },
    { input: '2023-02-29', valid: false },
    { input: '2023-13-01', valid: false },
    { input: '2023-4-7', valid: false },
    { input: '03.27', valid: false },
    { input: '', valid: false }
  ]
  for (const { input, valid } of cases) {
    test(`${valid ? 'accepts' : 'rejects'} "${input}"`, () => {
      expect(parseIsoDate(input) !== null).toBe(valid)
    })
  }
})

describe('formatDate', () => {
  test('writes the Korean long form', () => {
    expect(formatDate('2023-04-07', 'ko')).toBe('2023년 4월 7일')
  })
  test('writes the English short-month form', () => {
    expect(formatDate('2023-04-07', 'en')).toBe('Apr 7, 2023')
  })
  test('does not shift the day whatever the time zone', () => {
    expect(formatDate('2023-01-01', 'ko')).toBe('2023년 1월 1일')
    expect(formatDate('2023-12-31', 'en')).toBe('Dec 31, 2023')
  })
  test('returns text it cannot parse unchanged', () => {
    expect(formatDate('2023. 4. 7', 'ko')).toBe('2023. 4. 7')
  })
})

describe('formatMonthDay', () => {
  test('drops the year', () => {
    expect(formatMonthDay('2023-03-27', 'ko')).toBe('3월 27일')
    expect(formatMonthDay('2023-03-27', 'en')).toBe('Mar 27')
  })
})

describe('formatEventDate', () => {
  test('omits the year when it is the issue year', () => {
    expect(formatEventDate('2023-03-27', '2023-04-07', 'ko')).toBe('3월 27일')
  })
  test('keeps the year for an event in another year', () => {
    expect(formatEventDate('2022-12-30', '2023-01-06', 'ko')).toBe('2022년 12월 30일')
  })
})
