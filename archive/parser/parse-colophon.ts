import type { Colophon } from '../model/briefing.ts'
import { parseFullDate } from './dates.ts'
import { cleanSeriesTitle } from './parse-front.ts'
import { isBlank, urlOfLine, type SourceLine } from './lines.ts'

const LABEL_ROW = /^\|\s*([^|]+?)\s*\|\s*(.*)$/
const UPPER = /^[A-Z][A-Z0-9 &,.'-]*$/

/**
 * Index where the colophon starts: the block of English masthead lines and the series title that
 * precede the first `| 발 행 일 |`-style row. Returns `lines.length` when there is no colophon.
 */
export function findColophonStart(lines: SourceLine[]): number {
  const first = lines.findIndex((l) => {
    const m = LABEL_ROW.exec(l.norm)
    return m !== null && /^발행/.test(m[1].replace(/\s+/g, ''))
  })
  if (first < 0) return lines.length
  let start = first
  for (let i = first - 1; i >= 0; i--) {
    const l = lines[i]
    if (isBlank(l) || UPPER.test(l.norm) || /주\s*\/?\s*간\s*\/?\s*동\s*\/?\s*향/.test(l.norm)) start = i
    else break
  }
  return start
}

/** Parses the colophon: publication date, issuer, publisher (Korean and English), address, phone, website. */
export function parseColophon(lines: SourceLine[]): Colophon {
  const colophon: Colophon = {}
  const englishBlocks: string[][] = [[]]
  const masthead: string[] = []
  let addressOpen = false
  for (const line of lines) {
    if (isBlank(line)) {
      englishBlocks.push([])
      continue
    }
    const row = LABEL_ROW.exec(line.norm)
    const url = urlOfLine(line.text)
    if (row) {
      const label = row[1].replace(/\s+/g, '')
      const value = line.text.replace(/^\|[^|]*\|\s*/, '').trim()
      addressOpen = false
      if (label === '발행일') colophon.published = parseFullDate(value)
      else if (label === '발행인') colophon.issuer = value
      else if (label === '발행기관') colophon.publisher = value
      else if (label === '발행처' || label === '주소') {
        colophon.address = value.replace(/^주소\s*[:：]\s*/, '')
        addressOpen = true
      }
    } else if (url) {
      colophon.website = url
      addressOpen = false
    } else if (/^(TEL|전화)\s*[:：]/i.test(line.norm)) {
      colophon.tel = line.text.replace(/^\S+\s*[:：]\s*/, '')
      addressOpen = false
    } else if (addressOpen) {
      colophon.address = `${colophon.address ?? ''} ${line.text}`.trim()
    } else if (UPPER.test(line.norm)) {
      englishBlocks[englishBlocks.length - 1].push(line.norm.trim())
      masthead.push(line.text)
    } else if (/동\s*\/?\s*향|브리핑/.test(line.norm)) {
      colophon.series = cleanSeriesTitle(line.norm)
    } else {
      masthead.push(line.text)
    }
  }
  if (masthead.length > 0) colophon.masthead = masthead
  const english = englishBlocks
    .map((b) => b.join(' ').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)[0]
  if (english && english.includes(' ')) colophon.publisherEnglish = english
  return colophon
}
