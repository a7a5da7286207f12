/**
 * The worker-thread parser gives what parseSourceBytes gives, keeps the calling thread free, and gives up on a
 * file that takes too long without losing the next one.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { parseSourceBytes } from '../../../archive/import/parse-source.ts'
import { createWorkerParser } from '../../../archive/import/worker-parser.ts'

const ROOT = join(import.meta.dirname, '../../..')
const ID = 'sample-weekly-2026-01-09'
const NOW = new Date(2026, 11, 2, 10)
const parser = createWorkerParser()
afterAll(() => parser.close())

describe('createWorkerParser', () => {
  test('a text and a PDF parse in the worker exactly as in this thread', async () => {
    for (const [name, bytes] of [
      [`${ID}.txt`, readFileSync(join(ROOT, 'archive/sample/briefings', `${ID}.txt`))],
      [`${ID}.pdf`, readFileSync(join(ROOT, 'archive/sample/pdf', `${ID}.pdf`))]
    ] as const) {
      expect(await parser(name, bytes, NOW)).toEqual(await parseSourceBytes(name, bytes, NOW))
    }
  })

  test('while a PDF parses in the worker, this thread keeps running (timers fire)', async () => {
    const bytes = readFileSync(join(ROOT, 'archive/sample/pdf', `${ID}.pdf`))
    let ticks = 0
    const timer = setInterval(() => ticks++, 5)
    const result = await parser(`${ID}.pdf`, bytes, NOW)
    clearInterval(timer)
    expect(result.ok).toBe(true)
    expect(ticks).toBeGreaterThan(3)
  })

  test('bad bytes: the one-line error, as in this thread', async () => {
    const bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])
    expect(await parser('old.hwp', bytes, NOW)).toEqual(await parseSourceBytes('old.hwp', bytes, NOW))
  })

  test('a file over the time limit fails with the reason; the worker is started again for the next file', async () => {
    // A worker script that never answers its first message and answers the others as the real one does.
    const dir = mkdtempSync(join(tmpdir(), 'worker-parser-'))
    const script = join(dir, 'slow-worker.mjs')
    writeFileSync(
      script,
      `import { parentPort } from 'node:worker_threads'\n` +
        `import { existsSync, writeFileSync } from 'node:fs'\n` +
        `const mark = ${JSON.stringify(join(dir, 'started-once'))}\n` +
        `const first = !existsSync(mark); writeFileSync(mark, '')\n` +
        `parentPort.on('message', (m) => { if (!first) parentPort.postMessage({ id: m.id, result: { ok: false, error: m.fileName + ': answered' } }) })\n`
    )
    const slow = createWorkerParser(script, 300)
    try {
      expect(await slow('stuck.pdf', new Uint8Array(1))).toEqual({ ok: false, error: 'stuck.pdf: not imported: parsing took longer than 0.3 s' })
      expect(await slow('next.txt', new Uint8Array(1))).toEqual({ ok: false, error: 'next.txt: answered' })
    } finally {
      await slow.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
