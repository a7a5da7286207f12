import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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
  readStoreBytes,
  NotesStoreLockedError,
  type NotesStore,
  type NotesStoreOptions
} from '../../../archive/storage/notes-store.ts'
import { generatedAnnotations } from '../../helpers/generated-notes.ts'
import { applyOps, checkpointLine, journalFile, readJournal } from '../../../archive/storage/notes-journal.ts'

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
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const isTemp = (name: string): boolean => name.includes('.tmp-')
/** Everything a change writes: the store file and its journal, as bytes. */
const storeBytes = (file: string): Buffer =>
  Buffer.concat([file, journalFile(file)].map((f) => (existsSync(f) ? readFileSync(f) : Buffer.from('<none>'))))

/**
 * The store as it is on disk: the store file (which, where present, parses and passes the schema) with its
 * journal replayed (every line whole and valid); no temp file is left beside it or its backups.
 */
function onDiskChecked(file: string): NotesData {
  const dir = dirname(file)
  expect([...filesIn(dir), ...backupsIn(dir)].filter(isTemp)).toEqual([])
  let data = emptyNotes()
  if (existsSync(file)) {
    const read = readStoreBytes(readFileSync(file))
    if (!read.ok) throw new Error(`store file not valid: ${read.reason}`)
    expect(read.from).toBe(NOTES_FORMAT)
    data = read.data
  }
  if (existsSync(journalFile(file))) {
    const journal = readJournal(readFileSync(journalFile(file)))
    expect(journal).toMatchObject({ torn: false, damaged: [] })
    for (const ops of journal.lines) data = applyOps(data, ops)
  }
  return data
}

/** A script file another Node process runs with the store module and conf (what the command line meets). */
function childScript(dir: string, body: string): string {
  const script = join(dir, `child-${Math.random().toString(16).slice(2, 8)}.ts`)
  writeFileSync(
    script,
    `import Conf from ${JSON.stringify(join(ROOT, 'node_modules/conf/dist/source/index.js'))}\n` +
      `import { openNotesStore } from ${JSON.stringify(join(ROOT, 'archive/storage/notes-store.ts'))}\n` +
      `const open = (o) => new Conf(o)\n` +
      body
  )
  return script
}
const nodeBin = (): string => (existsSync(join(ROOT, 'node_modules/.bin/node')) ? join(ROOT, 'node_modules/.bin/node') : process.execPath)

/** electron-store as the app opens it, without the Electron binary (as tests/e2e/bridge-server.ts does). */
async function electronStoreClass(): Promise<typeof import('electron-store').default> {
  process.env.ELECTRON_OVERRIDE_DIST_PATH = '/nonexistent'
  return (await import('electron-store')).default
}

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
  test('each change is saved at once: a journal line; a checkpoint folds them into the file through conf; no temp file is left', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const time = clock()
    const store = await open(file, { now: time.now })
    const [a, b, c] = generatedAnnotations(3)
    const onDisk = (): NotesData => onDiskChecked(file)

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
    // every change so far is a journal line; a checkpoint writes them into the file (conf's own format) and empties it
    expect(readFileSync(journalFile(file), 'utf8').trim().split('\n')).toHaveLength(7)
    const state = onDisk()
    store.checkpoint()
    expect(readFileSync(file, 'utf8')).toBe(serialize(state))
    expect(readFileSync(journalFile(file), 'utf8')).toBe(checkpointLine(createHash('sha256').update(readFileSync(file)).digest('hex')))
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
    store.add(generatedAnnotations(1)[0])
    await store.close()
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
    expect(filesIn(dir)).toEqual([
      'backups',
      'project-notes.json',
      'project-notes.json.journal',
      'project-notes.json.lock',
      'project-notes.json.lock-owner'
    ])
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
    const bytes = storeBytes(file)
    expect(store.importAnnotations(list)).toEqual(Array(5).fill('unchanged'))
    expect(storeBytes(file)).toEqual(bytes)

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
    const before = storeBytes(file)
    const fresh = generatedAnnotations(8).slice(6)
    expect(() => store.importAnnotations([fresh[0], { ...fresh[1], color: 'pink' } as unknown as Annotation])).toThrow(/invalid annotation/)
    expect(storeBytes(file)).toEqual(before)
    expect(store.get(fresh[0].id)).toBeUndefined()
  })
})

