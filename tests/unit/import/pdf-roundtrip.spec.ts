/**
 * Issue 9's done-means for PDF: each bundled sample printed to PDF (archive/sample/pdf/, made by
 * scripts/make-sample-pdfs.ts from archive/sample/briefings/*.txt) → readPdf → the KOSTEC weekly parser yields the
 * same briefing as parsing the sample's text: id, date, sections, items (ids, titles, block kinds and every letter
 * and digit of each item's text).
 *
 * The reader gives tables as Markdown pipe rows (the line convention of archive/import/types.ts); the KOSTEC weekly
 * parser reads the text layout's tab-separated rows, so the rows are turned into tab rows here, as the layout does.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { readPdf } from '../../../archive/import/pdf.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import type { Briefing, Item } from '../../../archive/model/briefing.ts'
import { pipeRowsToTabs, lettersAndDigits, REPO } from './pdf-helpers.ts'

const samples = join(REPO, 'archive/sample/briefings')
const pdfs = join(REPO, 'archive/sample/pdf')
const names = readdirSync(pdfs).filter((f) => f.endsWith('.pdf')).map((f) => basename(f, '.pdf')).sort()

function parse(text: string, fileName: string): Briefing {
  const result = parseBriefing(text, { fileName })
  if (!result.ok) throw new Error(result.error)
  return result.briefing
}

const items = (b: Briefing): Item[] => b.sections.flatMap((s) => s.items)

describe('sample PDFs round-trip to the same briefing as their text', () => {
  test('there are five sample PDFs, one per sample text', () => {
    const texts = readdirSync(samples).filter((f) => f.endsWith('.txt')).map((f) => basename(f, '.txt')).sort()
    expect(names).toEqual(texts)
    expect(names).toHaveLength(5)
  })

  for (const name of names) {
    test(name, async () => {
      const fromText = parse(readFileSync(join(samples, `${name}.txt`), 'utf8'), `${name}.txt`)
      const doc = await readPdf(new Uint8Array(readFileSync(join(pdfs, `${name}.pdf`))), `${name}.pdf`)
      expect(doc.format).toBe('pdf')
      const fromPdf = parse(pipeRowsToTabs(doc.text), `${name}.pdf`)

      expect(fromPdf.id).toBe(fromText.id)
      expect(fromPdf.published).toBe(fromText.published)
      expect(fromPdf.series).toBe(fromText.series)
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
  }
})
