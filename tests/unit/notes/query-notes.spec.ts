import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { allItems, type Briefing } from '../../../archive/model/briefing.ts'
import { anchorQuote, describeQuote } from '../../../archive/notes/anchor.ts'
import { itemText } from '../../../archive/notes/item-text.ts'
import type { Annotation, Bookmark, Highlight, ItemNote } from '../../../archive/notes/model.ts'
import { NORMALIZER_VERSION } from '../../../archive/search/normalize.ts'
import { buildViews, queryViews, queryWords } from '../../../archive/notes/query-notes.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const read = (name: string): Briefing => {
  const result = parseBriefing(readFileSync(join(REPO, 'archive/sample/briefings', `${name}.txt`), 'utf8'), { fileName: `${name}.txt` })
  if (!result.ok) throw new Error(result.error)
  return result.briefing
}
const A = read('sample-weekly-2026-03-06')
const B = read('sample-weekly-2026-01-09')
const T = '2026-04-12T09:30:00+09:00'

function highlightOn(briefing: Briefing, index: number, from: number, length: number, extra: Partial<Highlight>): Highlight {
  const item = allItems(briefing)[index]
  const text = itemText(item).raw
  const described = describeQuote(text, from, from + length)
  if (!described) throw new Error('empty quote')
  const anchor = anchorQuote(item, described.quote)
  return {
    id: `urn:uuid:h-${briefing.id}-${index}-${from}`,
    kind: 'highlight',
    briefingId: briefing.id,
    itemId: item.id,
    itemTitle: item.title,
    quote: described.quote,
    text: described.text,
    ...(anchor.position ? { position: anchor.position } : {}),
    itemHash: anchor.itemHash,
    normalizer: NORMALIZER_VERSION,
    color: 'yellow',
    comment: '',
    tags: [],
    created: T,
    modified: T,
    ...extra
  }
}

const note = (briefing: Briefing, index: number, text: string, tags: string[] = []): ItemNote => {
  const item = allItems(briefing)[index]
  return { id: `urn:uuid:n-${briefing.id}-${index}`, kind: 'note', briefingId: briefing.id, itemId: item.id, itemTitle: item.title, text, tags, created: T, modified: T }
}

const bookmark = (briefing: Briefing, index: number, state: Bookmark['state']): Bookmark => {
  const item = allItems(briefing)[index]
  return { id: `urn:uuid:b-${briefing.id}-${index}`, kind: 'bookmark', briefingId: briefing.id, itemId: item.id, itemTitle: item.title, reason: '후속 확인', state, tags: [], created: T, modified: T }
}

describe('notes views', () => {
  const annotations: Annotation[] = [
    highlightOn(A, 2, 10, 20, { color: 'red', tags: ['양자'], comment: '**특허풀** 검토' }),
    highlightOn(A, 0, 0, 12, { color: 'yellow' }),
    note(A, 1, '메모: 베이징은 후속 확인', ['후속']),
    bookmark(B, 0, 'review'),
    { ...note(B, 1, '사라진 항목'), itemId: `${B.id}/IX-99`, itemTitle: '어디에도 없는 제목' }
  ]
  const briefings = new Map([
    [A.id, A],
    [B.id, B]
  ])
  const views = buildViews(annotations, briefings)

  test('every annotation is placed with its briefing and item, or kept as unplaced', () => {
    expect(views).toHaveLength(annotations.length)
    const orphan = views.find((v) => v.annotation.itemId === `${B.id}/IX-99`)
    expect(orphan?.status).toBe('orphan')
    const h = views.find((v) => v.annotation.id === annotations[0].id)
    expect(h?.item?.id).toBe(allItems(A)[2].id)
    expect(h?.quote).toBe((annotations[0] as Highlight).text)
  })

  test('document order within a briefing, newest briefing first; unplaced last', () => {
    const ids = queryViews(views, {}).views.map((v) => v.annotation.id)
    expect(ids).toEqual([annotations[1].id, annotations[2].id, annotations[0].id, annotations[3].id, annotations[4].id])
  })

  test('filters: kind, tag, colour, state, briefing, dates, unplaced, and text with the search normaliser', () => {
    const ids = (query: Parameters<typeof queryViews>[1]): string[] => queryViews(views, query).views.map((v) => v.annotation.id)
    expect(ids({ kinds: ['bookmark'] })).toEqual([annotations[3].id])
    expect(ids({ tags: ['양자'] })).toEqual([annotations[0].id])
    expect(ids({ colors: ['red'] })).toEqual([annotations[0].id])
    expect(ids({ states: ['review'] })).toEqual([annotations[3].id])
    expect(ids({ briefingId: B.id })).toEqual([annotations[3].id, annotations[4].id])
    expect(ids({ from: A.published, to: A.published })).toHaveLength(3)
    expect(ids({ unplaced: true })).toEqual([annotations[4].id])
    // 베이징 finds 베이징은 (a particle), spacing does not matter, the comment's Markdown is searched too.
    expect(ids({ text: '베이징' })).toEqual([annotations[2].id])
    expect(ids({ text: '특허 풀' })).toEqual([annotations[0].id])
    expect(ids({ text: '없는말' })).toEqual([])
  })

  test('pages: limit and offset cut the sorted results, total counts them all', () => {
    const all = queryViews(views, {}).views.map((v) => v.annotation.id)
    const first = queryViews(views, { limit: 2 })
    const second = queryViews(views, { limit: 2, offset: 2 })
    expect(first.total).toBe(5)
    expect([...first.views, ...second.views].map((v) => v.annotation.id)).toEqual(all.slice(0, 4))
    expect(queryViews(views, { offset: 4 }).views.map((v) => v.annotation.id)).toEqual(all.slice(4))
  })

  test('facets count the whole store', () => {
    const { facets, total } = queryViews(views, { kinds: ['note'] })
    expect(total).toBe(2)
    expect(facets.tags).toEqual({ 양자: 1, 후속: 1 })
    expect(facets.colors).toEqual({ red: 1, yellow: 1 })
  })

  test('query words are normalised (traditional folded, case, width)', () => {
    expect(queryWords(' 華爲  ＡＩ ')).toEqual(['华为', 'ai'])
  })
})
