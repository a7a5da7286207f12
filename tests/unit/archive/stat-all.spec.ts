import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { statAll } from '../../../archive/storage/list-briefings.ts'

const dir = mkdtempSync(join(tmpdir(), 'stat-all-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('statAll (the listing\'s check of each briefing file)', () => {
  test('gives each path its own stat, in order, across several chunks; a missing file or a folder in the way is undefined or not a file', async () => {
    const paths: string[] = []
    for (let i = 0; i < 700; i++) {
      const path = join(dir, `b${i}.json`)
      if (i % 97 !== 5) writeFileSync(path, 'x'.repeat(i))
      paths.push(path)
    }
    mkdirSync(join(dir, 'b699.json.d'))
    paths.push(join(dir, 'b699.json.d'))
    const stats = await statAll(paths)
    expect(stats).toHaveLength(701)
    for (let i = 0; i < 700; i++) {
      if (i % 97 === 5) expect(stats[i], `b${i}`).toBeUndefined()
      else expect(stats[i]?.size, `b${i}`).toBe(i)
    }
    expect(stats[700]?.isFile()).toBe(false)
  })

  test('main\'s other work is answered between chunks (the event loop turns while a large archive is checked)', async () => {
    const paths = Array.from({ length: 2000 }, (_, i) => join(dir, `b${i % 700}.json`))
    // Counts the event loop's turns: a callback that asks for the next turn each time it runs.
    let turns = 0
    let ticking = true
    const tick = (): void => {
      turns++
      if (ticking) setImmediate(tick)
    }
    setImmediate(tick)
    await statAll(paths)
    ticking = false
    // 2,000 files are eight chunks of 256: the loop turned between them (a single synchronous pass: no turn)
    expect(turns).toBeGreaterThanOrEqual(7)
  })
})
