import { beforeEach, describe, expect, test, vi } from 'vitest'
import { APP_ENTRY_URL } from '../../../electron/main/security/app-origin.ts'
import { API_METHODS, CHANNELS, DROP_CHANNEL } from '../../../electron/shared/ipc-contract.ts'
import type { ArchiveApi } from '../../../electron/shared/ipc-contract.ts'

const electron = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>()
  return {
    handlers,
    ipcMain: {
      handle: vi.fn((channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
        handlers.set(channel, fn)
      }),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel))
    }
  }
})
vi.mock('electron', () => ({ ipcMain: electron.ipcMain }))

const { unusedArchiveFolderApi, unusedImportApi, unusedNotesApi, unusedReadingPlaceApi, unusedSearchesApi } = await import('../../helpers/unused-notes-api.ts')
const { registerIpc, FORBIDDEN } = await import('../../../electron/main/ipc/register-ipc.ts')

const calls: string[] = []
const api: ArchiveApi = {
  listBriefings: async () => (calls.push('listBriefings'), []),
  getBriefing: async ({ id }) => (calls.push(`getBriefing ${id}`), null),
  openExternal: async () => ({ opened: false }),
  getSettings: async () => ({ locale: 'ko', theme: 'system', zoom: 1, contentsSidebar: true, readingWidth: 'normal' as const }),
  updateSettings: async (patch) => ({ locale: 'ko', theme: 'system', zoom: 1, contentsSidebar: true, readingWidth: 'normal' as const, ...patch }),
  getAppInfo: async () => ({ version: '0.0.0', archiveDir: '/a', archiveIsDefault: true, userDataDir: '/u', windowZoom: false }),
  search: async ({ query }) => (
    calls.push(`search ${query}`),
    { total: 0, briefings: 0, hits: [], facets: { section: {}, category: {}, region: {}, briefing: {}, year: {} }, filters: {}, tookMs: 0 }
  ),
  findInBriefing: async () => ({ total: 0, items: [] }),
  indexStatus: async () => ({ state: 'ready', done: 0, total: 0, loaded: 0, built: 0 }),
  archiveWarnings: async () => ({ warnings: [] }),
  ...unusedNotesApi(),
  ...unusedImportApi(),
  ...unusedArchiveFolderApi(),
  ...unusedReadingPlaceApi(),
  ...unusedSearchesApi()
}

const topFrame = { url: APP_ENTRY_URL, parent: null }
const event = (senderFrame: unknown): unknown => ({ senderFrame })
const handler = (method: keyof typeof CHANNELS) => {
  const fn = electron.handlers.get(CHANNELS[method])
  if (!fn) throw new Error(`no handler for ${method}`)
  return fn
}

describe('registerIpc', () => {
  let unregister: () => void
  beforeEach(() => {
    electron.handlers.clear()
    calls.length = 0
    unregister = registerIpc(api)
    return () => unregister()
  })

  test('registers one handler per contract channel, and the preload\'s channel for dropped files', () => {
    expect([...electron.handlers.keys()].sort()).toEqual([...API_METHODS.map((m) => CHANNELS[m]), DROP_CHANNEL].sort())
  })

  test('dropped files: paths from our frame reach onDropped; a foreign frame or anything but paths does not', async () => {
    unregister()
    electron.handlers.clear()
    const dropped: string[][] = []
    unregister = registerIpc(api, { onDropped: (paths) => void dropped.push(paths) })
    const drop = electron.handlers.get(DROP_CHANNEL)!
    await expect(drop(event(topFrame), { paths: ['/home/u/a.pdf', '/home/u/folder'] })).resolves.toEqual({ ok: true, value: { accepted: 2 } })
    await expect(drop(event({ url: 'https://example.com/', parent: null }), { paths: ['/etc/passwd'] })).resolves.toEqual(FORBIDDEN)
    for (const bad of [{ paths: [] }, { paths: [''] }, { paths: '/etc' }, { paths: ['/a'], extra: 1 }, null]) {
      await expect(drop(event(topFrame), bad)).resolves.toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    }
    expect(dropped).toEqual([['/home/u/a.pdf', '/home/u/folder']])
  })

  test('answers our top-level frame through dispatch', async () => {
    await expect(handler('getBriefing')(event(topFrame), { id: 'sample-weekly-2024-01-05' })).resolves.toEqual({
      ok: true,
      value: null
    })
    expect(calls).toEqual(['getBriefing sample-weekly-2024-01-05'])
  })

  test('returns invalid-input for a bad payload without calling the service', async () => {
    const result = (await handler('getBriefing')(event(topFrame), { id: '../../etc' })) as {
      ok: boolean
      error?: { code: string }
    }
    expect(result.ok).toBe(false)
    expect(result.error?.code).toBe('invalid-input')
    expect(calls).toEqual([])
  })

  const untrusted = [
    { name: 'an iframe on our origin', frame: { url: APP_ENTRY_URL, parent: topFrame } },
    { name: 'a foreign page', frame: { url: 'https://example.com/', parent: null } },
    { name: 'a file:// page', frame: { url: 'file:///tmp/x.html', parent: null } },
    { name: 'a disposed frame', frame: null },
    {
      name: 'a frame that throws when read',
      frame: Object.defineProperty({ parent: null }, 'url', {
        get() {
          throw new Error('Render frame was disposed')
        }
      })
    }
  ]
  for (const { name, frame } of untrusted) {
    test(`refuses ${name} with forbidden, before the service runs`, async () => {
      for (const method of API_METHODS) {
        await expect(handler(method)(event(frame), {})).resolves.toEqual(FORBIDDEN)
      }
      expect(calls).toEqual([])
    })
  }

  test('trusts the dev server only when told to', async () => {
    unregister()
    electron.handlers.clear()
    unregister = registerIpc(api, { devServerUrl: 'http://localhost:5173' })
    const dev = { url: 'http://localhost:5173/', parent: null }
    await expect(handler('listBriefings')(event(dev), {})).resolves.toEqual({ ok: true, value: [] })
  })

  test('the returned function removes every handler', () => {
    unregister()
    expect(electron.handlers.size).toBe(0)
    unregister = () => {}
  })
})
