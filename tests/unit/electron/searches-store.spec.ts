/**
 * Issue 10, recent and saved searches: kept in `<userData>/searches.json`, checked on read and write, a damaged
 * file set aside (never lost), and a saved search's new items counted against what matched when it was opened.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import type { SearchSpec } from '../../../electron/shared/ipc-contract.ts'
import { API_SCHEMAS } from '../../../electron/main/ipc/schemas.ts'
import {
  createSearchesService,
  MAX_RECENT,
  memorySearchesBackend,
  type SearchesBackend
} from '../../../electron/main/services/searches-service.ts'

// electron-store imports `electron`; under plain Node that import only works with this set first.
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent'
const { createSearchesStore } = await import('../../../electron/main/services/searches-store.ts')

let dir: string
let logged: string[]
const log = (message: string): void => void logged.push(message)
const now = (): Date => new Date('2026-03-02T09:30:00.000Z')

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'searches-store-'))
  logged = []
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A service over `store` whose archive is `matches` (query → item ids), `ready` telling whether it can be searched. */
function service(store: SearchesBackend, index: { matches: Map<string, string[]>; ready: boolean }) {
  let n = 0
  return createSearchesService({
    store,
    now,
    newId: () => `id-${++n}-${Math.random().toString(36).slice(2, 8)}`,
    matching: ({ query }: SearchSpec) => (index.ready ? new Set(index.matches.get(query) ?? []) : undefined)
  })
}

describe('recent searches', () => {
  test('newest first, each query and filters once (filters in any order), at most ten, removable, clearable', async () => {
    const api = service(memorySearchesBackend(), { matches: new Map(), ready: true })
    await api.recordSearch({ query: '양자', filters: {} })
    await api.recordSearch({ query: '베이징', filters: { region: ['상하이', '베이징'] } })
    let state = await api.recordSearch({ query: ' 양자 ', filters: {} })
    expect(state.recent.map((r) => r.query)).toEqual(['양자', '베이징'])
    state = await api.recordSearch({ query: '베이징', filters: { region: ['베이징', '상하이'], bookmarked: false } })
    expect(state.recent.map((r) => r.query)).toEqual(['베이징', '양자'])
    // the same text with other filters is another search
    state = await api.recordSearch({ query: '양자', filters: { publishedFrom: '2023-01-01' } })
    expect(state.recent).toHaveLength(3)
    // nothing to search for is not recorded
    state = await api.recordSearch({ query: '  ', filters: {} })
    expect(state.recent).toHaveLength(3)
    for (let i = 0; i < 15; i++) state = await api.recordSearch({ query: `q${i}`, filters: {} })
    expect(state.recent).toHaveLength(MAX_RECENT)
    expect(state.recent[0].query).toBe('q14')
    state = await api.removeRecentSearch({ id: state.recent[1].id })
    expect(state.recent.map((r) => r.query).slice(0, 2)).toEqual(['q14', 'q12'])
    state = await api.clearRecentSearches({})
    expect(state.recent).toEqual([])
  })
})

describe('saved searches: new items', () => {
  test('a briefing imported later counts its matching items as new; opening it makes them seen', async () => {
    const index = { matches: new Map([['양자', ['a/I-01', 'b/II-02']]]), ready: true }
    const api = service(memorySearchesBackend(), index)
    let state = await api.saveSearch({ name: ' 양자 추적 ', query: '양자', filters: { region: ['베이징'] } })
    expect(state.saved).toMatchObject([{ name: '양자 추적', query: '양자', filters: { region: ['베이징'] }, newItems: 0 }])
    // a new briefing c with two matching items
    index.matches.set('양자', ['a/I-01', 'b/II-02', 'c/I-01', 'c/III-04'])
    state = await api.listSearches({})
    expect(state.saved[0].newItems).toBe(2)
    state = await api.openSavedSearch({ id: state.saved[0].id })
    expect(state.saved[0].newItems).toBe(0)
  })

  test('a re-parsed briefing keeps its item ids: only items that did not match before are new; deleted ones count nothing', async () => {
    const index = { matches: new Map([['칩', ['a/I-01', 'a/I-02']]]), ready: true }
    const api = service(memorySearchesBackend(), index)
    const { saved } = await api.saveSearch({ name: '칩', query: '칩', filters: {} })
    // a re-import of a: I-01 still matches, I-02 no longer, I-05 now does; b deleted (never matched)
    index.matches.set('칩', ['a/I-01', 'a/I-05'])
    expect((await api.listSearches({})).saved[0].newItems).toBe(1)
    await api.openSavedSearch({ id: saved[0].id })
    index.matches.set('칩', ['a/I-01'])
    expect((await api.listSearches({})).saved[0].newItems).toBe(0)
  })

  test('while the index is not ready nothing is counted or marked seen; saved then, the baseline is taken once it is', async () => {
    const index = { matches: new Map([['x', ['a/I-01']]]), ready: false }
    const api = service(memorySearchesBackend(), index)
    let state = await api.saveSearch({ name: 'x', query: 'x', filters: {} })
    expect(state.saved[0].newItems).toBeNull()
    index.ready = true
    state = await api.listSearches({})
    expect(state.saved[0].newItems).toBe(0)
    index.matches.set('x', ['a/I-01', 'b/I-01'])
    index.ready = false
    state = await api.openSavedSearch({ id: state.saved[0].id })
    expect(state.saved[0].newItems).toBeNull()
    index.ready = true
    // the open while not ready did not mark b as seen
    expect((await api.listSearches({})).saved[0].newItems).toBe(1)
  })

  test('keeping a recent search does not run the saved searches again (listing them does)', async () => {
    let runs = 0
    const api = createSearchesService({
      store: memorySearchesBackend(),
      matching: () => (runs++, new Set(['a/I-01']))
    })
    await api.saveSearch({ name: 'a', query: 'a', filters: {} })
    await api.saveSearch({ name: 'b', query: 'b', filters: {} })
    const before = runs
    await api.recordSearch({ query: 'c', filters: {} })
    await api.removeRecentSearch({ id: 'x' })
    expect(runs).toBe(before)
    await api.listSearches({})
    expect(runs).toBe(before + 2)
  })

  test('rename and delete; an unknown id is an error', async () => {
    const api = service(memorySearchesBackend(), { matches: new Map(), ready: true })
    let state = await api.saveSearch({ name: 'a', query: 'a', filters: {} })
    state = await api.renameSavedSearch({ id: state.saved[0].id, name: '새 이름' })
    expect(state.saved[0].name).toBe('새 이름')
    await expect(api.renameSavedSearch({ id: 'nope', name: 'x' })).rejects.toThrow(/no saved search/)
    state = await api.deleteSavedSearch({ id: state.saved[0].id })
    expect(state.saved).toEqual([])
  })
})

