import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Conf from 'conf'
import { afterEach, describe, expect, test } from 'vitest'
import { emptyNotes, NOTES_FORMAT, notesDataSchema, type Annotation, type Highlight, type NotesData } from '../../../archive/notes/model.ts'
import { NotesFileError } from '../../../archive/notes/notes-file-error.ts'
import { formatOf, MIGRATIONS, migrateNotes, notesJsonSchema, notesStoreOptions } from '../../../archive/notes/store-schema.ts'
import {
  BACKUPS_KEPT,
  listNotesBackups,
  localDay,
  notesStoreFile,
  notesStoreLocked,
  openNotesStore,
  type NotesStore,
  type NotesStoreOptions
} from '../../../archive/storage/notes-store.ts'
import { generatedAnnotations } from '../../helpers/generated-notes.ts'

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/notes')
const V0 = join(FIXTURES, 'store-v0.json')

const dirs: string[] = []
const opened: NotesStore[] = []
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'notes-store-'))
  dirs.push(dir)
  return dir
}

/** A clock the test moves: starts at noon local time on 2026-03-02. */
function clock(start = new Date(2026, 2, 2, 12, 0, 0)): { now: () => Date; set(d: Date): void; days(n: number): void } {
  let current = start
  return {
    now: () => new Date(current),
    set: (d) => void (current = d),
    days: (n) => void (current = new Date(current.getFullYear(), current.getMonth(), current.getDate() + n, 12))
  }
}

const confOpen: NotesStoreOptions['open'] = (options) => new Conf<NotesData>(options)

async function open(file: string, options: Partial<NotesStoreOptions> = {}): Promise<NotesStore> {
  const store = await openNotesStore(file, { open: confOpen, onWarning: (m) => { throw new Error(`unexpected warning: ${m}`) }, ...options })
  opened.push(store)
  return store
}

async function closeAll(): Promise<void> {
  for (const store of opened.splice(0)) await store.close()
}

const serialize = (data: NotesData): string => JSON.stringify(data, undefined, '\t')
const storeWith = (annotations: Annotation[]): NotesData => ({ ...emptyNotes(), annotations })
const filesIn = (dir: string): string[] => readdirSync(dir).sort()
const backupsIn = (dir: string): string[] => (existsSync(join(dir, 'backups')) ? filesIn(join(dir, 'backups')) : [])

describe('the options object', () => {
  test('conf and electron-store open the same file with it, and the schema is the zod model', async () => {
    const dir = tempDir()
    const options = notesStoreOptions(dir)
    const conf = new Conf<NotesData>(options)
    expect(conf.path).toBe(join(dir, 'notes.json'))
    expect(conf.store).toEqual(emptyNotes())
    process.env.ELECTRON_OVERRIDE_DIST_PATH ??= '/nonexistent'
    const { default: ElectronStore } = await import('electron-store')
    const electron = new ElectronStore<NotesData>(notesStoreOptions(dir) as ConstructorParameters<typeof ElectronStore<NotesData>>[0])
    expect(electron.path).toBe(conf.path)
    expect(electron.store).toEqual(emptyNotes())
    expect(Object.keys(notesJsonSchema())).toEqual(['format', 'annotations', 'trash', 'colorMeanings'])
    expect(options).toMatchObject({ clearInvalidConfig: false, watch: false, configName: 'notes', name: 'notes' })
    expect(options).not.toHaveProperty('migrations')
  })

  test('Ajv counts lengths as zod does (code points), so the two never disagree', () => {
    const conf = new Conf<NotesData>(notesStoreOptions(tempDir()))
    const [a] = generatedAnnotations(1)
    const longest = '🦄'.repeat(64) // 64 code points, 128 UTF-16 units: the longest tag for both
    expect(notesDataSchema.safeParse(storeWith([{ ...a, tags: [longest] }])).success).toBe(true)
    conf.store = storeWith([{ ...a, tags: [longest] }])
    expect(notesDataSchema.safeParse(storeWith([{ ...a, tags: [longest + 'x'] }])).success).toBe(false)
    expect(() => (conf.store = storeWith([{ ...a, tags: [longest + 'x'] }]))).toThrow(/schema violation/)
  })

  test('conf refuses a write the schema rejects and leaves the file as it was', () => {
    const dir = tempDir()
    const conf = new Conf<NotesData>(notesStoreOptions(dir))
    conf.store = storeWith(generatedAnnotations(2))
    const before = readFileSync(conf.path)
    const bad = { ...generatedAnnotations(1)[0], color: 'pink' } as unknown as Annotation
    expect(() => (conf.store = storeWith([bad]))).toThrow(/schema violation/)
    expect(() => (conf.store = { ...emptyNotes(), extra: 1 } as unknown as NotesData)).toThrow(/schema violation/)
    expect(readFileSync(conf.path)).toEqual(before)
  })
})

