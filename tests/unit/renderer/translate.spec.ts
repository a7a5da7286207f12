import { describe, expect, test } from 'vitest'
import { en } from '../../../renderer/lib/messages/en.ts'
import { ko } from '../../../renderer/lib/messages/ko.ts'
import { translate, translatePlural } from '../../../renderer/lib/translate.ts'

describe('message tables', () => {
  test('Korean and English have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort())
  })

  test('every message uses the same placeholders in both languages', () => {
    const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(ko) as (keyof typeof ko)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ko[key]))
    }
  })

  test('no message is empty', () => {
    for (const table of [ko, en]) {
      for (const [key, value] of Object.entries(table)) expect(value.trim(), key).not.toBe('')
    }
  })
})

describe('translate', () => {
  test('fills placeholders', () => {
    expect(translate('ko', 'reader.publishedBy', { publisher: '테스트센터' })).toBe('테스트센터 발행')
    expect(translate('en', 'reader.publishedBy', { publisher: 'KOSTEC' })).toBe('Published by KOSTEC')
  })

  test('leaves an unknown placeholder visible', () => {
    expect(translate('en', 'reader.publishedBy')).toBe('Published by {publisher}')
  })
})

describe('translatePlural', () => {
  test('chooses the English singular and plural', () => {
    expect(translatePlural('en', 'library.items', 1)).toBe('1 item')
    expect(translatePlural('en', 'library.items', 15)).toBe('15 items')
  })

  test('uses the one Korean form and groups thousands', () => {
    expect(translatePlural('ko', 'library.items', 1)).toBe('1개 항목')
    expect(translatePlural('ko', 'library.items', 1200)).toBe('1,200개 항목')
  })
})
