/**
 * The notes store's journal (archive/storage/notes-journal.ts) through the real store and real conf: every
 * change is a fsynced line before the call returns, replayed at open, folded into notes.json when idle, when
 * large and at close; a crash at any moment loses no acknowledged change, a torn line is dropped, a damaged
 * journal is set aside byte-identical with its good lines kept.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Conf from 'conf'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { emptyNotes, NOTES_FORMAT, notesDataSchema, type Annotation, type NotesData } from '../../../archive/notes/model.ts'
import { NotesFileError } from '../../../archive/notes/notes-file-error.ts'
import { applyOps, checkpointLine, journalFile, journalLine, readJournal, type JournalOp } from '../../../archive/storage/notes-journal.ts'
import {
  CHECKPOINT_BYTES,
  CHECKPOINT_IDLE_MS,
  openNotesStore,
  readStoreBytes,
  type ConfLike,
  type NotesStore,
  type NotesStoreOptions
} from '../../../archive/storage/notes-store.ts'
import { generatedAnnotations } from '../../helpers/generated-notes.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
const dirs: string[] = []
const opened: NotesStore[] = []
afterEach(async () => {
  vi.useRealTimers()
  for (const store of opened.splice(0)) await store.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'notes-journal-'))
  dirs.push(dir)
  return join(dir, 'notes.json')
}

const confOpen: NotesStoreOptions['open'] = (options) => new Conf<NotesData>(options)

async function open(file: string, options: Partial<NotesStoreOptions> = {}): Promise<NotesStore> {
  const store = await openNotesStore(file, {
    open: confOpen,
    onWarning: (m) => {
      throw new Error(`unexpected warning: ${m}`)
    },
    ...options
  })
  opened.push(store)
  return store
}

/** The store file alone, as conf wrote it. */
function fileOnly(file: string): NotesData {
  const read = readStoreBytes(readFileSync(file))
  if (!read.ok) throw new Error(read.reason)
  return read.data
}
const journalText = (file: string): string => readFileSync(journalFile(file), 'utf8')
/** What the journal holds right after a checkpoint: only the hash of the file that checkpoint wrote. */
const afterCheckpoint = (file: string): string => checkpointLine(createHash('sha256').update(readFileSync(file)).digest('hex'))

