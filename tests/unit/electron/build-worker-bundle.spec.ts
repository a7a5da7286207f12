import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, test } from 'vitest'
import { generateBriefings } from '../../../archive/sample/generate.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import { briefingDocuments } from '../../../archive/search/documents.ts'
import { decodeShard } from '../../../archive/storage/shard-file.ts'
import { createWorkerBuilder } from '../../../archive/storage/worker-builder.ts'

const built = resolve(import.meta.dirname, '../../../out/main/build-worker.js')

// npm test builds before the unit tests; run by hand without a build, this prints why it skips
if (!existsSync(built)) console.log(`skipped: ${built} not built (run npm run build)`)

describe.skipIf(!existsSync(built))('the bundled index worker (out/main/build-worker.js)', () => {
  test('builds a shard that decodes, as the app main process uses it', async () => {
    const builder = createWorkerBuilder(pathToFileURL(built))
    const docs = generateBriefings(2, { seed: 5 }).flatMap((g) => {
      const r = parseBriefing(g.text)
      if (!r.ok) throw new Error(r.error)
      return briefingDocuments(r.briefing)
    })
    const bytes = await builder('2026', docs)
    const loaded = decodeShard(bytes.index, '/dev/null', 'bundled.idx')
    expect(loaded.shard.docs.map((d) => d.itemId)).toEqual(docs.map((d) => d.itemId))
    expect(loaded.shard.terms.length).toBeGreaterThan(100)
    await builder.close()
  })
})
