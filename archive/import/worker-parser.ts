/**
 * Parsing source files in a worker thread, so a PDF that takes a second (pdfjs, ~0.5 s for a 7-page issue) or a
 * large file never blocks the thread that answers the window. One long-lived worker, unref'd (it never keeps the
 * process alive); each file gets a time limit, after which the worker is stopped (and started again for the next
 * file) and the file fails with the reason. The answer is the same as {@link parseSourceBytes}'s.
 */
import { Worker } from 'node:worker_threads'
import type { SourceParse } from './parse-source.ts'

/** Default location of the worker script when running from source (Node with type stripping). */
const SOURCE_WORKER_URL = new URL('./parse-worker.ts', import.meta.url)

/** A file that takes longer than this to parse is given up (a pathological PDF, a parser bug). */
export const PARSE_TIME_LIMIT_MS = 120_000

export type SourceParser = (fileName: string, bytes: Uint8Array, now?: Date) => Promise<SourceParse>

export interface WorkerParser extends SourceParser {
  close(): Promise<void>
}

export function createWorkerParser(workerUrl: URL | string = SOURCE_WORKER_URL, timeLimitMs = PARSE_TIME_LIMIT_MS): WorkerParser {
  let worker: Worker | undefined
  let next = 0
  const pending = new Map<number, { resolve: (result: SourceParse) => void; fileName: string; timer: ReturnType<typeof setTimeout> }>()

  const failAll = (why: (fileName: string) => string): void => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer)
      p.resolve({ ok: false, error: why(p.fileName) })
      pending.delete(id)
    }
  }
  const start = (): Worker => {
    // A small young generation: parsing a large briefing keeps many small objects alive, and V8 would grow
    // the young generation to 128 MB for them (see bin/briefings.js).
    const w = new Worker(workerUrl, { resourceLimits: { maxYoungGenerationSizeMb: 16 } })
    w.unref()
    w.on('message', (msg: { id: number; result: SourceParse }) => {
      const p = pending.get(msg.id)
      if (!p) return
      pending.delete(msg.id)
      clearTimeout(p.timer)
      p.resolve(msg.result)
    })
    w.on('error', (error) => {
      if (worker === w) worker = undefined
      failAll((name) => `${name}: cannot be read (the parser stopped: ${error.message})`)
    })
    w.on('exit', () => {
      if (worker === w) worker = undefined
    })
    return w
  }

  const parse = ((fileName, bytes, now = new Date()) =>
    new Promise<SourceParse>((resolve) => {
      worker ??= start()
      const id = next++
      const timer = setTimeout(() => {
        // The worker is stuck on this file: stop it; files queued behind it fail too rather than wait forever.
        const stuck = worker
        worker = undefined
        failAll((name) =>
          name === fileName
            ? `${name}: not imported: parsing took longer than ${+(timeLimitMs / 1000).toFixed(1)} s`
            : `${name}: not imported: the parser was stopped while it read ${fileName}; import it again`
        )
        void stuck?.terminate()
      }, timeLimitMs)
      timer.unref?.()
      pending.set(id, { resolve, fileName, timer })
      // A copy goes to the worker: the caller keeps its bytes to store them.
      worker.postMessage({ id, fileName, bytes, now: now.getTime() })
    })) as WorkerParser
  parse.close = async () => {
    failAll((name) => `${name}: not imported: the parser was closed`)
    await worker?.terminate()
    worker = undefined
  }
  return parse
}