describe('every change is a journal line', () => {
  test('one line per call, fsynced before it returns; the file is not rewritten until a checkpoint', async () => {
    const file = tempFile()
    const store = await open(file)
    const [a, b] = generatedAnnotations(2)
    store.add(a)
    store.importAnnotations([b, { ...a, tags: ['새'], modified: '2030-01-01T00:00:00.000Z' }])
    store.remove(b.id)
    expect(existsSync(file)).toBe(false)
    const lines = journalText(file).split('\n')
    expect(lines.at(-1)).toBe('') // every line ends with its newline
    expect(lines.slice(0, -1).map((l) => (JSON.parse(l) as { ops: JournalOp[] }).ops.map((op) => op.op))).toEqual([
      ['put'],
      ['put', 'put'],
      ['trash']
    ])
    const reopened = await open(file, { readOnly: true })
    expect(reopened.list()).toEqual(store.list())
    expect(reopened.trash()).toEqual(store.trash())
  })

  test('a writer killed with SIGKILL at a random moment keeps every change it acknowledged', async () => {
    const file = tempFile()
    const list = generatedAnnotations(400)
    const script = join(dirname(file), 'writer.ts')
    writeFileSync(
      script,
      `import Conf from ${JSON.stringify(join(ROOT, 'node_modules/conf/dist/source/index.js'))}\n` +
        `import { openNotesStore } from ${JSON.stringify(join(ROOT, 'archive/storage/notes-store.ts'))}\n` +
        `const list = ${JSON.stringify(list)}\n` +
        `const store = await openNotesStore(${JSON.stringify(file)}, { open: (o) => new Conf(o) })\n` +
        `for (const a of list) { store.add(a); process.stdout.write(a.id + '\\n') }\n` +
        `setInterval(() => {}, 1000)\n`
    )
    const node = existsSync(join(ROOT, 'node_modules/.bin/node')) ? join(ROOT, 'node_modules/.bin/node') : process.execPath
    const child = spawn(node, [script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    // Killed once it has acknowledged a number of changes that differs from run to run.
    const killAt = 20 + Math.floor(Math.random() * 300)
    const exited = new Promise((done) => child.on('exit', done))
    child.stdout.on('data', (chunk: Buffer) => {
      out += String(chunk)
      if (out.split('\n').length > killAt) child.kill('SIGKILL')
    })
    await exited
    const acknowledged = out.split('\n').filter((l) => l.startsWith('urn:'))
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAt)
    // A line cut short by the kill (never acknowledged) may be dropped, with a warning; nothing else is.
    const warnings: string[] = []
    const store = await open(file, { onWarning: (m) => warnings.push(m) })
    const ids = store.list().map((a) => a.id)
    expect(ids.slice(0, acknowledged.length)).toEqual(acknowledged)
    expect(ids).toEqual(list.slice(0, ids.length).map((a) => a.id))
    expect(warnings.every((w) => w.includes('cut short by a crash'))).toBe(true)
  })
})

describe('checkpoints', () => {
  test('after CHECKPOINT_IDLE_MS without a change, the journal is folded into the file through conf and emptied', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const file = tempFile()
    const store = await open(file)
    const [a, b] = generatedAnnotations(2)
    store.add(a)
    vi.advanceTimersByTime(CHECKPOINT_IDLE_MS - 1)
    store.add(b) // a change restarts the wait
    vi.advanceTimersByTime(CHECKPOINT_IDLE_MS - 1)
    expect(existsSync(file)).toBe(false)
    vi.advanceTimersByTime(1)
    expect(fileOnly(file).annotations).toEqual([a, b])
    expect(journalText(file)).toBe(afterCheckpoint(file))
  })

  test('a journal past CHECKPOINT_BYTES is folded in at once (on the next turn), not after the idle wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const file = tempFile()
    const store = await open(file)
    const many = generatedAnnotations(4000)
    store.importAnnotations(many)
    expect(Buffer.byteLength(journalText(file))).toBeGreaterThanOrEqual(CHECKPOINT_BYTES)
    vi.advanceTimersByTime(0)
    expect(fileOnly(file).annotations).toHaveLength(4000)
    expect(journalText(file)).toBe(afterCheckpoint(file))
  })

  test('close folds the journal in; a journal left by a killed session is replayed at open and folded in when idle', async () => {
    const file = tempFile()
    const [a, b] = generatedAnnotations(2)
    const first = await open(file)
    first.add(a)
    await first.close()
    expect(fileOnly(file).annotations).toEqual([a])
    expect(journalText(file)).toBe(afterCheckpoint(file))
    // what a killed session leaves: a line in the journal the file does not have
    appendFileSync(journalFile(file), journalLine([{ op: 'put', annotation: b }]))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const second = await open(file)
    expect(second.list()).toEqual([a, b])
    vi.advanceTimersByTime(CHECKPOINT_IDLE_MS)
    expect(fileOnly(file).annotations).toEqual([a, b])
  })

  test('a checkpoint killed after conf wrote the file and before the journal was emptied: replaying it again doubles and loses nothing', async () => {
    const file = tempFile()
    const [a, b, c] = generatedAnnotations(3)
    const store = await open(file)
    store.add(a)
    store.add(b)
    store.update(a.id, { tags: ['후속'] })
    store.remove(b.id)
    store.add(c)
    store.restore(b.id)
    store.purgeTrash(0)
    const journal = readFileSync(journalFile(file))
    const expected = { list: store.list(), trash: store.trash() }
    store.checkpoint()
    await store.close()
    writeFileSync(journalFile(file), journal) // as if the kill came before the journal was emptied
    const again = await open(file)
    expect(again.list()).toEqual(expected.list)
    expect(again.trash()).toEqual(expected.trash)
  })

  test('a checkpoint conf cannot write is a warning; the journal keeps every change and the next open has them', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const file = tempFile()
    const warnings: string[] = []
    const broken: NotesStoreOptions['open'] = (options) => {
      const conf = new Conf<NotesData>(options)
      return {
        path: conf.path,
        set store(_value: unknown) {
          throw new Error('ENOSPC: no space left on device')
        },
        get store() {
          return conf.store
        }
      } satisfies ConfLike
    }
    const store = await open(file, { open: broken, onWarning: (m) => warnings.push(m) })
    const [a] = generatedAnnotations(1)
    store.add(a)
    vi.advanceTimersByTime(CHECKPOINT_IDLE_MS)
    expect(warnings).toEqual([
      `notes store ${file}: the journal could not be folded in (ENOSPC: no space left on device); every change is kept in ${journalFile(file)}`
    ])
    await store.close()
    vi.useRealTimers()
    expect((await open(file)).list()).toEqual([a])
  })
})

