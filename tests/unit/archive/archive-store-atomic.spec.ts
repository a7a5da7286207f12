import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { fictionalBriefing } from '../../helpers/fictional-briefing.ts'

// Wraps node:fs/promises so a test can watch the order of calls and make one rename fail.
const calls: string[] = []
let failRenames = 0
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args)
      const name = String(args[0]).split('/').pop()
      calls.push(`open ${name}`)
      const sync = handle.sync.bind(handle)
      handle.sync = async () => {
        calls.push(`sync ${name}`)
        return sync()
      }
      return handle
    },
    rename: async (from: string, to: string) => {
      calls.push(`rename ${to.split('/').pop()}`)
      if (failRenames > 0) {
        failRenames -= 1
        throw Object.assign(new Error('EPERM: operation not permitted, rename'), { code: 'EPERM' })
      }
      return real.rename(from, to)
    }
  }
})

const { openArchiveStore } = await import('../../../archive/storage/index.ts')
const enc = (text: string): Uint8Array => new TextEncoder().encode(text)
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-atomic-'))
  calls.length = 0
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('atomic writes', () => {
  test('write a temp file, fsync it, rename it, then fsync the folder', async () => {
    const store = openArchiveStore(dir)
    await store.importBytes('a.txt', enc(fictionalBriefing({ published: '2024-01-05' })))
    const json = calls.filter((c) => c.includes('kostec-weekly-2024-01-05.json') || c === 'open briefings' || c === 'sync briefings')
    expect(json).toEqual([
      expect.stringMatching(/^open \.kostec-weekly-2024-01-05\.json\.tmp-/),
      expect.stringMatching(/^sync \.kostec-weekly-2024-01-05\.json\.tmp-/),
      'rename kostec-weekly-2024-01-05.json',
      'open briefings',
      'sync briefings'
    ])
  })

  test('a rename refused twice (a virus scanner on Windows) is retried and succeeds', async () => {
    const store = openArchiveStore(dir)
    await store.list()
    failRenames = 2
    const outcome = await store.importBytes('a.txt', enc(fictionalBriefing({ published: '2024-01-05' })))
    expect(outcome).toMatchObject({ status: 'imported' })
    expect(calls.filter((c) => c === 'rename kostec-weekly-2024-01-05.txt')).toHaveLength(3)
  })

  test('a rename that keeps failing keeps the previous version and leaves no temp file', async () => {
    const store = openArchiveStore(dir)
    const v1 = enc(fictionalBriefing({ published: '2024-01-05' }))
    await store.importBytes('a.txt', v1)
    failRenames = 100
    const outcome = await store.importBytes('a.txt', enc(fictionalBriefing({ published: '2024-01-05', revision: '!' })))
    expect(outcome).toMatchObject({ status: 'failed', file: 'a.txt', error: `a.txt: not imported: archive ${dir} cannot be written (permission denied)` })
    expect(await readFile(join(dir, 'sources', 'kostec-weekly-2024-01-05.txt'))).toEqual(Buffer.from(v1))
    for (const sub of ['sources', 'briefings']) {
      expect((await readdir(join(dir, sub))).filter((n) => n.includes('.tmp-'))).toEqual([])
    }
    failRenames = 0
  })
})
