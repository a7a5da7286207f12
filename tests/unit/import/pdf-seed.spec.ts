/**
 * The seed issue (../shared/seed, a real KOSTEC weekly as text extracted from its PDF) printed to PDF as a KOSTEC
 * weekly (scripts/pdf-fixtures.ts, headless Chromium) at test time, into a temp folder, then read back: the same
 * briefing as parsing its text. Nothing of the seed is written into the repository. Skips, saying why, without the
 * seed or without a Chromium to print with.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readPdf } from '../../../archive/import/pdf.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import type { Briefing, Item } from '../../../archive/model/briefing.ts'
import { readSeedFacts, readSeedText, seedAvailable } from '../../helpers/seed.ts'
import { lettersAndDigits, pipeRowsToTabs } from './pdf-helpers.ts'

function chromiumAvailable(): boolean {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  const ok = existsSync(path)
  if (!ok) console.log(`skipped: no Chromium at ${path} to print the seed to PDF (set CHROMIUM_PATH)`)
  return ok
}

const available = seedAvailable() && chromiumAvailable()

function parse(text: string, fileName: string): Briefing {
  const result = parseBriefing(text, { fileName })
  if (!result.ok) throw new Error(result.error)
  return result.briefing
}

const items = (b: Briefing): Item[] => b.sections.flatMap((s) => s.items)

describe.skipIf(!available)('the seed issue printed to PDF reads back as its text', () => {
  let dir = ''
  let pdfBytes = new Uint8Array()

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pdf-seed-'))
    const { PdfPrinter, briefingHtml } = await import('../../../scripts/pdf-fixtures.ts')
    const printer = new PdfPrinter()
    try {
      pdfBytes = new Uint8Array(await printer.print(briefingHtml(readSeedText(), 'kostec-weekly-2023-04-07')))
      writeFileSync(join(dir, 'seed.pdf'), pdfBytes)
    } finally {
      await printer.close()
    }
  }, 120_000)

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  test('same id, date, sections, items, block kinds and every letter and digit of each item', async () => {
    const fromText = parse(readSeedText(), 'kostec-weekly-2023-04-07.txt')
    const doc = await readPdf(pdfBytes, 'kostec-weekly-2023-04-07.pdf')
    const fromPdf = parse(pipeRowsToTabs(doc.text), 'kostec-weekly-2023-04-07.pdf')
    const facts = readSeedFacts()
    expect(fromPdf.published).toBe(facts.briefing.published)
    expect(items(fromPdf)).toHaveLength(facts.briefing.itemCount)
    expect(fromPdf.id).toBe(fromText.id)
    expect(fromPdf.sections.map((s) => [s.number, s.title])).toEqual(fromText.sections.map((s) => [s.number, s.title]))
    const a = items(fromText)
    const b = items(fromPdf)
    expect(b.map((i) => [i.id, i.title])).toEqual(a.map((i) => [i.id, i.title]))
    for (let i = 0; i < a.length; i++) {
      expect(b[i].blocks.map((x) => x.kind), a[i].id).toEqual(a[i].blocks.map((x) => x.kind))
      expect(lettersAndDigits(b[i].blocks), a[i].id).toBe(lettersAndDigits(a[i].blocks))
    }
    expect(lettersAndDigits(fromPdf.summary)).toBe(lettersAndDigits(fromText.summary))
    expect(fromPdf.warnings).toEqual(fromText.warnings)
  })
})