describe('round trips through real conf', () => {
  test('every kind of write: the file is valid JSON passing the schema after each, no temp file, and it all survives reopening', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const time = clock()
    const store = await open(file, { now: time.now })
    const [a, b, c, d, e] = generatedAnnotations(5)
    const disk = (): NotesData => onDiskChecked(file)
    const sameAsMemory = (): void => {
      const data = disk()
      expect(data.annotations).toEqual(store.list())
      expect(data.trash).toEqual(store.trash())
      expect(data.colorMeanings).toEqual(store.colorMeanings())
    }

    store.add(a)
    sameAsMemory()
    store.add(b)
    store.add(c)
    sameAsMemory()
    time.set(new Date(2026, 2, 2, 12, 30))
    store.update(b.id, { tags: ['수정'] })
    sameAsMemory()
    store.remove(a.id)
    sameAsMemory()
    store.remove(c.id)
    store.restore(c.id)
    sameAsMemory()
    expect(store.importAnnotations([d, { ...b, modified: '2030-01-01T00:00:00.000Z', tags: ['가져옴'] }, e])).toEqual([
      'imported',
      'updated',
      'imported'
    ])
    sameAsMemory()
    store.setColorMeanings({ ...store.colorMeanings(), blue: '맥락' })
    sameAsMemory()
    time.days(31)
    expect(store.purgeTrash()).toBe(1)
    sameAsMemory()
    const before = { annotations: store.list(), trash: store.trash(), colorMeanings: store.colorMeanings() }
    expect(before.annotations.map((x) => x.id)).toEqual([b.id, c.id, d.id, e.id])
    expect(before.trash).toEqual([])
    await store.close()

    const again = await open(file, { now: time.now })
    expect({ annotations: again.list(), trash: again.trash(), colorMeanings: again.colorMeanings() }).toEqual(before)
    expect(again.get(b.id)).toMatchObject({ tags: ['가져옴'], modified: '2030-01-01T00:00:00.000Z' })
    expect(again.colorMeanings().blue).toBe('맥락')
  })

  test('the trash survives reopening, and a restore after reopening brings the annotation back as it was', async () => {
    const file = join(tempDir(), 'notes.json')
    const time = clock()
    const [a, b] = generatedAnnotations(2)
    const first = await open(file, { now: time.now })
    first.add(a)
    first.add(b)
    const entry = first.remove(a.id)
    await closeAll()
    const second = await open(file, { now: time.now })
    expect(second.trash()).toEqual([entry])
    expect(second.list().map((x) => x.id)).toEqual([b.id])
    expect(second.restore(a.id)).toEqual(a)
    await closeAll()
    const third = await open(file, { now: time.now })
    expect(third.list().map((x) => x.id)).toEqual([b.id, a.id])
    expect(third.get(a.id)).toEqual(a)
    expect(third.trash()).toEqual([])
  })

  test('update bumps modified (and only that besides the patch); a change that fails the schema leaves memory and file as they were', async () => {
    const file = join(tempDir(), 'notes.json')
    const time = clock()
    const store = await open(file, { now: time.now })
    const [h] = generatedAnnotations(1) as Highlight[]
    store.add(h)
    time.set(new Date(2026, 2, 2, 15))
    const next = store.update(h.id, { comment: '새 메모', color: 'green' })
    expect(next).toEqual({ ...h, comment: '새 메모', color: 'green', modified: new Date(2026, 2, 2, 15).toISOString() })
    expect(next.created).toBe(h.created)
    // id and kind cannot be changed through a patch
    time.set(new Date(2026, 2, 2, 16))
    expect(store.update(h.id, { id: 'urn:uuid:other', kind: 'note' } as unknown as Partial<Highlight>)).toMatchObject({ id: h.id, kind: 'highlight' })

    const bytes = storeBytes(file)
    const held = store.get(h.id)
    const bad: Array<[string, Record<string, unknown>]> = [
      ['a tag with a space', { tags: ['두 단어'] }],
      ['an empty tag', { tags: [''] }],
      ['a tag too long', { tags: ['가'.repeat(65)] }],
      ['an unknown colour', { color: 'pink' }],
      ['a position that ends before it starts', { position: { start: 9, end: 3 } }],
      ['an empty quote', { quote: { exact: '', prefix: '', suffix: '' } }],
      ['a key highlights do not have', { reason: '북마크의 것' }],
      ['a date that is not ISO 8601', { created: '2026년 3월 2일' }],
      ['a comment too long', { comment: 'x'.repeat(100_001) }]
    ]
    for (const [name, patch] of bad) {
      expect(() => store.update(h.id, patch as Partial<Highlight>), name).toThrow(/invalid annotation/)
      expect(store.get(h.id), name).toBe(held)
      expect(storeBytes(file).equals(bytes), name).toBe(true)
    }
    expect(() => store.update('urn:uuid:missing', { tags: [] })).toThrow(/no annotation urn:uuid:missing/)
    expect(storeBytes(file).equals(bytes)).toBe(true)
    onDiskChecked(file)
  })

  test('importAnnotations of many in one write, then reopening: the same annotations in the same order', async () => {
    const file = join(tempDir(), 'notes.json')
    const list = generatedAnnotations(300)
    const store = await open(file)
    expect(store.importAnnotations(list).every((o) => o === 'imported')).toBe(true)
    expect(onDiskChecked(file).annotations).toEqual(list)
    await closeAll()
    expect((await open(file)).list()).toEqual(list)
  })
})

