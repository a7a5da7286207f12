import type { ContentsSection, ParseWarning } from '../model/briefing.ts'
import { cleanInline, isBlank, type SourceLine } from './lines.ts'

/** What the pages before the first section yield. */
export interface FrontMatter {
  series?: string
  contents: ContentsSection[]
  summary: string[]
  notice?: string
}

const CONTENTS_LINE = /^(contents|목\s*차|차\s*례)$/i
const SUMMARY_LINE = /^(요\s*약|주요\s*내용\s*요약|summary)$/i
const CONTENTS_SECTION = /^(\d{1,2})\s*[.)]\s*(\S.*)$/
const ENTRY = /^[•·∙●○◦▪□■\-–*]\s*(\S.*)$/
const SUMMARY_BULLET = /^[-–•·∙●○◦▪□■]\s*(\S.*)$/

/** Joins a title whose characters were spaced by slashes (`주/간/동/향`). */
export function cleanSeriesTitle(text: string): string {
  return text.replace(/\s*\/\s*/g, '').replace(/\s+/g, ' ').trim()
}

/** Finds the series title among the lines before the contents. */
function findSeries(lines: SourceLine[]): string | undefined {
  const candidates = lines.filter((l) => !isBlank(l)).map((l) => cleanSeriesTitle(l.norm))
  return (
    candidates.find((c) => /(주간|월간|격주)\s*동향|브리핑|briefing/i.test(c) && c.length <= 60) ??
    candidates.find((c) => c.length > 3 && c.length <= 60)
  )
}

/**
 * Parses everything before the first body section: the series title, the table of contents
 * (sections → categories → entries), the publisher's notice and the 요약 bullets.
 */
export function parseFront(lines: SourceLine[], warn: (line: SourceLine, message: string) => void): FrontMatter {
  const contentsAt = lines.findIndex((l) => CONTENTS_LINE.test(l.norm.trim()))
  const summaryAt = lines.findIndex((l, i) => i > contentsAt && SUMMARY_LINE.test(l.norm.trim()))
  const front: FrontMatter = { contents: [], summary: [] }
  front.series = findSeries(lines.slice(0, contentsAt >= 0 ? contentsAt : summaryAt >= 0 ? summaryAt : 0))

  const contentsEnd = summaryAt >= 0 ? summaryAt : lines.length
  let section: ContentsSection | undefined
  for (let i = contentsAt + 1; contentsAt >= 0 && i < contentsEnd; i++) {
    const line = lines[i]
    if (isBlank(line)) continue
    const sec = CONTENTS_SECTION.exec(line.norm)
    const entry = ENTRY.exec(line.norm)
    if (/^본\s*(보고서|자료)/.test(line.text) || line.text.length > 80) {
      front.notice = [front.notice, cleanInline(line.text)].filter(Boolean).join(' ')
    } else if (sec) {
      section = { number: sec[1], title: cleanInline(line.text.replace(/^\S+\s*[.)]\s*/, '')), categories: [] }
      front.contents.push(section)
    } else if (entry && section) {
      if (section.categories.length === 0) section.categories.push({ title: '', entries: [] })
      const title = cleanInline(line.text.replace(/^\S\s*/, ''))
      section.categories[section.categories.length - 1].entries.push({ title })
    } else if (section && line.text.length <= 20) {
      section.categories.push({ title: cleanInline(line.text), entries: [] })
    } else {
      warn(line, 'unrecognised line in the contents')
    }
  }

  if (summaryAt >= 0) {
    for (let i = summaryAt + 1; i < lines.length; i++) {
      const line = lines[i]
      if (isBlank(line)) continue
      const bullet = SUMMARY_BULLET.exec(line.norm)
      if (bullet) front.summary.push(cleanInline(line.text.replace(/^\S\s*/, '')))
      else if (front.summary.length > 0) {
        // a bullet the extractor wrapped onto a second line
        front.summary[front.summary.length - 1] += ' ' + cleanInline(line.text)
      } else {
        front.summary.push(cleanInline(line.text))
        warn(line, 'summary line without a bullet')
      }
    }
  }
  return front
}

export type { ParseWarning }