describe('operations', () => {
  test('each change is saved at once, atomically: the file holds it and no temp file is left', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const time = clock()
    const store = await open(file, { now: time.now })
    const [a, b, c] = generatedAnnotations(3)
    const onDisk = (): NotesData => notesDataSchema.parse(JSON.parse(readFileSync(file, 'utf8')))

    store.add(a)
    store.add(b)
    expect(onDisk().annotations.map((x) => x.id)).toEqual([a.id, b.id])
    expect(store.get(a.id)).toEqual(a)
    expect(() => store.add(a)).toThrow(/exists already/)
    expect(() => store.add({ ...c, color: 'pink' } as unknown as Annotation)).toThrow(/invalid annotation: color/)

    time.set(new Date(2026, 2, 2, 13))
    const updated = store.update(a.id, { tags: ['반도체', '후속'] })
    expect(updated.modified).toBe(new Date(2026, 2, 2, 13).toISOString())
    expect(onDisk().annotations[0]).toEqual(updated)
    // a clock that went back never makes `modified` go back
    time.set(new Date(2026, 2, 2, 11))
    expect(Date.parse(store.update(a.id, { comment: 'x' } as Partial<Highlight>).modified)).toBeGreaterThan(Date.parse(updated.modified))
    expect(() => store.update(a.id, { color: 'pink' } as unknown as Partial<Highlight>)).toThrow(/invalid annotation/)

    const entry = store.remove(b.id)
    expect(entry.annotation).toEqual(b)
    expect(onDisk().trash).toEqual([entry])
    expect(store.list().map((x) => x.id)).toEqual([a.id])
    expect(store.restore(b.id)).toEqual(b)
    expect(onDisk().trash).toEqual([])
    expect(() => store.restore(b.id)).toThrow(/not in the trash/)

    store.setColorMeanings({ ...store.colorMeanings(), yellow: '핵심' })
    expect(onDisk().colorMeanings.yellow).toBe('핵심')
    expect(() => store.setColorMeanings({ ...store.colorMeanings(), red: '' })).toThrow(/colour meanings/)

    expect(store.list({ kind: 'highlight' }).every((x) => x.kind === 'highlight')).toBe(true)
    expect(store.list({ briefingId: b.briefingId }).map((x) => x.id)).toEqual([b.id])
    expect(() => ((store.list()[0] as { tags: string[] }).tags = [])).toThrow(TypeError)

    expect(filesIn(dir).filter((n) => n.includes('.tmp') || n.includes('tmp-'))).toEqual([])
    expect(readFileSync(file, 'utf8')).toBe(serialize(onDisk()))
    await store.close()
    expect(() => store.add(c)).toThrow(/closed/)
    const again = await open(file, { now: time.now })
    expect(again.list()).toEqual(onDisk().annotations)
  })

  test('the trash keeps an entry 30 days; purging happens when a writer opens the store', async () => {
    const file = join(tempDir(), 'notes.json')
    const time = clock()
    const store = await open(file, { now: time.now })
    const [a, b] = generatedAnnotations(2)
    store.add(a)
    store.add(b)
    store.remove(a.id)
    time.days(20)
    store.remove(b.id)
    time.days(11)
    expect(store.purgeTrash()).toBe(1)
    expect(store.trash().map((e) => e.annotation.id)).toEqual([b.id])
    await closeAll()
    time.days(30)
    expect((await open(file, { now: time.now })).trash()).toEqual([])
  })

  test('a folder, existing or not yet (no extension), means <folder>/notes.json', async () => {
    const dir = tempDir()
    expect(notesStoreFile(dir)).toBe(join(dir, 'notes.json'))
    expect(notesStoreFile(join(dir, 'user-data'))).toBe(join(dir, 'user-data', 'notes.json'))
    expect(notesStoreFile(join(dir, 'mine.json'))).toBe(join(dir, 'mine.json'))
    const store = await open(join(dir, 'user-data'))
    expect(store.file).toBe(join(dir, 'user-data', 'notes.json'))
    expect(existsSync(store.file)).toBe(true)
  })

  test('rewrite replaces by id and keeps modified', async () => {
    const store = await open(join(tempDir(), 'notes.json'))
    const [a] = generatedAnnotations(1) as Highlight[]
    store.add(a)
    store.rewrite([{ ...a, itemId: `${a.briefingId}/I-09`, position: { start: 1, end: 5 } }])
    expect(store.get(a.id)).toMatchObject({ itemId: `${a.briefingId}/I-09`, modified: a.modified })
  })
})

