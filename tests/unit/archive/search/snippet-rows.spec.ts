/** Issue 10, defect 11: the rows of a table do not run together in a result's snippet. */
import { describe, expect, test } from 'vitest'
import type { Item } from '../../../../archive/model/briefing.ts'
import { itemFields } from '../../../../archive/search/documents.ts'
import { makeSnippet } from '../../../../archive/search/highlight.ts'

const item = {
  id: 'x/I-01',
  blocks: [
    { kind: 'paragraph', text: '기업 순위' },
    {
      kind: 'table',
      table: {
        columns: ['순위', '기업명', '해당 기업 수'],
        rows: [
          [{ text: '2' }, { text: '항저우' }, { text: '9,000' }],
          [{ text: '3' }, { text: '차이나모바일(中國移動)' }, { text: '15,000' }]
        ]
      }
    }
  ]
} as unknown as Item

describe('table rows in snippets', () => {
  test('a row boundary shows as " / ", a block boundary as " · "', () => {
    const { body } = itemFields(item)
    const snippet = makeSnippet(body, [])
    expect(snippet.text).toContain('항저우 9,000 / 3 차이나모바일(中國移動) 15,000')
    expect(snippet.text).toContain('순위 기업명 해당 기업 수 / 2 항저우')
    expect(snippet.text.startsWith('기업 순위 · ')).toBe(true)
  })

  test('highlights stay on their text across a row boundary', () => {
    const { body } = itemFields(item)
    const start = body.indexOf('차이나모바일')
    const snippet = makeSnippet(body, [{ start, end: start + 6 }])
    const h = snippet.highlights[0]
    expect(snippet.text.slice(h.start, h.end)).toBe('차이나모바일')
  })
})
