/**
 * Owns the archive's search index in the main process: builds or loads it in worker threads at start
 * (the window opens at once and search answers as soon as shards are ready), and refreshes it after the
 * archive changes. No Electron import: the test bridge uses it as is.
 */
import type { ArchiveStore } from '../../../archive/storage/archive-store.ts'
import { ArchiveSearch, type ShardBuilder } from '../../../archive/storage/archive-search.ts'
import { createWorkerBuilder } from '../../../archive/storage/worker-builder.ts'
import type { EventHub } from './events.ts'

export interface SearchService {
  search: ArchiveSearch
  /** Resolves when the first refresh (load or build) is done. */
  ready: Promise<void>
  /** Brings the index up to date after imports or removals. */
  refresh(): Promise<void>
  /**
   * Stops for good: builds in progress are abandoned (their refresh ends, nothing half-written is committed),
   * the worker threads end, and once the last refresh has settled the loaded shards are closed. Resolves then.
   */
  close(): Promise<void>
}

export interface SearchServiceOptions {
  /** The index worker script: `out/main/build-worker.js` in the app; the TypeScript source by default. */
  workerUrl?: URL
  /** Where every change of the index state is announced (`indexProgress`). */
  events?: Pick<EventHub, 'emit'>
}

export function createSearchService(store: ArchiveStore, options: SearchServiceOptions = {}): SearchService {
  const workers = createWorkerBuilder(options.workerUrl)
  // the workers load their modules while the archive is listed and the window opens
  workers.warm()
  let closed = false
  /** Rejects each build in progress (a terminated worker never answers). */
  const abandon = new Set<(error: Error) => void>()
  const builder: ShardBuilder = Object.assign(
    (key: string, documents: Parameters<ShardBuilder>[1]) =>
      new Promise<Awaited<ReturnType<ShardBuilder>>>((resolve, reject) => {
        if (closed) return reject(new Error('search index closed'))
        abandon.add(reject)
        workers(key, documents).then(resolve, reject).finally(() => abandon.delete(reject))
      }),
    { concurrency: workers.concurrency }
  )
  const search = new ArchiveSearch(store, {
    builder,
    onProgress: (p) => {
      if (closed) return // a closed index's last words (an abandoned build) are nobody's business
      if (p.state === 'error') console.error(`search index: ${p.error}`)
      options.events?.emit('indexProgress', p)
    }
  })
  // ArchiveSearch runs refreshes one after the other: the latest one settles after all before it
  let latest = search.refresh()
  let closing: Promise<void> | undefined
  return {
    search,
    ready: latest,
    refresh: () => (closed ? Promise.resolve() : (latest = search.refresh())),
    close() {
      closing ??= (async () => {
        closed = true
        const error = new Error('search index closed')
        for (const reject of [...abandon]) reject(error)
        await workers.close()
        await latest
        search.close()
      })()
      return closing
    }
  }
}