describe('damaged files', () => {
  const cases: Array<[string, (good: string) => Uint8Array]> = [
    ['truncated JSON', (good) => Buffer.from(good.slice(0, Math.floor(good.length / 2)))],
    ['zero bytes', (good) => new Uint8Array(good.length)],
    ['an empty file', () => new Uint8Array(0)],
    ['JSON that fails the schema', (good) => Buffer.from(good.replace('"yellow"', '"pink"'))],
    ['JSON that is not a store', () => Buffer.from('[1, 2, 3]')]
  ]

  test.each(cases)('%s is set aside byte-identical and the newest good backup restored', async (_name, damage) => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const time = clock()
    const all = generatedAnnotations(6)
    // three days of backups: 2, 4 notes, then a backup that does not pass the schema (never restored)
    for (const n of [2, 4]) {
      const store = await open(file, { now: time.now })
      for (const a of all.slice(n - 2, n)) store.add(a)
      await closeAll()
      time.days(1)
    }
    const goodNewest = (await open(file, { now: time.now })).list()
    await closeAll()
    const names = backupsIn(dir)
    // day 1: kept at its second save (the first found an empty store); days 2 and 3: kept at open
    expect(names).toEqual(['notes-2026-03-02.json', 'notes-2026-03-03.json', 'notes-2026-03-04.json'])
    writeFileSync(join(dir, 'backups', 'notes-2026-03-05.json'), '{"format": 1, "annotations": "nope"}')

    const bad = damage(serialize(storeWith(all.slice(0, 5))))
    writeFileSync(file, bad)
    time.days(1)
    const store = await open(file, { now: time.now, onWarning: () => {} })
    expect(store.recovered).toBeDefined()
    const notice = store.recovered!
    expect(notice.badFile).toBe(`${file}.corrupt-${time.now().toISOString().replace(/[:.]/g, '-')}`)
    expect(readFileSync(notice.badFile)).toEqual(Buffer.from(bad))
    expect(notice.backup).toBe(join(dir, 'backups', 'notes-2026-03-04.json'))
    expect(notice.reason).not.toMatch(/\n/)
    expect(store.list()).toEqual(goodNewest)
    expect(notesDataSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).annotations).toEqual(goodNewest)
    // the bad file never becomes a backup
    for (const name of backupsIn(dir)) expect(readFileSync(join(dir, 'backups', name))).not.toEqual(Buffer.from(bad))
    // and today's damaged backup was replaced by a good one of the restored store
    await store.close()
    expect(JSON.parse(readFileSync(join(dir, 'backups', 'notes-2026-03-05.json'), 'utf8')).annotations).toEqual(goodNewest)
  })

  test('the reasons name what is wrong', async () => {
    const reasons: string[] = []
    for (const [, damage] of cases) {
      const file = join(tempDir(), 'notes.json')
      writeFileSync(file, damage(serialize(storeWith(generatedAnnotations(3)))))
      reasons.push((await open(file)).recovered!.reason)
    }
    expect(reasons[0]).toMatch(/^not valid JSON/)
    expect(reasons[1]).toBe('the file is all zero bytes')
    expect(reasons[2]).toBe('the file is empty')
    expect(reasons[3]).toMatch(/^fails the schema: annotations\.0\.color/)
    expect(reasons[4]).toMatch(/^not a notes store/)
  })

  test('without a good backup the store starts empty, and says so', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    writeFileSync(file, '{"format":1,"annotations":[{')
    const store = await open(file)
    expect(store.recovered).toEqual({ reason: expect.stringMatching(/not valid JSON/), badFile: expect.stringContaining('notes.json.corrupt-') })
    expect(store.recovered).not.toHaveProperty('backup')
    expect(store.list()).toEqual([])
    expect(readFileSync(store.recovered!.badFile, 'utf8')).toBe('{"format":1,"annotations":[{')
  })

  test('read-only, a damaged file is refused and left where it is', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    writeFileSync(file, 'garbage')
    await expect(open(file, { readOnly: true })).rejects.toThrow(/notes\.json: cannot be read: not valid JSON/)
    expect(filesIn(dir)).toEqual(['notes.json'])
  })

  test('a file from a newer app is not damaged: opening fails and nothing is touched', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const newer = serialize({ ...storeWith(generatedAnnotations(2)), format: NOTES_FORMAT + 1 } as unknown as NotesData)
    writeFileSync(file, newer)
    const error = await open(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotesFileError)
    expect((error as NotesFileError).code).toBe('newer')
    expect((error as Error).message).toMatch(/written by a newer Briefing Reader \(format 2; this one reads up to 1\)/)
    expect(filesIn(dir)).toEqual(['notes.json'])
    expect(readFileSync(file, 'utf8')).toBe(newer)
    expect(notesStoreLocked(file)).toBe(false)
  })
})