describe('damaged backups', () => {
  test('the newest backups truncated and zeroed are skipped for an older good one', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const time = clock()
    const all = generatedAnnotations(3)
    // day 1: two notes saved; day 2 open: backup of those two
    const day1 = await open(file, { now: time.now })
    day1.add(all[0])
    day1.add(all[1])
    await closeAll()
    time.days(1)
    await open(file, { now: time.now })
    await closeAll()
    const good = join(dir, 'backups', `notes-${localDay(time.now())}.json`)
    const goodBytes = readFileSync(good)
    // two newer backups, damaged the ways files are found damaged
    const truncated = join(dir, 'backups', 'notes-2026-03-05.json')
    const zeroed = join(dir, 'backups', 'notes-2026-03-06.json')
    writeFileSync(truncated, goodBytes.subarray(0, goodBytes.length - 40))
    writeFileSync(zeroed, new Uint8Array(goodBytes.length))
    writeFileSync(file, 'not json at all')

    time.days(5) // 2026-03-08
    const store = await open(file, { now: time.now, onWarning: () => {} })
    expect(store.recovered).toMatchObject({ reason: expect.stringMatching(/^not valid JSON/), backup: good })
    expect(store.list().map((a) => a.id)).toEqual([all[0].id, all[1].id])
    expect(readFileSync(truncated)).toEqual(goodBytes.subarray(0, goodBytes.length - 40)) // backups are not repaired or removed
    expect(readFileSync(zeroed)).toEqual(Buffer.from(new Uint8Array(goodBytes.length)))
    expect(readFileSync(store.recovered!.badFile, 'utf8')).toBe('not json at all')
    onDiskChecked(file)
  })

  test('a damaged store with only damaged backups starts empty, says so without a backup, and makes no backup of the empty store', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    mkdirSync(join(dir, 'backups'))
    writeFileSync(join(dir, 'backups', 'notes-2026-03-01.json'), '{"format":1,"annotations":[')
    writeFileSync(file, new Uint8Array(4096))
    const store = await open(file, { now: clock().now })
    expect(store.recovered).toEqual({ reason: 'the file is all zero bytes', badFile: expect.stringMatching(/notes\.json\.corrupt-/) })
    expect(store.list()).toEqual([])
    expect(readFileSync(store.recovered!.badFile)).toEqual(Buffer.from(new Uint8Array(4096)))
    expect(backupsIn(dir)).toEqual(['notes-2026-03-01.json'])
    expect(onDiskChecked(file)).toEqual(emptyNotes())
  })

  test('a store written by a newer app next to good backups: nothing restored, nothing set aside, nothing written', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const time = clock()
    const first = await open(file, { now: time.now })
    first.add(generatedAnnotations(1)[0])
    first.add(generatedAnnotations(2)[1])
    await closeAll()
    time.days(1)
    await open(file, { now: time.now })
    await closeAll()
    const newer = JSON.stringify({ format: NOTES_FORMAT + 1, annotations: [], trash: [], colorMeanings: {}, somethingNew: true })
    writeFileSync(file, newer)
    const files = filesIn(dir)
    const backups = backupsIn(dir)
    time.days(1)
    await expect(open(file, { now: time.now })).rejects.toThrow(/newer Briefing Reader/)
    await expect(open(file, { now: time.now, readOnly: true })).rejects.toThrow(/newer Briefing Reader/)
    expect(readFileSync(file, 'utf8')).toBe(newer)
    expect(filesIn(dir)).toEqual(files)
    expect(backupsIn(dir)).toEqual(backups)
  })

  test('today’s backup found truncated at a later open is replaced by the store as it is; a whole one is kept', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const time = clock()
    const [a, b, c] = generatedAnnotations(3)
    const first = await open(file, { now: time.now })
    first.add(a)
    await closeAll()
    time.days(1)
    const second = await open(file, { now: time.now })
    second.add(b)
    await closeAll()
    const today = join(dir, 'backups', `notes-${localDay(time.now())}.json`)
    const whole = readFileSync(today)
    expect(readStoreBytes(whole).ok).toBe(true)
    // a later open the same day keeps it
    const third = await open(file, { now: time.now })
    third.add(c)
    await closeAll()
    expect(readFileSync(today)).toEqual(whole)
    // truncated: replaced by the store as the next open finds it
    writeFileSync(today, whole.subarray(0, whole.length - 3))
    await open(file, { now: time.now })
    await closeAll()
    const replaced = readStoreBytes(readFileSync(today))
    expect(replaced.ok && replaced.data.annotations.map((x) => x.id)).toEqual([a.id, b.id, c.id])
  })
})

