import { Worker } from 'node:worker_threads'
import type { ShardBuilder } from './archive-search.ts'

/** Default location of the worker script when running from source (Node with type stripping). */
export const SOURCE_WORKER_URL = new URL('./build-worker.ts', import.meta.url)

interface Pending {
  resolve: (bytes: { index: Uint8Array; text: Uint8Array }) => void
  reject: (error: Error) => void
}

/**
 * A shard builder that runs in one long-lived worker thread, so building never blocks the thread that
 * answers the UI. The worker is unref'd: it does not keep the process alive.
 */
export function createWorkerBuilder(workerUrl: URL | string = SOURCE_WORKER_URL): ShardBuilder & { close(): Promise<void> } {
  let worker: Worker | undefined
  let next = 0
  const pending = new Map<number, Pending>()
  const start = (): Worker => {
    const w = new Worker(workerUrl)
    w.unref()
    w.on('message', (msg: { id: number; index?: Uint8Array; text?: Uint8Array; error?: string }) => {
      const p = pending.get(msg.id)
      pending.delete(msg.id)
      if (!p) return
      if (msg.error || !msg.index || !msg.text) p.reject(new Error(`search index worker: ${msg.error ?? 'no result'}`))
      else p.resolve({ index: msg.index, text: msg.text })
    })
    w.on('error', (error) => {
      for (const p of pending.values()) p.reject(error)
      pending.clear()
      worker = undefined
    })
    w.on('exit', () => {
      worker = undefined
    })
    return w
  }
  const build = ((key, documents) =>
    new Promise((resolve, reject) => {
      worker ??= start()
      const id = next++
      pending.set(id, { resolve, reject })
      worker.postMessage({ id, key, documents })
    })) as ShardBuilder & { close(): Promise<void> }
  build.close = async () => {
    await worker?.terminate()
    worker = undefined
  }
  return build
}