describe('createSearchesStore', () => {
  test('persists recent and saved searches (with what they had seen) across instances', async () => {
    const index = { matches: new Map([['양자', ['a/I-01']]]), ready: true }
    const first = service(createSearchesStore(dir, { log }), index)
    await first.recordSearch({ query: '양자', filters: { category: ['양자정보'] } })
    await first.saveSearch({ name: '양자', query: '양자', filters: {} })
    index.matches.set('양자', ['a/I-01', 'z/I-01'])
    const second = service(createSearchesStore(dir, { log }), index)
    const state = await second.listSearches({})
    expect(state.recent).toMatchObject([{ query: '양자', filters: { category: ['양자정보'] } }])
    expect(state.saved).toMatchObject([{ name: '양자', newItems: 1 }])
    expect(state.recovered).toBeUndefined()
    expect(logged).toEqual([])
    expect(JSON.parse(await readFile(join(dir, 'searches.json'), 'utf8')).saved[0].seen).toEqual(['a/I-01'])
  })

  test('refuses to write what does not pass the schema, leaving the file as it was', async () => {
    const store = createSearchesStore(dir, { log })
    const api = service(store, { matches: new Map(), ready: true })
    await api.recordSearch({ query: 'a', filters: {} })
    const before = await readFile(store.path, 'utf8')
    const bad = { ...store.read(), saved: [{ id: 'x', name: '', created: '', opened: '', query: '', filters: {}, seen: null }] }
    expect(() => store.write(bad)).toThrow()
    expect(await readFile(store.path, 'utf8')).toBe(before)
  })

  const damaged = [
    { name: 'truncated JSON', content: '{"recent": [{"id": "a", "qu' },
    { name: 'NUL bytes', content: '\0'.repeat(64) },
    { name: 'JSON the schema rejects', content: '{"recent": [], "saved": [{"id": "x", "name": 3}]}' }
  ]
  for (const c of damaged) {
    test(`sets ${c.name} aside byte-for-byte, says so, and starts empty`, async () => {
      await writeFile(join(dir, 'searches.json'), c.content)
      const store = createSearchesStore(dir, { log, now })
      const badFile = join(dir, 'searches.corrupt-2026-03-02T09-30-00-000Z.json')
      expect(await readFile(badFile, 'utf8')).toBe(c.content)
      expect(logged).toHaveLength(1)
      expect(logged[0]).toMatch(/could not be read; moved to .*searches\.corrupt-/)
      const api = service(store, { matches: new Map(), ready: true })
      const state = await api.listSearches({})
      expect(state).toMatchObject({ recent: [], saved: [], recovered: { badFile } })
      await api.saveSearch({ name: 'a', query: 'a', filters: {} })
      expect((await service(createSearchesStore(dir, { log }), { matches: new Map(), ready: true }).listSearches({})).saved).toHaveLength(1)
      expect((await readdir(dir)).sort()).toEqual(['searches.corrupt-2026-03-02T09-30-00-000Z.json', 'searches.json'])
    })
  }
})

describe('API_SCHEMAS for searches', () => {
  const cases = [
    { method: 'saveSearch', input: { name: '양자', query: '양자', filters: {} }, ok: true },
    { method: 'saveSearch', input: { name: '   ', query: '양자', filters: {} }, ok: false },
    { method: 'saveSearch', input: { name: 'a', query: 'a', filters: {}, seen: [] }, ok: false },
    { method: 'recordSearch', input: { query: 'a', filters: { region: ['베이징'] } }, ok: true },
    { method: 'recordSearch', input: { query: 'a', filters: { unknown: 1 } }, ok: false },
    { method: 'recordSearch', input: { query: 'a' }, ok: false },
    { method: 'removeRecentSearch', input: { id: '../x' }, ok: false },
    { method: 'renameSavedSearch', input: { id: 'abc-1', name: 'b' }, ok: true },
    { method: 'search', input: { query: 'a', sort: 'date' }, ok: true },
    { method: 'search', input: { query: 'a', sort: 'newest' }, ok: false },
    { method: 'updateSettings', input: { searchSort: 'relevance' }, ok: true },
    { method: 'updateSettings', input: { searchSort: 'oldest' }, ok: false }
  ] as const
  for (const c of cases) {
    test(`${c.method} ${JSON.stringify(c.input)} is ${c.ok ? 'accepted' : 'refused'}`, () => {
      expect(API_SCHEMAS[c.method].safeParse(c.input).success).toBe(c.ok)
    })
  }
})
