import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { openArchiveStore } from '../../../archive/storage/index.ts'
import { createEventHub } from '../../../electron/main/services/events.ts'
import { createSearchService } from '../../../electron/main/services/search-service.ts'
import type { IndexProgress } from '../../../electron/shared/ipc-contract.ts'
import { fictionalBriefing } from '../../helpers/fictional-briefing.ts'

const building: IndexProgress = { state: 'building', done: 0, total: 1, loaded: 0, built: 0 }

describe('event hub', () => {
  test('hands every event to every listener in order, until it unsubscribes', () => {
    const hub = createEventHub()
    const a = vi.fn()
    const b = vi.fn()
    const stopA = hub.listen(a)
    hub.listen(b)
    hub.emit('indexProgress', building)
    stopA()
    hub.emit('indexProgress', { ...building, done: 1 })
    expect(a.mock.calls).toEqual([['indexProgress', building]])
    expect(b.mock.calls).toEqual([['indexProgress', building], ['indexProgress', { ...building, done: 1 }]])
  })

  test('a listener that throws does not keep the event from the others', () => {
    const hub = createEventHub()
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const after = vi.fn()
    hub.listen(() => {
      throw new Error('window closed')
    })
    hub.listen(after)
    hub.emit('indexProgress', building)
    expect(after).toHaveBeenCalledOnce()
    expect(error).toHaveBeenCalledWith('event indexProgress: a listener failed:', expect.any(Error))
    error.mockRestore()
  })
})

describe('search service events', () => {
  let root: string | undefined
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true })
  })

  test('announces each state of a real refresh, ending ready with the items searchable', async () => {
    root = await mkdtemp(join(tmpdir(), 'events-'))
    const store = openArchiveStore(join(root, 'archive'))
    await store.importBytes('a.txt', new TextEncoder().encode(fictionalBriefing({ published: '2024-01-05', items: 3 })))
    const hub = createEventHub()
    const seen: IndexProgress[] = []
    hub.listen((event, payload) => {
      if (event === 'indexProgress') seen.push(payload as IndexProgress)
    })
    const service = createSearchService(store, { events: hub })
    await service.ready
    const final = service.search.progress()
    await service.close()
    expect(seen.map((p) => p.state)).toEqual(['loading', 'building', 'building', 'ready'])
    expect(seen.at(-1)).toEqual(final)
    expect(seen.at(-1)?.items).toBe(3)
  })
})