describe('migrations', () => {
  test('a v0 file: the backup is taken first (byte-identical), then the file is migrated', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const v0 = readFileSync(V0)
    writeFileSync(file, v0)
    const time = clock()
    const store = await open(file, { now: time.now })
    expect(backupsIn(dir)).toEqual(['notes-2026-03-02-before-format-1.json', 'notes-2026-03-02.json'])
    expect(readFileSync(join(dir, 'backups', 'notes-2026-03-02-before-format-1.json'))).toEqual(v0)
    const migrated = notesDataSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
    expect(migrated.format).toBe(1)
    expect(migrated.trash).toEqual([])
    expect(migrated.colorMeanings).toMatchObject({ yellow: '핵심', red: '검토 필요' })
    expect(migrated.annotations.map((a) => a.tags)).toEqual([[], ['반도체'], []])
    expect(migrated.annotations[0]).toMatchObject({ kind: 'highlight', normalizer: 0 })
    expect(store.list()).toEqual(migrated.annotations)
    await closeAll()
    // opening again migrates nothing and takes no second backup that day
    await open(file, { now: time.now })
    expect(backupsIn(dir)).toHaveLength(2)
  })

  test('read-only, a v0 file is migrated in memory only', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    writeFileSync(file, readFileSync(V0))
    const store = await open(file, { readOnly: true })
    expect(store.list()).toHaveLength(3)
    expect(readFileSync(file)).toEqual(readFileSync(V0))
    expect(filesIn(dir)).toEqual(['notes.json'])
    expect(() => store.add(generatedAnnotations(1)[0])).toThrow(/read-only/)
  })

  test('the table: explicit, in order, idempotent; unknown shapes are refused', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual([...Array(NOTES_FORMAT).keys()])
    const v0 = JSON.parse(readFileSync(V0, 'utf8')) as Record<string, unknown>
    const copy = structuredClone(v0)
    const { data, from } = migrateNotes(v0)
    expect(from).toBe(0)
    expect(v0).toEqual(copy)
    expect(MIGRATIONS[0].up(structuredClone(data) as unknown as Record<string, unknown>)).toEqual(data)
    expect(migrateNotes(data)).toEqual({ data, from: 1 })
    expect(migrateNotes({ notes: [] }).data).toEqual(emptyNotes())
    expect(formatOf('x')).toBe(-1)
    expect(formatOf({ format: 1.5, annotations: [] })).toBe(-1)
    expect(() => migrateNotes({ settings: {} })).toThrow(/not a notes store/)
    expect(() => migrateNotes({ format: 9, annotations: [] })).toThrow(/newer Briefing Reader/)
  })
})

describe('backups', () => {
  test('daily: one a day at open, verified, the newest seven kept', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const time = clock()
    const all = generatedAnnotations(12)
    ;(await open(file, { now: time.now })).add(all[0])
    await closeAll()
    expect(backupsIn(dir)).toEqual([]) // the empty store of the first open has nothing to keep
    for (let day = 1; day <= 9; day++) {
      time.days(1)
      const store = await open(file, { now: time.now })
      store.add(all[day])
      await closeAll()
      await open(file, { now: time.now }) // a second open the same day takes no second backup
      await closeAll()
    }
    const names = backupsIn(dir)
    expect(names).toHaveLength(BACKUPS_KEPT)
    expect(names[0]).toBe('notes-2026-03-05.json')
    expect(names.at(-1)).toBe(`notes-${localDay(time.now())}.json`)
    // each holds the store as it was when that day's first open found it, and passes the schema
    const last = notesDataSchema.parse(JSON.parse(readFileSync(join(dir, 'backups', names.at(-1)!), 'utf8')))
    expect(last.annotations.map((a) => a.id)).toEqual(all.slice(0, 9).map((a) => a.id))
    expect(listNotesBackups(file)).toEqual(names.map((n) => join(dir, 'backups', n)).reverse())
    expect(listNotesBackups(dir)).toEqual(listNotesBackups(file))
  })

  test('the first save of a new day while the store is open keeps the day before', async () => {
    const dir = tempDir()
    const time = clock()
    const [a, b, c] = generatedAnnotations(3)
    const store = await open(join(dir, 'notes.json'), { now: time.now })
    store.add(a)
    store.add(b)
    time.days(1)
    store.add(c)
    await store.close()
    expect(backupsIn(dir)).toEqual(['notes-2026-03-02.json', 'notes-2026-03-03.json'])
    expect(JSON.parse(readFileSync(join(dir, 'backups', 'notes-2026-03-02.json'), 'utf8')).annotations).toEqual([a])
    const kept = notesDataSchema.parse(JSON.parse(readFileSync(join(dir, 'backups', 'notes-2026-03-03.json'), 'utf8')))
    expect(kept.annotations.map((x) => x.id)).toEqual([a.id, b.id])
  })

  test('a store elsewhere (--store FILE) keeps backups named after it', async () => {
    const dir = tempDir()
    const file = join(dir, 'project-notes.json')
    const store = await open(file)
    store.add(generatedAnnotations(1)[0])
    await closeAll()
    await open(file, { now: () => new Date(Date.now() + 86_400_000) })
    expect(backupsIn(dir)).toEqual([`project-notes-${localDay(new Date(Date.now() + 86_400_000))}.json`])
    expect(filesIn(dir)).toEqual(['backups', 'project-notes.json', 'project-notes.json.lock'])
  })
})