describe('the checkpoint hash', () => {
  test('a file a checkpoint wrote opens without the schema pass; one changed since is checked in full', async () => {
    const file = tempFile()
    const [a, b] = generatedAnnotations(2)
    const store = await open(file)
    store.add(a)
    await store.close()
    const schemaPass = vi.spyOn(notesDataSchema, 'safeParse')
    expect((await open(file)).list()).toEqual([a])
    expect(schemaPass).not.toHaveBeenCalled()
    for (const s of opened.splice(0)) await s.close()
    // edited by hand, still valid: checked in full and used
    const edited = { ...(JSON.parse(readFileSync(file, 'utf8')) as NotesData), annotations: [a, b] }
    writeFileSync(file, JSON.stringify(edited))
    expect((await open(file)).list()).toEqual([a, b])
    expect(schemaPass).toHaveBeenCalledTimes(1)
    schemaPass.mockRestore()
  })

  test('a file changed since its checkpoint so that it fails the schema is set aside, as without a journal', async () => {
    const file = tempFile()
    const [a] = generatedAnnotations(1)
    const store = await open(file)
    store.add(a)
    await store.close()
    const bad = readFileSync(file, 'utf8').replace(`"color": "${(a as { color?: string }).color ?? 'yellow'}"`, '"color": "pink"').replace(/"kind": "\w+"/, '"kind": "sticker"')
    writeFileSync(file, bad)
    const reopened = await open(file)
    expect(reopened.recovered?.reason).toMatch(/fails the schema/)
    expect(readFileSync(reopened.recovered!.badFile, 'utf8')).toBe(bad)
  })
})

