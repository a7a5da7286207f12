import type { Briefing, Item, ParseWarning, Section } from '../model/briefing.ts'
import { briefingId, itemId } from '../model/ids.ts'
import { sha256OfText } from '../model/sha256.ts'
import { isBlank, nextNonBlank, cleanInline, splitLines, type SourceLine } from './lines.ts'
import { parseFront } from './parse-front.ts'
import { findColophonStart, parseColophon } from './parse-colophon.ts'
import { parseItemBody } from './parse-item.ts'
import { matchContents } from './match-contents.ts'
import { regionsOfTitle } from './regions.ts'

/** Bumped whenever the parser's output changes; stored parses older than this are re-parsed (3: a note box's label is its marker only). */
export const PARSER_VERSION = 3

export interface ParseOptions {
  /** Shown in errors and kept as `sourceFile`. */
  fileName?: string
  /** sha256 hex of the source bytes; computed from the text when absent. */
  sourceHash?: string
}

export type ParseResult = { ok: true; briefing: Briefing } | { ok: false; error: string }

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']
const SECTION_INLINE = /^(X|IX|IV|V?I{0,3})\s*[.)]?\s+(\S.*)$/
const SECTION_ALONE = /^(X|IX|IV|V?I{0,3})\s*[.)]?$/
const ITEM_INLINE = /^(\d{1,2})\s*[.)]?\s+(\S.*)$/
const ITEM_ALONE = /^(\d{1,2})\s*[.)]?$/

interface Heading {
  number: string
  title: string
  /** Index of the first line after the heading. */
  next: number
}

/** A section heading `II 기술동向` or `II` alone with the title on the next non-blank line. */
function sectionHeading(lines: SourceLine[], i: number, expected: string, end: number): Heading | undefined {
  const n = lines[i].norm.trim()
  if (lines[i].tabbed) return undefined
  const inline = SECTION_INLINE.exec(n)
  if (inline && inline[1] === expected && inline[2].length <= 30) {
    return { number: expected, title: cleanInline(lines[i].text.replace(/^\S+\s*[.)]?\s+/, '')), next: i + 1 }
  }
  if (SECTION_ALONE.exec(n)?.[1] === expected) {
    const j = nextNonBlank(lines, i + 1, end)
    if (j >= 0 && lines[j].text.length <= 30 && !/^\d/.test(lines[j].norm)) {
      return { number: expected, title: cleanInline(lines[j].text), next: j + 1 }
    }
  }
  return undefined
}

/** An item heading `01 title` or `01` alone with the title on the next non-blank line. */
function itemHeading(lines: SourceLine[], i: number, last: number, end: number): Heading | undefined {
  const line = lines[i]
  if (line.tabbed) return undefined
  const n = line.norm.trim()
  const inline = ITEM_INLINE.exec(n)
  const alone = inline ? undefined : ITEM_ALONE.exec(n)
  const num = Number((inline ?? alone)?.[1] ?? NaN)
  if (!(num > last && num <= last + 3)) return undefined
  const number = String(num).padStart(2, '0')
  if (inline) return { number, title: cleanInline(line.text.replace(/^\S+\s*[.)]?\s+/, '')), next: i + 1 }
  const j = nextNonBlank(lines, i + 1, end)
  if (j < 0 || lines[j].tabbed || /^[■●\-–•*〈<]/.test(lines[j].norm)) return undefined
  return { number, title: cleanInline(lines[j].text), next: j + 1 }
}

function fail(fileName: string | undefined, reason: string): ParseResult {
  return { ok: false, error: `${fileName ?? 'input'}: ${reason}` }
}

/**
 * Parses the text of one briefing in the KOSTEC weekly layout. Never throws on bad input:
 * a line it does not understand becomes a paragraph plus a warning; a text with no
 * recognisable publication date is an error naming the file.
 */