describe('a format-0 store written here', () => {
  test('the file as it was is backed up byte for byte first, then it is format 1 with the same annotations', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const [h, n, b] = generatedAnnotations(10).filter((a, i) => [0, 7, 9].includes(i)) as [Highlight, Annotation, Annotation]
    expect([h.kind, n.kind, b.kind]).toEqual(['highlight', 'note', 'bookmark'])
    // format 0: no `format`, no `trash`, no colour meanings; a highlight without `normalizer`, a note without `tags`
    const { normalizer: _n, ...oldHighlight } = h
    const { tags: _t, ...oldNote } = n
    const v0 = Buffer.from(JSON.stringify({ annotations: [oldHighlight, oldNote, b] }, undefined, 2) + '\n')
    writeFileSync(file, v0)
    const time = clock()
    const store = await open(file, { now: time.now })

    const before = join(dir, 'backups', 'notes-2026-03-02-before-format-1.json')
    expect(readFileSync(before).equals(v0)).toBe(true)
    const migrated = onDiskChecked(file)
    expect(migrated.format).toBe(1)
    expect(migrated.annotations).toEqual([{ ...h, normalizer: 0 }, { ...n, tags: [] }, b])
    expect(migrated.trash).toEqual([])
    expect(migrated.colorMeanings).toEqual(emptyNotes().colorMeanings)
    expect(store.list()).toEqual(migrated.annotations)
    // the before-migration backup is one a damaged store can be restored from (migrated again)
    await closeAll()
    writeFileSync(file, '{')
    rmSync(join(dir, 'backups', 'notes-2026-03-02.json'), { force: true })
    const restored = await open(file, { now: time.now, onWarning: () => {} })
    expect(restored.recovered?.backup).toBe(before)
    expect(restored.list()).toEqual(migrated.annotations)
  })

  test('a format-0 file that does not pass the schema once migrated is set aside, not migrated, and no before-migration backup is made of it', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const bad = JSON.stringify({ annotations: [{ ...generatedAnnotations(1)[0], color: 'pink' }] })
    writeFileSync(file, bad)
    const store = await open(file)
    expect(store.recovered?.reason).toMatch(/^fails the schema: annotations\.0\.color/)
    expect(readFileSync(store.recovered!.badFile, 'utf8')).toBe(bad)
    expect(backupsIn(dir)).toEqual([])
  })
})

