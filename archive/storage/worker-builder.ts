import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { ShardBuilder } from './archive-search.ts'

/** Default location of the worker script when running from source (Node with type stripping). */
const SOURCE_WORKER_URL = new URL('./build-worker.ts', import.meta.url)

interface Pending {
  resolve: (bytes: { index: Uint8Array; text: Uint8Array }) => void
  reject: (error: Error) => void
}

interface Lane {
  worker?: Worker
  busy: number
}

/**
 * A shard builder that runs in long-lived worker threads (one per lane, default: up to two), so
 * building never blocks the thread that answers the UI and shards of different years build in
 * parallel. Workers are unref'd: they do not keep the process alive.
 */
export function createWorkerBuilder(
  workerUrl: URL | string = SOURCE_WORKER_URL,
  lanes = Math.max(1, Math.min(2, availableParallelism()))
): ShardBuilder & { close(): Promise<void>; warm(): void } {
  let next = 0
  const pending = new Map<number, Pending>()
  const pool: Lane[] = Array.from({ length: lanes }, () => ({ busy: 0 }))
  const start = (lane: Lane): Worker => {
    const w = new Worker(workerUrl)
    w.unref()
    w.on('message', (msg: { id: number; index?: Uint8Array; text?: Uint8Array; error?: string }) => {
      const p = pending.get(msg.id)
      pending.delete(msg.id)
      lane.busy--
      if (!p) return
      if (msg.error || !msg.index || !msg.text) p.reject(new Error(`search index worker: ${msg.error ?? 'no result'}`))
      else p.resolve({ index: msg.index, text: msg.text })
    })
    w.on('error', (error) => {
      for (const p of pending.values()) p.reject(error)
      pending.clear()
      lane.worker = undefined
      lane.busy = 0
    })
    w.on('exit', () => {
      lane.worker = undefined
    })
    return w
  }
  const build = ((key, documents) =>
    new Promise((resolve, reject) => {
      const lane = pool.reduce((a, b) => (b.busy < a.busy ? b : a))
      lane.worker ??= start(lane)
      lane.busy++
      const id = next++
      pending.set(id, { resolve, reject })
      lane.worker.postMessage({ id, key, documents })
    })) as ShardBuilder & { close(): Promise<void>; warm(): void }
  build.concurrency = lanes
  /** Starts the workers now (module loading, Han tables) so the first build does not pay for it. */
  build.warm = () => {
    for (const lane of pool) lane.worker ??= start(lane)
  }
  build.close = async () => {
    await Promise.all(pool.map((l) => l.worker?.terminate()))
    for (const l of pool) l.worker = undefined
  }
  return build
}
