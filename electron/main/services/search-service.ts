/**
 * Owns the archive's search index in the main process: builds or loads it in worker threads at start
 * (the window opens at once and search answers as soon as shards are ready), and refreshes it after the
 * archive changes. No Electron import: the test bridge uses it as is.
 */
import type { ArchiveStore } from '../../../archive/storage/archive-store.ts'
import { ArchiveSearch } from '../../../archive/storage/archive-search.ts'
import { createWorkerBuilder } from '../../../archive/storage/worker-builder.ts'
import type { EventHub } from './events.ts'

export interface SearchService {
  search: ArchiveSearch
  /** Resolves when the first refresh (load or build) is done. */
  ready: Promise<void>
  /** Brings the index up to date after imports or removals. */
  refresh(): Promise<void>
  close(): Promise<void>
}

export interface SearchServiceOptions {
  /** The index worker script: `out/main/build-worker.js` in the app; the TypeScript source by default. */
  workerUrl?: URL
  /** Where every change of the index state is announced (`indexProgress`). */
  events?: EventHub
}

export function createSearchService(store: ArchiveStore, options: SearchServiceOptions = {}): SearchService {
  const builder = createWorkerBuilder(options.workerUrl)
  // the workers load their modules while the archive is listed and the window opens
  builder.warm()
  const search = new ArchiveSearch(store, {
    builder,
    onProgress: (p) => {
      if (p.state === 'error') console.error(`search index: ${p.error}`)
      options.events?.emit('indexProgress', p)
    }
  })
  const ready = search.refresh()
  return {
    search,
    ready,
    refresh: () => search.refresh(),
    async close() {
      search.close()
      await builder.close()
    }
  }
}
