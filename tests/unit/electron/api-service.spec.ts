import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { ArchiveSearch } from '../../../archive/storage/archive-search.ts'
import { openArchiveStore } from '../../../archive/storage/index.ts'
import type { ArchiveStore } from '../../../archive/storage/index.ts'
import { createApiService } from '../../../electron/main/services/api-service.ts'
import { ensureSampleArchive } from '../../../electron/main/services/first-run.ts'
import type { SettingsBackend } from '../../../electron/main/services/settings-store.ts'
import type { Settings } from '../../../electron/shared/ipc-contract.ts'
import { fictionalBriefing } from '../../helpers/fictional-briefing.ts'
import { unusedNotesApi } from '../../helpers/unused-notes-api.ts'

let dir: string
let store: ArchiveStore

function memorySettings(): SettingsBackend {
  let settings: Settings = { locale: 'ko', theme: 'system', zoom: 1, contentsSidebar: true, readingWidth: 'normal' as const }
  return {
    path: '/memory/settings.json',
    getSettings: () => settings,
    updateSettings: (patch) => (settings = { ...settings, ...patch }),
    getWindowState: () => undefined,
    setWindowState: () => undefined,
    getArchiveDir: () => undefined,
    setArchiveDir: () => undefined,
    getReadingPlace: () => undefined,
    setReadingPlace: () => undefined
  }
}

function service(opener = vi.fn(async (_url: string) => undefined), windowZoom?: (factor: number) => void) {
  const appInfo = { version: '0.1.0', userDataDir: '/u' }
  const search = new ArchiveSearch(store)
  return { opener, search, api: createApiService({
      archive: () => ({ dir: store.dir, store, search }),
      settings: memorySettings(),
      openExternal: opener,
      appInfo,
      notes: unusedNotesApi(),
      noteSets: () => ({ bookmarked: new Set(), annotated: new Set(), tags: new Map(), colors: new Map() }),
      windowZoom
    }) }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'api-service-'))
  store = openArchiveStore(join(dir, 'archive'))
  await store.list() // the store prepares its folder in the background; let it finish before cleanup
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('createApiService openExternal', () => {
  test('opens http and https URLs through the opener', async () => {
    const { api, opener } = service()
    expect(await api.openExternal({ url: 'https://news.sciencenet.cn/htmlnews/2023/3/497002.shtm' })).toEqual({ opened: true })
    expect(await api.openExternal({ url: 'http://www.kostec.re.kr' })).toEqual({ opened: true })
    expect(opener.mock.calls).toEqual([
      ['https://news.sciencenet.cn/htmlnews/2023/3/497002.shtm'],
      ['http://www.kostec.re.kr/']
    ])
  })

  const refused = [
    'javascript:alert(1)', 'JavaScript:alert(1)', 'file:///etc/passwd', 'file://server/share/x.exe',
    'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'smb://host/share', 'mailto:a@b.c',
    'ms-settings:', '//evil.example/x', '/relative', 'not a url', '', 'https://user:pw@example.com/',
    ' https://example.com'
  ]
  for (const url of refused) {
    test(`refuses ${JSON.stringify(url)} without calling the opener`, async () => {
      const { api, opener } = service()
      expect(await api.openExternal({ url })).toEqual({ opened: false })
      expect(opener).not.toHaveBeenCalled()
    })
  }
})

describe('createApiService', () => {
  test('lists, gets and updates through the store and the settings', async () => {
    await store.importBytes('a.txt', new TextEncoder().encode(fictionalBriefing({ published: '2024-01-05' })))
    const { api } = service()
    expect((await api.listBriefings({})).map((s) => s.id)).toEqual(['kostec-weekly-2024-01-05'])
    expect((await api.getBriefing({ id: 'kostec-weekly-2024-01-05' }))?.published).toBe('2024-01-05')
    expect(await api.getBriefing({ id: 'nope' })).toBeNull()
    expect(await api.updateSettings({ zoom: 1.25 })).toEqual({ locale: 'ko', theme: 'system', zoom: 1.25, contentsSidebar: true, readingWidth: 'normal' })
    expect(await api.getSettings({})).toMatchObject({ zoom: 1.25 })
    expect(await api.getAppInfo({})).toEqual({ version: '0.1.0', archiveDir: store.dir, archiveIsDefault: true, userDataDir: '/u', windowZoom: false })
  })

  test('zooms the whole window when the zoom setting changes, and says so in the app info', async () => {
    const zooms: number[] = []
    const { api } = service(undefined, (factor) => void zooms.push(factor))
    expect(await api.getAppInfo({})).toMatchObject({ windowZoom: true })
    await api.updateSettings({ theme: 'dark' })
    await api.updateSettings({ zoom: 1.5 })
    expect(zooms).toEqual([1.5])
  })
})

describe('ensureSampleArchive', () => {
  test('imports every .txt file of the sample folder into an empty archive, once', async () => {
    const samples = join(dir, 'samples')
    await mkdir(samples)
    await writeFile(join(samples, 'b.txt'), fictionalBriefing({ published: '2024-02-02' }))
    await writeFile(join(samples, 'a.txt'), fictionalBriefing({ published: '2024-01-05' }))
    await writeFile(join(samples, 'README.md'), '# not a briefing')
    const outcomes = await ensureSampleArchive(store, samples)
    expect(outcomes.map((o) => [o.file, o.status])).toEqual([['a.txt', 'imported'], ['b.txt', 'imported']])
    expect(await ensureSampleArchive(store, samples)).toEqual([])
    expect(await store.list()).toHaveLength(2)
  })

  test('reports a missing sample folder instead of throwing', async () => {
    const outcomes = await ensureSampleArchive(store, join(dir, 'nowhere'))
    expect(outcomes).toEqual([expect.objectContaining({ status: 'failed', error: expect.stringMatching(/folder not found/) })])
  })
})

describe('search through the API service', () => {
  test('imports become searchable after a refresh, with snippets, matches and facets', async () => {
    const { api, search } = service()
    const outcome = await store.importBytes('one.txt', new TextEncoder().encode(fictionalBriefing({ published: '2024-03-08' })))
    expect(outcome.status).toBe('imported')
    await search.refresh()
    const status = await api.indexStatus({})
    expect(status).toMatchObject({ state: 'ready', built: 1 })
    expect(status.items).toBeGreaterThan(0)
    const briefing = await store.get(outcome.status === 'imported' ? outcome.briefingId : '')
    const title = briefing?.sections[0].items[0].title ?? ''
    const word = /[\p{Script=Hangul}]{2,}/u.exec(title)?.[0] ?? ''
    const r = await api.search({ query: word, limit: 5 })
    expect(r.total).toBeGreaterThan(0)
    expect(r.hits[0].matches).toContain(word)
    const found = await api.findInBriefing({ briefingId: briefing?.id ?? '', query: word })
    expect(found.items.length).toBeGreaterThan(0)
    search.close()
  })
})
