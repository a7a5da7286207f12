/**
 * Damaged PDFs never crash the reader: every mutant of a fixture (bytes overwritten, cut short, garbage appended)
 * and random bytes give a document or an ImportError, never another error. Fixed seeds, so a failure replays.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { readPdf } from '../../../archive/import/pdf.ts'
import { ImportError } from '../../../archive/import/types.ts'
import { PDF_FIXTURES } from './pdf-helpers.ts'

type Outcome = 'read' | 'refused'

async function outcome(bytes: Uint8Array): Promise<Outcome> {
  try {
    const doc = await readPdf(bytes, 'mutant.pdf')
    expect(typeof doc.text).toBe('string')
    return 'read'
  } catch (e) {
    if (!(e instanceof ImportError)) throw e
    expect(e.reason).not.toMatch(/\n/)
    return 'refused'
  }
}

describe('damaged PDFs', () => {
  const original = new Uint8Array(readFileSync(join(PDF_FIXTURES, 'table-page-break.pdf')))

  test('40 mutants of a fixture: each read or refused with a one-line reason', async () => {
    const mutants = fc.sample(
      fc.record({
        kind: fc.constantFrom('overwrite', 'truncate', 'append'),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        bytes: fc.uint8Array({ minLength: 1, maxLength: 20 })
      }),
      { numRuns: 40, seed: 20261202 }
    )
    const seen: Record<Outcome, number> = { read: 0, refused: 0 }
    for (const m of mutants) {
      const at = Math.floor(m.at * original.length)
      let bytes: Uint8Array
      if (m.kind === 'truncate') bytes = original.slice(0, at)
      else if (m.kind === 'append') bytes = new Uint8Array([...original, ...m.bytes])
      else {
        bytes = original.slice()
        bytes.set(m.bytes.subarray(0, Math.max(0, bytes.length - at)), at)
      }
      seen[await outcome(bytes)]++
    }
    expect(seen.read + seen.refused).toBe(40)
    // both happen: a mutant in a content stream still reads, a cut one is refused
    expect(seen.read).toBeGreaterThan(0)
    expect(seen.refused).toBeGreaterThan(0)
  }, 120_000)

  test('random bytes, with and without a PDF header, are refused', async () => {
    const inputs = fc.sample(fc.tuple(fc.boolean(), fc.uint8Array({ maxLength: 4096 })), { numRuns: 30, seed: 9 })
    for (const [header, body] of inputs) {
      const bytes = header ? new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...body]) : body
      expect(await outcome(bytes)).toBe('refused')
    }
  }, 60_000)
})
