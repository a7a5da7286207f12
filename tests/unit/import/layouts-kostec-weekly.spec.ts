import { describe, expect, test } from 'vitest'
import { kostecWeeklyLayout, parseDocument, pickLayout } from '../../../archive/import/layouts/index.ts'
import { PARSER_VERSION, parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import { readSeedText, seedAvailable } from '../../helpers/seed.ts'

const available = seedAvailable()
const ctx = { fileName: 'kostec-weekly-2023-04-07.txt', sourceHash: 'a'.repeat(64), importDate: '2026-01-02' }

describe.skipIf(!available)('the KOSTEC weekly layout on the seed issue (../shared/seed)', () => {
  const text = available ? readSeedText() : ''
  const doc = { format: 'text' as const, text, meta: {}, notes: [] }

  test('is chosen for the seed, with full confidence', () => {
    expect(pickLayout(doc).name).toBe('kostec-weekly')
    expect(kostecWeeklyLayout.detect(doc)).toBeGreaterThanOrEqual(0.9)
  })

  test('gives exactly what parseBriefing gives, plus kind, format, layout and publishedFrom', () => {
    const direct = parseBriefing(text, { fileName: ctx.fileName, sourceHash: ctx.sourceHash })
    if (!direct.ok) throw new Error(direct.error)
    const b = parseDocument(doc, ctx)
    expect(b).toEqual({ ...direct.briefing, kind: 'weekly', format: 'text', layout: { name: 'kostec-weekly', version: PARSER_VERSION }, publishedFrom: 'document' })
    expect(b.id).toBe('kostec-weekly-2023-04-07')
  })

  test('read from a PDF the format is pdf and the ids are the same', () => {
    const b = parseDocument({ ...doc, format: 'pdf' }, ctx)
    expect(b.format).toBe('pdf')
    expect(b.id).toBe('kostec-weekly-2023-04-07')
  })
})