describe('a damaged journal', () => {
  test('a last line cut short by a crash is dropped with a warning and cut off, so the next change starts a whole line', async () => {
    const file = tempFile()
    const [a, b, c] = generatedAnnotations(3)
    writeFileSync(journalFile(file), journalLine([{ op: 'put', annotation: a }]) + journalLine([{ op: 'put', annotation: b }]).slice(0, 40))
    const warnings: string[] = []
    const store = await open(file, { onWarning: (m) => warnings.push(m) })
    expect(warnings).toEqual([`notes journal ${journalFile(file)}: the last change was cut short by a crash before it was saved; dropped`])
    expect(store.list()).toEqual([a])
    expect(store.recovered).toBeUndefined()
    store.add(c)
    expect(readJournal(readFileSync(journalFile(file)))).toMatchObject({ torn: false, damaged: [] })
    await store.close()
    expect((await open(file)).list()).toEqual([a, c])
  })

  test.each([
    ['garbage', 'not json at all\n'],
    ['a zero-filled block', `${'\0'.repeat(512)}\n`],
    ['JSON of the wrong shape', '{"format":1,"ops":[{"op":"put","annotation":{"kind":"highlight"}}]}\n'],
    ['a line without ops', '{"format":1}\n']
  ])('%s in the middle: the good lines are kept, the journal is set aside byte-identical, the user is told', async (_name, bad) => {
    const file = tempFile()
    const [a, b] = generatedAnnotations(2)
    const bytes = journalLine([{ op: 'put', annotation: a }]) + bad + journalLine([{ op: 'put', annotation: b }])
    writeFileSync(journalFile(file), bytes)
    const store = await open(file)
    expect(store.list()).toEqual([a, b])
    expect(store.recovered?.reason).toMatch(/^1 change\(s\) in the journal could not be read \(line 2: .+\); the 2 readable one\(s\) were kept$/)
    expect(readFileSync(store.recovered!.badFile, 'utf8')).toBe(bytes)
    expect(store.recovered!.badFile).toMatch(/notes\.json\.journal\.corrupt-/)
    // what the good lines hold is in the file already, and the journal starts afresh
    expect(fileOnly(file).annotations).toEqual([a, b])
    expect(existsSync(journalFile(file)) ? journalText(file) : '').toBe('')
  })

  test('read-only, a damaged journal is refused and left where it is', async () => {
    const file = tempFile()
    const bytes = `not json\n${journalLine([{ op: 'put', annotation: generatedAnnotations(1)[0] }])}`
    writeFileSync(journalFile(file), bytes)
    await expect(openNotesStore(file, { open: confOpen, readOnly: true })).rejects.toThrow(/journal could not be read/)
    expect(readFileSync(journalFile(file), 'utf8')).toBe(bytes)
    expect(readdirSync(dirname(file))).toEqual(['notes.json.journal'])
  })

  test('a journal line from a newer app: opening fails naming the journal, and nothing is touched', async () => {
    const file = tempFile()
    const bytes = `${JSON.stringify({ format: NOTES_FORMAT + 1, ops: [{ op: 'future' }] })}\n`
    writeFileSync(journalFile(file), bytes)
    const error = await openNotesStore(file, { open: confOpen }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotesFileError)
    expect(error).toMatchObject({ code: 'newer' })
    expect((error as Error).message).toBe(
      `${journalFile(file)}: journal written by a newer Briefing Reader (format ${NOTES_FORMAT + 1}; this one reads up to ${NOTES_FORMAT})`
    )
    expect(readFileSync(journalFile(file), 'utf8')).toBe(bytes)
  })
})

describe('replay', () => {
  test('each op states a result: applying a journal twice gives what applying it once does', () => {
    const [a, b, c] = generatedAnnotations(3)
    const lines: JournalOp[][] = [
      [{ op: 'put', annotation: a }],
      [{ op: 'put', annotation: b }, { op: 'put', annotation: c }],
      [{ op: 'trash', entry: { annotation: b, deletedAt: '2026-03-02T12:00:00.000Z' } }],
      [{ op: 'put', annotation: { ...a, tags: ['후속'] } as Annotation }],
      [{ op: 'purge', ids: [b.id] }],
      [{ op: 'meanings', colorMeanings: { ...emptyNotes().colorMeanings, yellow: '핵심' } }]
    ]
    const once = lines.reduce(applyOps, emptyNotes())
    expect(lines.reduce(applyOps, once)).toEqual(once)
    expect(once.annotations.map((x) => x.id)).toEqual([a.id, c.id])
    expect(once.annotations[0]).toMatchObject({ tags: ['후속'] })
    expect(once.trash).toEqual([])
    expect(once.colorMeanings.yellow).toBe('핵심')
  })

  test('a run of puts (an import) keeps known ids in place, appends new ones and takes them out of the trash', () => {
    const [a, b, c] = generatedAnnotations(3)
    const start: NotesData = { ...emptyNotes(), annotations: [a, b], trash: [{ annotation: c, deletedAt: '2026-03-02T12:00:00.000Z' }] }
    const next = applyOps(start, [
      { op: 'put', annotation: c },
      { op: 'put', annotation: { ...a, tags: ['x'] } as Annotation }
    ])
    expect(next.annotations.map((x) => x.id)).toEqual([a.id, b.id, c.id])
    expect(next.annotations[0]).toMatchObject({ tags: ['x'] })
    expect(next.trash).toEqual([])
  })
})
