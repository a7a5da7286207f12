import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { ArchiveSearch, INDEX_FORMAT, type IndexManifest } from '../../../archive/storage/archive-search.ts'
import { NORMALIZER_VERSION } from '../../../archive/search/normalize.ts'
import { PARSER_VERSION } from '../../../archive/parser/parse-briefing.ts'
import { createWorkerBuilder } from '../../../archive/storage/worker-builder.ts'
import { miniBriefing } from '../../helpers/mini-briefing.ts'
import { tempArchive } from '../../helpers/temp-archive.ts'

const cleanups: Array<() => void> = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.()
})

async function archiveWith(dates: string[]): Promise<ReturnType<typeof tempArchive>> {
  const a = tempArchive()
  cleanups.push(a.dispose)
  for (const d of dates) {
    const text = miniBriefing({ published: d, body: [`■ 허페이는 양자 ${d} 정책을 발표(1.2)`] })
    const r = await a.store.importBytes(`test-${d}.txt`, new TextEncoder().encode(text))
    expect(r.status).toBe('imported')
  }
  return a
}

function manifestOf(dir: string): IndexManifest {
  return JSON.parse(readFileSync(join(dir, 'index', 'manifest.json'), 'utf8')) as IndexManifest
}

describe('ArchiveSearch life cycle', () => {
  test('builds one shard per year with a manifest, and the next start loads instead of rebuilding', async () => {
    const a = await archiveWith(['2024-05-10', '2025-05-09'])
    const first = new ArchiveSearch(a.store)
    await first.refresh()
    expect(first.progress()).toMatchObject({ state: 'ready', built: 2, loaded: 0 })
    const m = manifestOf(a.dir)
    expect(Object.keys(m.shards).sort()).toEqual(['2024', '2025'])
    expect(m).toMatchObject({ indexFormat: INDEX_FORMAT, normalizerVersion: NORMALIZER_VERSION, parserVersion: PARSER_VERSION })
    expect(m.lunrVersion).toMatch(/^2\./)
    first.close()

    const second = new ArchiveSearch(a.store)
    await second.refresh()
    expect(second.progress()).toMatchObject({ state: 'ready', built: 0, loaded: 2 })
    expect(second.search('허페이').total).toBe(2)
    second.close()
  })

  test('adding a briefing rebuilds only its year; removing one drops it', async () => {
    const a = await archiveWith(['2024-05-10', '2025-05-09'])
    const s = new ArchiveSearch(a.store)
    cleanups.push(() => s.close())
    await s.refresh()
    const text = miniBriefing({ published: '2025-06-13', body: ['■ 우한은 반도체 지원(6.2)'] })
    await a.store.importBytes('new.txt', new TextEncoder().encode(text))
    await s.refresh()
    expect(s.progress()).toMatchObject({ built: 1, loaded: 0 })
    expect(s.search('반도체').hits.map((h) => h.briefingId)).toEqual(['briefing-2025-06-13'])
    await a.store.remove(s.search('반도체').hits[0].briefingId)
    await s.refresh()
    expect(s.search('반도체').total).toBe(0)
    expect(s.search('허페이').total).toBe(2)
  })

  test('a manifest from another normaliser or Lunr version is rebuilt, not loaded', async () => {
    const a = await archiveWith(['2024-05-10'])
    const s = new ArchiveSearch(a.store)
    await s.refresh()
    s.close()
    const file = join(a.dir, 'index', 'manifest.json')
    writeFileSync(file, JSON.stringify({ ...manifestOf(a.dir), normalizerVersion: 0 }))
    const again = new ArchiveSearch(a.store)
    await again.refresh()
    expect(again.progress()).toMatchObject({ built: 1, loaded: 0 })
    expect(manifestOf(a.dir).normalizerVersion).toBe(NORMALIZER_VERSION)
    again.close()
  })

  test('a truncated shard file is rebuilt, and stale files are swept', async () => {
    const a = await archiveWith(['2024-05-10'])
    const s = new ArchiveSearch(a.store)
    await s.refresh()
    s.close()
    const idx = readdirSync(join(a.dir, 'index')).find((f) => f.endsWith('.idx')) as string
    const path = join(a.dir, 'index', idx)
    writeFileSync(path, readFileSync(path).subarray(0, 40))
    // a shard file of the index's own naming that the manifest does not name is swept; anything else is not ours
    writeFileSync(join(a.dir, 'index', '2019-0123456789abcdef.idx'), 'x')
    writeFileSync(join(a.dir, 'index', 'stray-1234.idx'), 'x')
    const again = new ArchiveSearch(a.store)
    await again.refresh()
    expect(again.progress()).toMatchObject({ built: 1 })
    expect(again.search('허페이').total).toBe(1)
    const left = readdirSync(join(a.dir, 'index'))
    expect(left).not.toContain('2019-0123456789abcdef.idx')
    expect(left).toContain('stray-1234.idx')
    again.close()
  })

  test('the worker-thread builder gives the same results as building in process', async () => {
    const a = await archiveWith(['2024-05-10', '2025-05-09'])
    const builder = createWorkerBuilder()
    const viaWorker = new ArchiveSearch(a.store, { builder })
    await viaWorker.refresh()
    expect(viaWorker.progress()).toMatchObject({ state: 'ready', built: 2 })
    expect(viaWorker.search('양자').hits.map((h) => h.itemId).sort()).toHaveLength(2)
    viaWorker.close()
    await builder.close()
  })
})