describe('backups, day by day', () => {
  test('each is verified (parses, passes the schema, holds the store of its day) and rotation keeps BACKUPS_KEPT', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const time = clock()
    const all = generatedAnnotations(BACKUPS_KEPT + 5)
    const expected = new Map<string, string[]>()
    for (let day = 0; day < BACKUPS_KEPT + 4; day++) {
      const store = await open(file, { now: time.now })
      expected.set(`notes-${localDay(time.now())}.json`, store.list().map((a) => a.id))
      store.add(all[day])
      store.update(all[day].id, { tags: [`day${day}`] }) // several saves a day: still one backup
      await closeAll()
      time.days(1)
    }
    const names = backupsIn(dir)
    expect(names).toHaveLength(BACKUPS_KEPT)
    expect(names.every((n) => /^notes-\d{4}-\d{2}-\d{2}\.json$/.test(n))).toBe(true)
    for (const name of names) {
      const read = readStoreBytes(readFileSync(join(dir, 'backups', name)))
      expect(read.ok, name).toBe(true)
      if (read.ok) expect(read.data.annotations.map((a) => a.id), name).toEqual(expected.get(name))
    }
    // the newest seven days, oldest removed
    expect(names).toEqual([...expected.keys()].slice(-BACKUPS_KEPT))
  })

  test('an empty store makes no backup, on any day', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const time = clock()
    for (let day = 0; day < 3; day++) {
      const store = await open(file, { now: time.now })
      store.setColorMeanings({ ...store.colorMeanings(), yellow: `중요${day}` })
      await closeAll()
      time.days(1)
    }
    expect(backupsIn(dir)).toEqual([])
  })
})

describe('stray temp files', () => {
  test('a writer sweeps the temp files a killed writer left (conf’s and ours), read-only leaves them, other files stay', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const seeded = await open(file)
    seeded.add(generatedAnnotations(1)[0])
    await closeAll()
    mkdirSync(join(dir, 'backups'), { recursive: true })
    const strays = [
      join(dir, 'notes.json.tmp-1764632000a1b2c3'), // atomically (conf)
      join(dir, '.notes.json.tmp-4242-0badcafe'), // write-atomic.ts (migration, restore)
      join(dir, 'backups', '.notes-2026-03-02.json.tmp-4242-12345678') // a backup
    ]
    const others = [join(dir, 'settings.json.tmp-1764632000a1b2c3'), join(dir, 'notes.json.corrupt-2026-03-02T12-00-00-000Z'), join(dir, 'other-notes.json')]
    for (const name of [...strays, ...others]) writeFileSync(name, '{"half":')
    await open(file, { readOnly: true })
    for (const name of strays) expect(existsSync(name), name).toBe(true)
    await open(file)
    for (const name of strays) expect(existsSync(name), name).toBe(false)
    for (const name of others) expect(existsSync(name), name).toBe(true)
  })
})

describe('electron-store and conf on the same file', () => {
  test('what one writes the other reads, through openNotesStore and through the raw stores', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const ElectronStore = await electronStoreClass()
    const electronOpen: NotesStoreOptions['open'] = (options) =>
      new ElectronStore<NotesData>(options as ConstructorParameters<typeof ElectronStore<NotesData>>[0]) as unknown as ReturnType<NotesStoreOptions['open']>
    const [a, b, c] = generatedAnnotations(3)

    const app = await open(file, { open: electronOpen })
    app.add(a)
    app.remove(a.id)
    app.add(b)
    app.setColorMeanings({ ...app.colorMeanings(), red: '재확인' })
    const fromApp = { annotations: app.list(), trash: app.trash(), colorMeanings: app.colorMeanings() }
    await closeAll()

    const cli = await open(file)
    expect({ annotations: cli.list(), trash: cli.trash(), colorMeanings: cli.colorMeanings() }).toEqual(fromApp)
    cli.add(c)
    await closeAll()

    const appAgain = await open(file, { open: electronOpen })
    expect(appAgain.list().map((x) => x.id)).toEqual([b.id, c.id])
    await closeAll()

    const raw = new ElectronStore<NotesData>(notesStoreOptions(dir) as ConstructorParameters<typeof ElectronStore<NotesData>>[0])
    const viaConf = new Conf<NotesData>(notesStoreOptions(dir))
    expect(raw.path).toBe(file)
    expect(raw.store).toEqual(viaConf.store)
    expect(viaConf.store).toEqual(onDiskChecked(file))
  })
})