describe('the lock', () => {
  test('a second writer is refused with the message; read-only is allowed; close releases it', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const app = await open(file)
    app.add(generatedAnnotations(1)[0])
    expect(notesStoreLocked(file)).toBe(true)
    await expect(open(file)).rejects.toThrow(`notes store ${file} is open in Briefing Reader; close the app to write to it`)
    const reader = await open(file, { readOnly: true })
    expect(reader.list()).toEqual(app.list())
    await app.close()
    expect(notesStoreLocked(file)).toBe(false)
    const cli = await open(file)
    expect(cli.list()).toHaveLength(1)
  })

  test('another process is refused while this one holds the store', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    await open(file)
    const script = join(dir, 'second.ts')
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
    const confEntry = join(root, 'node_modules/conf/dist/source/index.js')
    writeFileSync(
      script,
      `import Conf from ${JSON.stringify(confEntry)}\n` +
        `import { openNotesStore } from ${JSON.stringify(join(root, 'archive/storage/notes-store.ts'))}\n` +
        `try { await openNotesStore(${JSON.stringify(file)}, { open: (o) => new Conf(o) }); console.log('opened') } catch (e) { console.log(e.message) }\n`
    )
    const node = join(root, 'node_modules/.bin/node')
    const child = spawnSync(existsSync(node) ? node : process.execPath, [script], { encoding: 'utf8', cwd: root })
    expect(child.stdout.trim() || child.stderr).toBe(`notes store ${file} is open in Briefing Reader; close the app to write to it`)
  })
})

describe('import', () => {
  test('idempotent by id: imported, then unchanged (no write), a later modified updates, an older one does not', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const store = await open(file)
    const list = generatedAnnotations(5)
    expect(store.importAnnotations(list)).toEqual(Array(5).fill('imported'))
    const bytes = readFileSync(file)
    expect(store.importAnnotations(list)).toEqual(Array(5).fill('unchanged'))
    expect(readFileSync(file)).toEqual(bytes)

    const later = { ...list[0], tags: ['새태그'], modified: '2030-01-01T00:00:00.000Z' }
    const older = { ...list[1], tags: ['옛태그'], modified: '2000-01-01T00:00:00.000Z' }
    expect(store.importAnnotations([later, older, list[2]])).toEqual(['updated', 'unchanged', 'unchanged'])
    expect(store.get(list[0].id)).toEqual(later)
    expect(store.get(list[1].id)).toEqual(list[1])

    // a deleted one stays deleted unless the imported copy is newer
    store.remove(list[3].id)
    expect(store.importAnnotations([list[3]])).toEqual(['unchanged'])
    expect(store.get(list[3].id)).toBeUndefined()
    expect(store.importAnnotations([{ ...list[3], modified: '2030-01-01T00:00:00.000Z' }])).toEqual(['updated'])
    expect(store.get(list[3].id)).toBeDefined()
    expect(store.trash()).toEqual([])

    // one invalid annotation: nothing is changed
    const before = readFileSync(file)
    const fresh = generatedAnnotations(8).slice(6)
    expect(() => store.importAnnotations([fresh[0], { ...fresh[1], color: 'pink' } as unknown as Annotation])).toThrow(/invalid annotation/)
    expect(readFileSync(file)).toEqual(before)
    expect(store.get(fresh[0].id)).toBeUndefined()
  })
})
