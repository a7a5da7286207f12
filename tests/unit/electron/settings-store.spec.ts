import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'

// electron-store imports `electron`; under plain Node that import only works with this set first.
process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent'
const { createSettingsStore, DEFAULT_SETTINGS } = await import('../../../electron/main/services/settings-store.ts')

let dir: string
let logged: string[]
const log = (message: string): void => void logged.push(message)
const now = (): Date => new Date('2024-01-05T09:30:00.000Z')

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'settings-store-'))
  logged = []
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('createSettingsStore', () => {
  test('starts from the defaults (ko, system, zoom 1, contents shown, normal width) without a window state', () => {
    const store = createSettingsStore(dir, { log })
    expect(store.getSettings()).toEqual({ locale: 'ko', theme: 'system', zoom: 1, contentsSidebar: true, readingWidth: 'normal' })
    expect(DEFAULT_SETTINGS).toEqual({ locale: 'ko', theme: 'system', zoom: 1, contentsSidebar: true, readingWidth: 'normal' })
    expect(store.getWindowState()).toBeUndefined()
    expect(store.path).toBe(join(dir, 'settings.json'))
  })

  test('persists settings and window state across instances', () => {
    const first = createSettingsStore(dir, { log })
    expect(first.updateSettings({ theme: 'dark', zoom: 1.5 })).toEqual({ locale: 'ko', theme: 'dark', zoom: 1.5, contentsSidebar: true, readingWidth: 'normal' })
    expect(first.updateSettings({ locale: undefined })).toEqual({ locale: 'ko', theme: 'dark', zoom: 1.5, contentsSidebar: true, readingWidth: 'normal' })
    first.setWindowState({ x: 10, y: 20, width: 1280, height: 800, maximized: false })
    const second = createSettingsStore(dir, { log })
    expect(second.getSettings()).toEqual({ locale: 'ko', theme: 'dark', zoom: 1.5, contentsSidebar: true, readingWidth: 'normal' })
    expect(second.getWindowState()).toEqual({ x: 10, y: 20, width: 1280, height: 800, maximized: false })
    expect(logged).toEqual([])
  })

  test('remembers the search results\' order (absent until chosen) across instances', () => {
    expect(createSettingsStore(dir, { log }).getSettings().searchSort).toBeUndefined()
    createSettingsStore(dir, { log }).updateSettings({ searchSort: 'date' })
    expect(createSettingsStore(dir, { log }).getSettings().searchSort).toBe('date')
    expect(logged).toEqual([])
  })

  test('refuses an invalid value without touching the file', async () => {
    const store = createSettingsStore(dir, { log })
    store.updateSettings({ zoom: 2 })
    const before = await readFile(store.path, 'utf8')
    expect(() => store.updateSettings({ zoom: 9 })).toThrow(/schema/i)
    expect(await readFile(store.path, 'utf8')).toBe(before)
  })

  const corrupt = [
    { name: 'truncated JSON', content: '{"settings": {"locale": "en", "the' },
    { name: 'an empty file', content: '' },
    { name: 'NUL bytes', content: '\0'.repeat(64) },
    { name: 'JSON the schema rejects', content: '{"settings": {"locale": "fr", "theme": "dark", "zoom": 1}}' }
  ]
  for (const c of corrupt) {
    test(`quarantines ${c.name} byte-for-byte, logs it and uses the defaults`, async () => {
      await writeFile(join(dir, 'settings.json'), c.content)
      const store = createSettingsStore(dir, { log, now })
      expect(store.getSettings()).toEqual(DEFAULT_SETTINGS)
      const quarantined = join(dir, 'settings.corrupt-2024-01-05T09-30-00-000Z.json')
      expect(await readFile(quarantined, 'utf8')).toBe(c.content)
      expect(logged).toHaveLength(1)
      expect(logged[0]).toMatch(/could not be read; moved to .*settings\.corrupt-2024-01-05T09-30-00-000Z\.json/)
      store.updateSettings({ locale: 'en' })
      expect(createSettingsStore(dir, { log }).getSettings().locale).toBe('en')
      expect((await readdir(dir)).sort()).toEqual(['settings.corrupt-2024-01-05T09-30-00-000Z.json', 'settings.json'])
    })
  }

  test('falls back to memory when the folder cannot hold the file', async () => {
    const notADir = join(dir, 'file')
    await writeFile(notADir, 'x')
    const store = createSettingsStore(notADir, { log })
    expect(store.updateSettings({ zoom: 2 })).toMatchObject({ zoom: 2 })
    expect(store.getSettings().zoom).toBe(2)
    expect(logged[0]).toMatch(/will not be saved/)
  })

  test('keeps where each briefing was left across a reopen, the newest 500', () => {
    const first = createSettingsStore(dir, { log })
    expect(first.getReadingPlace('a')).toBeUndefined()
    first.setReadingPlace({ briefingId: 'a', itemId: 'a/I-02', fraction: 0.25 })
    first.setReadingPlace({ briefingId: 'b', itemId: null, fraction: 0 })
    first.setReadingPlace({ briefingId: 'a', itemId: 'a/I-03', fraction: 0.5 })
    const second = createSettingsStore(dir, { log })
    expect(second.getReadingPlace('a')).toEqual({ briefingId: 'a', itemId: 'a/I-03', fraction: 0.5 })
    expect(second.getReadingPlace('b')).toEqual({ briefingId: 'b', itemId: null, fraction: 0 })
    expect(second.getReadingPlace('__proto__')).toBeUndefined()
    for (let i = 0; i < 500; i++) second.setReadingPlace({ briefingId: `x${i}`, itemId: null, fraction: 0 })
    expect(second.getReadingPlace('b')).toBeUndefined()
    expect(second.getReadingPlace('x0')).toBeDefined()
    expect(second.updateSettings({ contentsSidebar: false, readingWidth: 'wide' })).toMatchObject({ contentsSidebar: false, readingWidth: 'wide' })
    expect(logged).toEqual([])
  })
})
