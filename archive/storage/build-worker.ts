/** Worker thread that builds search index shards off the calling thread (see worker-builder.ts). */
import { parentPort } from 'node:worker_threads'
import type { SearchDocument } from '../search/documents.ts'
import { buildShardFiles } from './shard-file.ts'
import { foldHanCodePoint } from '../search/fold-han.ts'

interface BuildRequest {
  id: number
  key: string
  documents: SearchDocument[]
}

// load the Han folding table now, while the first shard's briefings are still being read
foldHanCodePoint(0x4e00)

parentPort?.on('message', (req: BuildRequest) => {
  try {
    const bytes = buildShardFiles(req.key, req.documents)
    parentPort?.postMessage({ id: req.id, index: bytes.index, text: bytes.text }, [bytes.index.buffer as ArrayBuffer, bytes.text.buffer as ArrayBuffer])
  } catch (error) {
    parentPort?.postMessage({ id: req.id, error: error instanceof Error ? error.message : String(error) })
  }
})
