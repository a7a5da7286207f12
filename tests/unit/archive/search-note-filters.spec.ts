import { afterEach, describe, expect, test } from 'vitest'
import { parseQuery } from '../../../archive/search/parse-query.ts'
import { ArchiveSearch } from '../../../archive/storage/archive-search.ts'
import { miniBriefing } from '../../helpers/mini-briefing.ts'
import { tempArchive } from '../../helpers/temp-archive.ts'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.()
})

describe('note filters in the query language', () => {
  test('tag:, color: (with Korean keys and colour names) and is:', () => {
    expect(parseQuery('양자 tag:지재권 태그:#후속 color:노랑 색:blue is:bookmarked is:메모').filters).toEqual({
      tag: ['지재권', '후속'],
      color: ['yellow', 'blue'],
      bookmarked: true,
      annotated: true
    })
    // An unknown colour is an error naming the filter, never silently dropped (issue 8).
    expect(parseQuery('color:magenta').errors.map((e) => [e.token, e.problem])).toEqual([['color:magenta', 'color']])
  })

  test('keep only the items the notes name', async () => {
    const a = tempArchive()
    cleanups.push(a.dispose)
    const text = miniBriefing({ published: '2024-05-10', body: ['■ 허페이는 양자 정책을 발표(1.2)'] })
    expect((await a.store.importBytes('a.txt', new TextEncoder().encode(text))).status).toBe('imported')
    const search = new ArchiveSearch(a.store)
    await search.refresh()
    const all = search.search('양자')
    expect(all.total).toBeGreaterThan(0)
    const itemId = all.hits[0].itemId
    const sets = {
      bookmarked: new Set([itemId]),
      annotated: new Set<string>(),
      tags: new Map([['지재권', new Set([itemId])]]),
      colors: new Map([['yellow', new Set([itemId])]])
    }
    expect(search.search('양자 is:bookmarked', sets).hits.map((h) => h.itemId)).toEqual([itemId])
    expect(search.search('양자 is:annotated', sets).total).toBe(0)
    expect(search.search('양자 tag:지재권', sets).hits.map((h) => h.itemId)).toEqual([itemId])
    expect(search.search('양자 tag:없는태그', sets).total).toBe(0)
    expect(search.search('양자 color:노랑', sets).total).toBe(1)
    expect(search.search('양자 color:red', sets).total).toBe(0)
    // Without the sets (no notes), the filters keep nothing rather than everything.
    expect(search.search('양자 tag:지재권').total).toBe(0)
    search.close()
  })
})
