/**
 * Changing the archive folder at run time (Settings ▸ 보관함 폴더), through the same composition the app and
 * the test bridge use (tests/e2e/bridge-server.ts builds the services as electron/main/index.ts does): the
 * archive sessions, the API, notes and import services, real stores and the real search index in workers.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { generateBriefings } from '../../../archive/sample/generate.ts'
import { openArchiveStore } from '../../../archive/storage/index.ts'
import { IMPORT_RUNNING } from '../../../electron/main/services/archive-session.ts'
import { createSearchService } from '../../../electron/main/services/search-service.ts'
import type { ApiEvent, ApiEvents } from '../../../electron/shared/ipc-contract.ts'
import { createRealServices, type RealServices } from '../../e2e/bridge-server.ts'
import { fictionalBriefing } from '../../helpers/fictional-briefing.ts'

let root: string
let services: RealServices | undefined
let seen: Array<{ event: ApiEvent; payload: unknown }>

const encode = (text: string): Uint8Array => new TextEncoder().encode(text)

/** The app on a default archive holding one fictional briefing, events recorded from then on. */
async function start(userData = join(root, 'user-data')): Promise<RealServices> {
  const app = await createRealServices(join(root, 'default-archive'), userData)
  services = app
  await app.store.importBytes('a.txt', encode(fictionalBriefing({ published: '2024-01-05' })))
  await app.searchService.refresh()
  seen = []
  app.events.listen((event, payload) => void seen.push({ event, payload }))
  return app
}

async function stop(): Promise<void> {
  if (!services) return
  await services.sessions.close()
  await services.notesStore.close()
  services = undefined
}

/** A second archive with two generated briefings and its index built and saved. */
async function teamArchive(dir: string): Promise<string[]> {
  const store = openArchiveStore(dir, { onWarning: () => undefined })
  const ids: string[] = []
  await mkdir(join(root, 'files'), { recursive: true })
  for (const generated of generateBriefings(2, { seed: 7, startDate: '2031-03-07' })) {
    const file = join(root, 'files', generated.fileName)
    await writeFile(file, generated.text)
    const outcome = await store.importFile(file)
    if (outcome.status === 'failed') throw new Error(outcome.error)
    ids.push(outcome.briefingId)
  }
  const index = createSearchService(store)
  await index.ready
  expect(index.search.progress()).toMatchObject({ state: 'ready', built: 1 })
  await index.close()
  return ids.sort()
}

const events = <E extends ApiEvent>(name: E): Array<ApiEvents[E]> =>
  seen.filter((e) => e.event === name).map((e) => e.payload as ApiEvents[E])

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'archive-switch-'))
})
afterEach(async () => {
  await stop()
  await rm(root, { recursive: true, force: true })
})

