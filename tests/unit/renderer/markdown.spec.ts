import { describe, expect, test } from 'vitest'
import { markdownPlainText } from '../../../renderer/lib/markdown.ts'

describe('markdownPlainText', () => {
  const cases = [
    { name: 'drops emphasis and keeps link text', input: '**국산화** 대상 [원문](https://example.org/a) 확인', expected: '국산화 대상 원문 확인' },
    { name: 'joins paragraphs and list items with spaces', input: '연산력 바우처\n\n- 후속 질의\n- 예산 확인', expected: '연산력 바우처 후속 질의 예산 확인' },
    { name: 'keeps raw HTML as its text, never markup', input: '<b>굵게</b> 끝', expected: '<b>굵게</b> 끝' },
    { name: 'an empty note is empty', input: '', expected: '' }
  ]
  for (const { name, input, expected } of cases) {
    test(name, () => expect(markdownPlainText(input)).toBe(expected))
  }
})
