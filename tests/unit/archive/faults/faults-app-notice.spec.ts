/**
 * The app's notice of the archive's repairs (issue 8, defect 10: "store warnings are never shown"): the
 * main-process API answers archiveWarnings with what the store and the index repaired, and with why an
 * archive folder cannot be used.
 */
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { ArchiveSearch } from '../../../../archive/storage/archive-search.ts'
import { openArchiveStore } from '../../../../archive/storage/index.ts'
import { createApiService } from '../../../../electron/main/services/api-service.ts'
import type { SettingsBackend } from '../../../../electron/main/services/settings-store.ts'
import { unusedNotesApi } from '../../../helpers/unused-notes-api.ts'
import { buildArchive, shardOf, tempDir } from './fault-kit.ts'

const cleanups: Array<() => void> = []
afterAll(() => {
  while (cleanups.length) cleanups.pop()?.()
})

const settings: SettingsBackend = {
  path: '/memory/settings.json',
  getSettings: () => ({ locale: 'ko', theme: 'system', zoom: 1, contentsSidebar: true, readingWidth: 'normal' as const }),
  updateSettings: (patch) => ({ locale: 'ko', theme: 'system', zoom: 1, contentsSidebar: true, readingWidth: 'normal' as const, ...patch }),
  getWindowState: () => undefined,
  setWindowState: () => undefined,
  getArchiveDir: () => undefined,
  setArchiveDir: () => undefined,
  getReadingPlace: () => undefined,
  setReadingPlace: () => undefined
}

async function apiOn(dir: string): Promise<ReturnType<typeof createApiService>> {
  const store = openArchiveStore(dir, { onWarning: () => undefined })
  const search = new ArchiveSearch(store, { onProgress: () => undefined })
  cleanups.push(() => search.close())
  await search.refresh()
  return createApiService({
    archive: () => ({ dir, store, search }),
    settings,
    openExternal: async () => undefined,
    appInfo: { version: '0', userDataDir: '/u' },
    notes: unusedNotesApi(),
    noteSets: () => ({ bookmarked: new Set(), annotated: new Set(), tags: new Map(), colors: new Map() })
  })
}

describe('archiveWarnings', () => {
  test('nothing to tell on a sound archive', async () => {
    const dir = tempDir('notice-', cleanups)
    await buildArchive(dir)
    expect(await (await apiOn(dir)).archiveWarnings({})).toEqual({ warnings: [] })
  })

  test('the repairs of a damaged archive: a shard rebuilt, a briefing re-parsed', async () => {
    const dir = tempDir('notice-', cleanups)
    await buildArchive(dir)
    rmSync(join(dir, shardOf(dir, '2025', 'txt')))
    writeFileSync(join(dir, 'briefings', 'briefing-2024-05-10.json'), '{"half')
    const answer = await (await apiOn(dir)).archiveWarnings({})
    expect(answer.error).toBeUndefined()
    expect(answer.warnings.map((w) => w.file)).toEqual(['briefings/briefing-2024-05-10.json', expect.stringMatching(/^index\/2025-[0-9a-f]{16}$/)])
    expect(answer.warnings[0].message).toBe('corrupt JSON; re-parsed from sources/briefing-2024-05-10.txt')
    expect(answer.warnings[1].message).toMatch(/file not found; rebuilt from the briefings$/)
  })

  test('a folder that is not an archive: why, untouched', async () => {
    const dir = tempDir('notice-user-', cleanups)
    writeFileSync(join(dir, 'thesis.docx'), 'mine')
    const answer = await (await apiOn(dir)).archiveWarnings({})
    expect(answer.error).toMatch(/not a Briefing Reader archive \(no archive\.json\) and it holds other files \(thesis\.docx\)/)
  })
})
