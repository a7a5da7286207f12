import { describe, expect, test, vi } from 'vitest'
import { dispatch } from '../../../electron/main/ipc/dispatch.ts'
import type { ArchiveApi } from '../../../electron/shared/ipc-contract.ts'
import { unusedArchiveFolderApi, unusedImportApi, unusedNotesApi, unusedReadingPlaceApi, unusedSearchesApi } from '../../helpers/unused-notes-api.ts'

function fakeApi(overrides: Partial<ArchiveApi> = {}): ArchiveApi {
  return {
    listBriefings: vi.fn(async () => []),
    getBriefing: vi.fn(async () => null),
    openExternal: vi.fn(async () => ({ opened: true })),
    getSettings: vi.fn(async () => ({ locale: 'ko' as const, theme: 'system' as const, zoom: 1, contentsSidebar: true, readingWidth: 'normal' as const })),
    updateSettings: vi.fn(async () => ({ locale: 'en' as const, theme: 'system' as const, zoom: 1, contentsSidebar: true, readingWidth: 'normal' as const })),
    getAppInfo: vi.fn(async () => ({ version: '0.1.0', archiveDir: '/a', archiveIsDefault: true, userDataDir: '/u', windowZoom: false })),
    search: vi.fn(async () => ({
      total: 0,
      briefings: 0,
      hits: [],
      facets: { section: {}, category: {}, region: {}, briefing: {}, year: {} },
      filters: {},
      tookMs: 0
    })),
    findInBriefing: vi.fn(async () => ({ total: 0, items: [] })),
    indexStatus: vi.fn(async () => ({ state: 'ready' as const, done: 0, total: 0, loaded: 0, built: 0 })),
    archiveWarnings: vi.fn(async () => ({ warnings: [] })),
    ...unusedNotesApi(),
    ...unusedImportApi(),
    ...unusedArchiveFolderApi(),
    ...unusedReadingPlaceApi(),
    ...unusedSearchesApi(),
    ...overrides
  }
}

describe('dispatch', () => {
  test('validates search input: query length, filter keys, limits', async () => {
    const api = fakeApi()
    expect(await dispatch(api, 'search', { query: '양자', filters: { region: ['베이징'] }, limit: 20 })).toMatchObject({ ok: true })
    expect(await dispatch(api, 'search', { query: 'x'.repeat(1001) })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await dispatch(api, 'search', { query: '양자', filters: { evil: true } })).toMatchObject({ ok: false })
    expect(await dispatch(api, 'search', { query: '양자', limit: 10_000 })).toMatchObject({ ok: false })
    expect(await dispatch(api, 'search', { query: '양자', filters: { dateFrom: 'yesterday' } })).toMatchObject({ ok: false })
    expect(await dispatch(api, 'findInBriefing', { briefingId: '../etc', query: '양자' })).toMatchObject({ ok: false })
    expect(api.search).toHaveBeenCalledTimes(1)
  })

  test('wraps a value in an ok envelope and passes the parsed input', async () => {
    const api = fakeApi()
    expect(await dispatch(api, 'getBriefing', { id: 'kostec-weekly-2023-04-07' })).toEqual({ ok: true, value: null })
    expect(api.getBriefing).toHaveBeenCalledWith({ id: 'kostec-weekly-2023-04-07' })
    expect(await dispatch(api, 'listBriefings', {})).toEqual({ ok: true, value: [] })
  })

  test('answers unknown-method for names outside the contract, inherited ones included', async () => {
    for (const method of ['deleteEverything', '__proto__', 'toString', 'x'.repeat(1000)]) {
      const result = await dispatch(fakeApi(), method, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } })
      if (!result.ok) expect(result.error.message.length).toBeLessThan(100)
    }
  })

  test('answers invalid-input with readable issues and never calls the implementation', async () => {
    const api = fakeApi()
    const cases = [
      { method: 'openExternal', input: { url: 'javascript:alert(1)' }, message: /openExternal: url: must be an http: or https: URL/ },
      { method: 'getBriefing', input: { id: 'a', extra: 1 }, message: /getBriefing: input: .*extra/ },
      { method: 'getBriefing', input: { id: 7 }, message: /getBriefing: id: .*string/ },
      { method: 'listBriefings', input: null, message: /listBriefings: input: / },
      { method: 'updateSettings', input: { zoom: 99 }, message: /updateSettings: zoom: / }
    ]
    for (const c of cases) {
      const result = await dispatch(api, c.method, c.input)
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(c.message) } })
    }
    expect(api.openExternal).not.toHaveBeenCalled()
    expect(api.getBriefing).not.toHaveBeenCalled()
  })

  test('answers internal when the implementation throws or rejects, and never throws itself', async () => {
    const api = fakeApi({
      listBriefings: async () => {
        throw new Error('disk on fire')
      },
      getSettings: () => {
        throw 'plain string'
      }
    })
    expect(await dispatch(api, 'listBriefings', {})).toEqual({
      ok: false, error: { code: 'internal', message: 'listBriefings: disk on fire' }
    })
    expect(await dispatch(api, 'getSettings', {})).toEqual({
      ok: false, error: { code: 'internal', message: 'getSettings: plain string' }
    })
  })
})
