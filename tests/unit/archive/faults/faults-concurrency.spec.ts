/**
 * Several processes on one archive folder (issue 8, defect 5): a live process's temp files survive another's
 * start, one writer at a time (a second waits, or says who holds the lock), a killed writer's lock is taken
 * over at once, and two writers and a reader at once lose nothing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { openArchiveStore } from '../../../../archive/storage/index.ts'
import { HOST_TAG } from '../../../../archive/storage/write-atomic.ts'
import { NODE, briefingText, buildArchive, runSearch, tempDir } from './fault-kit.ts'

const CHILD = join(import.meta.dirname, 'archive-child.ts')
const cleanups: Array<() => void> = []
afterAll(() => {
  while (cleanups.length) cleanups.pop()?.()
})

/** Starts a child process and resolves when it printed `line` (or its whole output when it ends first). */
function start(args: string[], line?: string): { child: ChildProcess; ready: Promise<void>; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(NODE, args, { stdio: ['pipe', 'pipe', 'pipe'] })
  cleanups.push(() => child.kill('SIGKILL'))
  let stdout = ''
  let stderr = ''
  let readyResolve: () => void = () => undefined
  const ready = new Promise<void>((resolve) => (readyResolve = resolve))
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString()
    if (line && stdout.includes(line)) readyResolve()
  })
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      readyResolve()
      resolve({ code, stdout, stderr })
    })
  )
  return { child, ready, done }
}

const sleeper = (): { child: ChildProcess; done: Promise<unknown> } => {
  const s = start(['-e', 'setInterval(() => {}, 1000)'])
  return { child: s.child, done: s.done }
}

describe('temp files of other processes', () => {
  test("a live process's temp files survive another process opening and writing the archive; once it is gone they are swept", async () => {
    const dir = tempDir('live-temp-', cleanups)
    await buildArchive(dir, ['2024-05-10'])
    const other = sleeper()
    const pid = other.child.pid as number
    const names = [
      join(dir, 'briefings', `.briefing-2024-06-14.json.tmp-${pid}-${HOST_TAG}-1a2b`),
      join(dir, 'sources', `.briefing-2024-06-14.txt.tmp-${pid}-${HOST_TAG}-1a2b`),
      join(dir, 'index', `.manifest.json.tmp-${pid}-${HOST_TAG}-1a2b`)
    ]
    for (const n of names) writeFileSync(n, 'a write in progress')
    const store = openArchiveStore(dir, { onWarning: () => undefined })
    expect(await store.importBytes('b.txt', new TextEncoder().encode(briefingText('2024-06-14')))).toMatchObject({ status: 'imported' })
    expect((await runSearch(dir)).items).toHaveLength(2)
    for (const n of names) expect(existsSync(n)).toBe(true)
    other.child.kill('SIGKILL')
    await other.done
    await openArchiveStore(dir, { onWarning: () => undefined }).list()
    for (const n of names) expect(existsSync(n)).toBe(false)
  })
})

describe('one writer at a time', () => {
  test('a second writer waits for the lock, then says which process holds it; readers go on; a killed holder is taken over at once', async () => {
    const dir = tempDir('locked-', cleanups)
    await buildArchive(dir, ['2024-05-10'])
    const holder = start([CHILD, 'hold', dir], 'locked')
    await holder.ready
    const store = openArchiveStore(dir, { onWarning: () => undefined, lockWaitMs: 300 })
    const outcome = await store.importBytes('b.txt', new TextEncoder().encode(briefingText('2024-06-14')))
    expect(outcome.status).toBe('failed')
    expect(outcome.status === 'failed' && outcome.error).toMatch(
      new RegExp(`^b\\.txt: not imported: archive .*: being written by process ${holder.child.pid} \\(since .*\\); waited \\d+\\.\\d s, try again when it has finished$`)
    )
    // reading needs no lock
    expect((await store.list()).map((s) => s.id)).toEqual(['briefing-2024-05-10'])
    expect((await runSearch(dir)).items).toHaveLength(1)
    holder.child.kill('SIGKILL') // its lock stays behind, with its owner record
    await holder.done
    expect(existsSync(join(dir, 'archive.lock'))).toBe(true)
    expect(await store.importBytes('b.txt', new TextEncoder().encode(briefingText('2024-06-14')))).toMatchObject({ status: 'imported' })
    expect(existsSync(join(dir, 'archive.lock'))).toBe(false)
  })

  test('a writer waiting within its bound gets the lock when the holder lets go', async () => {
    const dir = tempDir('wait-', cleanups)
    await buildArchive(dir, ['2024-05-10'])
    const holder = start([CHILD, 'hold', dir], 'locked')
    await holder.ready
    const store = openArchiveStore(dir, { onWarning: () => undefined, lockWaitMs: 60_000 })
    const pending = store.importBytes('b.txt', new TextEncoder().encode(briefingText('2024-06-14')))
    holder.child.stdin?.end() // lets go
    expect(await pending).toMatchObject({ status: 'imported' })
    expect((await holder.done).code).toBe(0)
  })
})

describe('two writers and a reader at once', () => {
  test('two imports into a new archive and a reader: every file imported, no briefing ever lost by the reader, a consistent index', async () => {
    const parent = tempDir('concurrent-', cleanups)
    const dir = join(parent, 'archive') // does not exist yet: both writers create it
    const inputs = join(parent, 'in')
    const { mkdirSync } = await import('node:fs')
    mkdirSync(inputs)
    const dates = ['2023-01-06', '2023-02-03', '2024-03-08', '2024-04-05', '2025-05-09', '2025-06-06', '2023-07-07', '2024-08-02', '2025-09-05', '2023-10-06']
    const files = dates.map((d) => {
      const f = join(inputs, `b-${d}.txt`)
      writeFileSync(f, briefingText(d))
      return f
    })
    const a = start([CHILD, 'import', dir, ...files.filter((_, i) => i % 2 === 0)])
    const b = start([CHILD, 'import', dir, ...files.filter((_, i) => i % 2 === 1)])
    const reader = start([CHILD, 'read', dir, '25'])
    const [ra, rb, rr] = await Promise.all([a.done, b.done, reader.done])
    for (const r of [ra, rb, rr]) expect(r.stderr).toBe('')
    for (const r of [ra, rb]) {
      const out = JSON.parse(r.stdout) as { outcomes: Array<{ status: string }>; warnings: string[]; failure: string | null }
      expect(out.outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported', 'imported', 'imported'])
      expect(out.warnings).toEqual([])
      expect(out.failure).toBeNull()
    }
    const read = JSON.parse(rr.stdout) as { listings: string[][]; warnings: string[]; failure: string | null }
    expect(read.failure).toBeNull()
    expect(read.warnings).toEqual([])
    // a briefing the reader saw once it sees in every later listing
    for (let i = 1; i < read.listings.length; i++) for (const id of read.listings[i - 1]) expect(read.listings[i]).toContain(id)
    const after = await runSearch(dir)
    expect(after.warnings).toEqual([])
    expect(after.briefings).toBe(10)
    expect(after.items).toHaveLength(10)
    const temps = ['', 'sources', 'briefings', 'index'].flatMap((sub) => readdirSync(join(dir, sub)).filter((n) => n.includes('.tmp-')))
    expect(temps).toEqual([])
    expect(spawnSync('ls', [join(dir, 'archive.lock')]).status).not.toBe(0)
  })
})
