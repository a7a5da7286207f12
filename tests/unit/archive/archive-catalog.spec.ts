import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { openArchiveStore } from '../../../archive/storage/archive-store.ts'
import { fictionalBriefing } from '../../helpers/fictional-briefing.ts'
import { tempArchive } from '../../helpers/temp-archive.ts'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.()
})

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('archive catalogue', () => {
  test('listing writes a catalogue that a new store reuses, and follows updates and removals', async () => {
    const a = tempArchive()
    cleanups.push(a.dispose)
    await a.store.importBytes('a.txt', bytes(fictionalBriefing({ published: '2024-03-08' })))
    await a.store.importBytes('b.txt', bytes(fictionalBriefing({ published: '2024-03-15' })))
    const first = await a.store.list()
    expect(first.map((s) => s.published)).toEqual(['2024-03-15', '2024-03-08'])
    const catalogFile = join(a.dir, 'catalog.json')
    expect(existsSync(catalogFile)).toBe(true)
    const catalog = JSON.parse(readFileSync(catalogFile, 'utf8')) as { entries: Record<string, unknown> }
    expect(Object.keys(catalog.entries).sort()).toEqual(first.map((s) => s.id).sort())

    const again = openArchiveStore(a.dir)
    expect(await again.list()).toEqual(first)

    await again.importBytes('b.txt', bytes(fictionalBriefing({ published: '2024-03-15', items: 3, revision: 'v2' })))
    const updated = await again.list()
    expect(updated.find((s) => s.published === '2024-03-15')?.itemCount).toBe(3)
    await again.remove(first[1].id)
    expect((await again.list()).map((s) => s.id)).toEqual([first[0].id])
  })

  test('a corrupt catalogue is ignored and rebuilt', async () => {
    const a = tempArchive()
    cleanups.push(a.dispose)
    await a.store.importBytes('a.txt', bytes(fictionalBriefing({ published: '2024-03-08' })))
    await a.store.list()
    writeFileSync(join(a.dir, 'catalog.json'), '{ not json')
    const fresh = openArchiveStore(a.dir)
    expect((await fresh.list()).map((s) => s.published)).toEqual(['2024-03-08'])
    expect(() => JSON.parse(readFileSync(join(a.dir, 'catalog.json'), 'utf8'))).not.toThrow()
  })
})