describe('choosing the archive folder', () => {
  test('an empty folder is made an archive: an empty library, its index built, the choice remembered', async () => {
    const app = await start()
    const before = app.searchService
    const empty = join(root, 'empty')
    await mkdir(empty)
    app.archiveFolderPath = empty
    expect(await app.api.chooseArchiveFolder({})).toEqual({ archiveDir: empty })
    expect(JSON.parse(await readFile(join(empty, 'archive.json'), 'utf8'))).toEqual({ format: 1 })
    expect(await app.api.listBriefings({})).toEqual([])
    await app.searchService.ready
    expect(await app.api.indexStatus({})).toMatchObject({ state: 'ready', items: 0 })
    expect((await app.api.search({ query: '가상시' })).total).toBe(0)
    expect(await app.api.getAppInfo({})).toMatchObject({ archiveDir: empty, archiveIsDefault: false })
    // the old index is closed (its shards let go) and the renderer is told to list again
    expect(app.searchService).not.toBe(before)
    expect(before.search.size()).toBe(0)
    expect(events('libraryChanged')).toEqual([{ briefingIds: [] }])
    expect(events('indexProgress').at(-1)).toMatchObject({ state: 'ready', items: 0 })
    expect(events('indexProgress').some((p) => p.items !== 0)).toBe(false) // nothing from the old index
    expect(JSON.parse(await readFile(join(root, 'user-data', 'settings.json'), 'utf8'))).toMatchObject({ archiveDir: empty })
  })

  test('a folder that does not exist yet is created (the dialog can make one)', async () => {
    const app = await start()
    app.archiveFolderPath = join(root, 'new', 'team')
    expect(await app.api.chooseArchiveFolder({})).toEqual({ archiveDir: join(root, 'new', 'team') })
    expect(existsSync(join(root, 'new', 'team', 'archive.json'))).toBe(true)
  })

  test('an existing archive opens with its briefings, its index loaded and not rebuilt, and back to the default', async () => {
    const team = join(root, 'team')
    const ids = await teamArchive(team)
    const app = await start()
    const note = await app.api.addItemNote({
      briefingId: 'kostec-weekly-2024-01-05',
      itemId: 'kostec-weekly-2024-01-05/I-01',
      text: '내 메모'
    })
    app.archiveFolderPath = team
    expect(await app.api.chooseArchiveFolder({})).toEqual({ archiveDir: team })
    expect((await app.api.listBriefings({})).map((b) => b.id).sort()).toEqual(ids)
    await app.searchService.ready
    expect(await app.api.indexStatus({})).toMatchObject({ state: 'ready', loaded: 1, built: 0 })
    const briefing = await app.api.getBriefing({ id: ids[0] })
    const word = /[\p{Script=Hangul}]{2,}/u.exec(briefing?.sections[0].items[0].title ?? '')?.[0] ?? ''
    expect(word).not.toBe('')
    const found = await app.api.search({ query: word })
    expect(found.total).toBeGreaterThan(0)
    expect(found.hits.every((h) => ids.includes(h.briefingId))).toBe(true)
    // the note stays in userData; its briefing is not in this archive, so it is listed as detached
    const detached = await app.api.queryNotes({})
    expect(detached.views.map((v) => [v.annotation.id, v.detached === true])).toEqual([[note.id, true]])
    expect(events('notesChanged').at(-1)).toEqual({ briefingIds: ['kostec-weekly-2024-01-05'] })

    expect(await app.api.useDefaultArchiveFolder({})).toEqual({ archiveDir: join(root, 'default-archive') })
    expect((await app.api.listBriefings({})).map((b) => b.id)).toEqual(['kostec-weekly-2024-01-05'])
    await app.searchService.ready
    expect(await app.api.indexStatus({})).toMatchObject({ state: 'ready', built: 0 })
    expect((await app.api.search({ query: '가상시' })).total).toBeGreaterThan(0)
    expect(await app.api.getAppInfo({})).toMatchObject({ archiveDir: join(root, 'default-archive'), archiveIsDefault: true })
    const attached = await app.api.queryNotes({})
    expect(attached.views.map((v) => [v.annotation.id, v.detached === true])).toEqual([[note.id, false]])
    expect(JSON.parse(await readFile(join(root, 'user-data', 'settings.json'), 'utf8'))).not.toHaveProperty('archiveDir')
  })

  test('a folder with other files and no archive.json is refused with its reason; nothing changes', async () => {
    const app = await start()
    const documents = join(root, 'documents')
    await mkdir(documents)
    await writeFile(join(documents, 'report.docx'), 'not an archive')
    app.archiveFolderPath = documents
    const refused = await app.api.chooseArchiveFolder({}).then(
      () => undefined,
      (error: unknown) => error as Error
    )
    expect(refused?.message).toMatch(/^archive .*documents: not a Briefing Reader archive \(no archive\.json\) and it holds other files \(report\.docx\); nothing was changed/)
    expect(refused?.message).not.toContain('\n')
    expect(await readdir(documents)).toEqual(['report.docx'])
    // the old archive still answers, and nothing was told or saved
    expect(await app.api.getAppInfo({})).toMatchObject({ archiveDir: join(root, 'default-archive'), archiveIsDefault: true })
    expect((await app.api.listBriefings({})).map((b) => b.id)).toEqual(['kostec-weekly-2024-01-05'])
    expect((await app.api.search({ query: '가상시' })).total).toBeGreaterThan(0)
    expect(seen).toEqual([])
    expect(JSON.parse(await readFile(join(root, 'user-data', 'settings.json'), 'utf8'))).not.toHaveProperty('archiveDir')
  })

  test('a cancelled dialog changes nothing', async () => {
    const app = await start()
    app.archiveFolderPath = null
    expect(await app.api.chooseArchiveFolder({})).toBeNull()
    expect(await app.api.getAppInfo({})).toMatchObject({ archiveIsDefault: true })
    expect(seen).toEqual([])
  })

  test('is refused while an import runs, saying so; the import lands in the archive it started in', async () => {
    const team = join(root, 'team')
    await teamArchive(team)
    const app = await start()
    let release: () => void = () => undefined
    let arrived: () => void = () => undefined
    const held = new Promise<void>((resolve) => (arrived = resolve))
    app.importGate = () =>
      new Promise<void>((resolve) => {
        release = resolve
        arrived()
      })
    const inbox = join(root, 'inbox')
    await mkdir(inbox)
    await writeFile(join(inbox, 'b.txt'), fictionalBriefing({ published: '2024-02-02' }))
    app.importPaths = [inbox]
    const importing = app.api.importFiles({})
    await held
    app.archiveFolderPath = team
    await expect(app.api.chooseArchiveFolder({})).rejects.toThrow(IMPORT_RUNNING)
    await expect(app.api.useDefaultArchiveFolder({})).rejects.toThrow(IMPORT_RUNNING)
    release()
    expect((await importing)?.counts.imported).toBe(1)
    expect((await app.api.listBriefings({})).map((b) => b.id)).toEqual(['kostec-weekly-2024-02-02', 'kostec-weekly-2024-01-05'])
    // once it has finished the switch goes through
    app.importGate = null
    expect(await app.api.chooseArchiveFolder({})).toEqual({ archiveDir: team })
    expect((await app.api.listBriefings({})).some((b) => b.id.startsWith('kostec-weekly-2024'))).toBe(false)
  })
})