export function parseBriefing(text: string, options: ParseOptions = {}): ParseResult {
  const { fileName } = options
  if (typeof text !== 'string' || text.trim() === '') return fail(fileName, 'the file is empty')
  const lines = splitLines(text)
  const warnings: ParseWarning[] = []
  const warn = (line: SourceLine, message: string): void => {
    warnings.push({ line: line.no, message, text: line.text })
  }

  const colophonStart = findColophonStart(lines)
  const colophon = parseColophon(lines.slice(colophonStart))
  const published = colophon.published ?? /(\d{4}-\d{2}-\d{2})/.exec(fileName ?? '')?.[1]
  if (!published) return fail(fileName, 'no publication date found (expected a "| 발 행 일 | 2023. 4. 7" line)')

  // the body starts at the first section heading "I …" after the summary (or the contents)
  const summaryAt = lines.findIndex((l) => /^요\s*약$/.test(l.norm.trim()))
  let bodyStart = colophonStart
  for (let i = Math.max(0, summaryAt); i < colophonStart; i++) {
    if (sectionHeading(lines, i, 'I', colophonStart)) {
      bodyStart = i
      break
    }
  }
  const front = parseFront(lines.slice(0, bodyStart), warn)
  const series = front.series ?? colophon.series
  if (!series) return fail(fileName, 'no series title found before the contents')
  const id = briefingId(series, published)
  if (bodyStart === colophonStart) warnings.push({ line: 1, message: 'no numbered sections (I, II …) found', text: '' })

  const sections: Section[] = []
  const ranges: Array<{ item: Item; from: number; to: number }> = []
  let section: Section | undefined
  let current: { item: Item; from: number } | undefined
  let lastItem = 0
  const close = (to: number): void => {
    if (current) ranges.push({ ...current, to })
    current = undefined
  }
  for (let i = bodyStart; i < colophonStart; i++) {
    if (isBlank(lines[i])) continue
    const sec = sectionHeading(lines, i, ROMAN[sections.length] ?? '', colophonStart)
    if (sec) {
      close(i)
      section = { number: sec.number, title: sec.title, items: [] }
      sections.push(section)
      lastItem = 0
      i = sec.next - 1
      continue
    }
    const head = section ? itemHeading(lines, i, lastItem, colophonStart) : undefined
    if (head && section) {
      close(i)
      if (Number(head.number) !== lastItem + 1) warn(lines[i], `item numbering skips from ${lastItem} to ${head.number}`)
      lastItem = Number(head.number)
      const item: Item = {
        id: itemId(id, section.number, head.number),
        section: section.number,
        number: head.number,
        title: head.title,
        regions: regionsOfTitle(head.title),
        blocks: []
      }
      section.items.push(item)
      current = { item, from: head.next }
      i = head.next - 1
      continue
    }
    if (!current) {
      warn(lines[i], 'text outside any item')
      sections.at(-1)?.items.at(-1)?.blocks.push({ kind: 'paragraph', text: cleanInline(lines[i].text) })
    }
  }
  close(colophonStart)
  for (const { item, from, to } of ranges) parseItemBody(item, lines.slice(from, to), { published, warn })
  warnings.sort((a, b) => a.line - b.line)

  for (const title of matchContents(front.contents, sections)) {
    warnings.push({ line: 0, message: 'contents entry matches no item in the body', text: title })
  }

  const briefing: Briefing = {
    id,
    series,
    published,
    publisher: colophon.publisher ?? /^본\s*\S+\s+(\S+?)(가|이)\s/.exec(front.notice ?? '')?.[1] ?? '',
    publisherEnglish: colophon.publisherEnglish,
    issuer: colophon.issuer ?? '',
    website: colophon.website,
    contents: front.contents,
    summary: front.summary,
    sections,
    colophon: { ...colophon, series: colophon.series ?? series, notice: front.notice },
    sourceHash: options.sourceHash ?? sha256OfText(text),
    sourceFile: fileName,
    sample: /샘플|sample/i.test(series) || undefined,
    warnings
  }
  return { ok: true, briefing }
}
