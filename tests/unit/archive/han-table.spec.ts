import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { hanFoldPairs } from '../../../scripts/gen-han-table.ts'
import { foldHanCodePoint } from '../../../archive/search/fold-han.ts'

describe('han-fold-table.json', () => {
  test('equals what OpenCC (opencc-js) gives today; regenerate with node scripts/gen-han-table.ts', () => {
    const table = JSON.parse(readFileSync(new URL('../../../archive/search/han-fold-table.json', import.meta.url), 'utf8')) as {
      traditional: string
      simplified: string
    }
    const pairs = hanFoldPairs()
    expect(Array.from(table.traditional).map((c) => c.codePointAt(0))).toEqual(pairs.map(([t]) => t))
    expect(Array.from(table.simplified).map((c) => c.codePointAt(0))).toEqual(pairs.map(([, s]) => s))
  })

  test('folds the traditional forms the briefings write', () => {
    const fold = (s: string): string => Array.from(s, (c) => String.fromCodePoint(foldHanCodePoint(c.codePointAt(0) as number))).join('')
    expect(fold('華爲 華為 中國移動 臨港新區 專精特新 騰訊 阿裏巴巴')).toBe('华为 华为 中国移动 临港新区 专精特新 腾讯 阿里巴巴')
    expect(fold('量子计算')).toBe('量子计算')
  })
})