describe('the chosen folder at the next start', () => {
  test('is opened again', async () => {
    const team = join(root, 'team')
    const ids = await teamArchive(team)
    const app = await start()
    app.archiveFolderPath = team
    await app.api.chooseArchiveFolder({})
    await stop()
    const again = await createRealServices(join(root, 'default-archive'), join(root, 'user-data'))
    services = again
    expect(await again.api.getAppInfo({})).toMatchObject({ archiveDir: team, archiveIsDefault: false })
    expect((await again.api.listBriefings({})).map((b) => b.id).sort()).toEqual(ids)
    await again.searchService.ready
    expect(await again.api.indexStatus({})).toMatchObject({ state: 'ready', built: 0 })
  })

  test('that is gone (a shared folder not connected) is not created: every call says why, and the default is a click away', async () => {
    const app = await start()
    const share = join(root, 'share', 'team')
    app.archiveFolderPath = share
    await app.api.chooseArchiveFolder({})
    await stop()
    await rm(join(root, 'share'), { recursive: true })
    const again = await createRealServices(join(root, 'default-archive'), join(root, 'user-data'))
    services = again
    await again.searchService.ready
    expect(existsSync(share)).toBe(false)
    const reason = /folder not found \(a shared folder not connected\?\)/
    await expect(again.api.listBriefings({})).rejects.toThrow(reason)
    expect((await again.api.archiveWarnings({})).error).toMatch(reason)
    expect(await again.api.useDefaultArchiveFolder({})).toEqual({ archiveDir: join(root, 'default-archive') })
    expect((await again.api.listBriefings({})).map((b) => b.id)).toEqual(['kostec-weekly-2024-01-05'])
  })
})
