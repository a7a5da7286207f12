/** Worker thread that parses source files off the calling thread (see worker-parser.ts). */
import { parentPort } from 'node:worker_threads'
import { parseSourceBytes } from './parse-source.ts'

interface ParseRequest {
  id: number
  fileName: string
  bytes: Uint8Array
  now: number
}

parentPort?.on('message', (req: ParseRequest) => {
  parseSourceBytes(req.fileName, req.bytes, new Date(req.now)).then(
    (result) => parentPort?.postMessage({ id: req.id, result }),
    (error: unknown) =>
      parentPort?.postMessage({ id: req.id, result: { ok: false, error: `${req.fileName}: cannot be read (${error instanceof Error ? error.message : String(error)})` } })
  )
})