describe('the lock across processes', () => {
  test('while this process writes, another is refused as a writer (the message names the file) and reads read-only', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const app = await open(file)
    app.add(generatedAnnotations(1)[0])
    const script = childScript(
      dir,
      `const file = ${JSON.stringify(file)}\n` +
        `const out = {}\n` +
        `try { await openNotesStore(file, { open }); out.writer = 'opened' } catch (e) { out.writer = e.name + ': ' + e.message }\n` +
        `const reader = await openNotesStore(file, { open, readOnly: true })\n` +
        `out.read = reader.list().length\n` +
        `try { reader.remove(reader.list()[0].id); out.write = 'written' } catch (e) { out.write = e.message }\n` +
        `console.log(JSON.stringify(out))\n`
    )
    const child = spawnSync(nodeBin(), [script], { encoding: 'utf8', cwd: ROOT })
    expect(child.stdout, child.stderr).not.toBe('')
    expect(JSON.parse(child.stdout)).toEqual({
      writer: `NotesStoreLockedError: notes store ${file} is open in Briefing Reader; close the app to write to it`,
      read: 1,
      write: `notes store ${file} is open read-only`
    })
    expect(app.list()).toHaveLength(1)
    expect(onDiskChecked(file).annotations).toEqual(app.list())
  })

  test('in this process: a second writer gets NotesStoreLockedError; read-only opens and refuses every change; after close a writer opens', async () => {
    const file = join(tempDir(), 'notes.json')
    const [a, b] = generatedAnnotations(2)
    const app = await open(file)
    app.add(a)
    const error = await open(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotesStoreLockedError)
    expect((error as Error).message).toContain(file)
    const reader = await open(file, { readOnly: true })
    expect(reader.readOnly).toBe(true)
    const bytes = storeBytes(file)
    const changes: Array<() => unknown> = [
      () => reader.add(b),
      () => reader.update(a.id, { tags: [] }),
      () => reader.remove(a.id),
      () => reader.importAnnotations([b]),
      () => reader.setColorMeanings(reader.colorMeanings()),
      () => reader.rewrite([a])
    ]
    for (const change of changes) expect(change).toThrow(/read-only/)
    expect(storeBytes(file).equals(bytes)).toBe(true)
    await app.close()
    const next = await open(file)
    next.add(b)
    expect(next.list().map((x) => x.id)).toEqual([a.id, b.id])
  })

  test('a writer killed with SIGKILL leaves no lock behind that keeps the next writer out', async () => {
    const dir = tempDir()
    const file = join(dir, 'notes.json')
    const [a] = generatedAnnotations(1)
    const script = childScript(
      dir,
      `const store = await openNotesStore(${JSON.stringify(file)}, { open })\n` +
        `store.add(${JSON.stringify(a)})\n` +
        `console.log('ready')\n` +
        `setInterval(() => {}, 1000)\n`
    )
    const child = spawn(nodeBin(), [script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)))
    await new Promise<void>((ready, fail) => {
      child.stdout.on('data', (chunk: Buffer) => String(chunk).includes('ready') && ready())
      child.on('exit', () => fail(new Error(`the child ended before it was ready: ${stderr}`)))
    })
    expect(notesStoreLocked(file)).toBe(true)
    const exited = new Promise((done) => child.on('exit', done))
    child.kill('SIGKILL')
    await exited
    // at once, not after the 15 s a lock takes to go stale
    expect(notesStoreLocked(file)).toBe(false)
    const next = await open(file)
    expect(next.list()).toEqual([a])
    expect(notesStoreLocked(file)).toBe(true)
  })
})
