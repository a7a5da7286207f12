/**
 * KOSTEC's weekly issue (중국 과학기술 정책 주간동향): today's parser, archive/parser/parse-briefing.ts, unchanged.
 * Detected by its structure: a CONTENTS / 목차 line, 요약, numbered sections (I, II …) with two-digit items, and
 * the colophon's `| 발 행 일 |` row. Its version is PARSER_VERSION, so a parser change re-parses stored issues.
 */
import type { Briefing } from '../../model/briefing.ts'
import { PARSER_VERSION, parseBriefing } from '../../parser/parse-briefing.ts'
import type { ExtractedDocument } from '../types.ts'
import type { Layout, LayoutContext } from './types.ts'

const SIGNS: RegExp[] = [
  /^\s*(CONTENTS|목\s*차|차\s*례)\s*$/im,
  /^\s*요\s*약\s*$/m,
  /^\s*(I|Ⅰ)\s*[.)]?\s+\S.{0,30}$/m,
  /^\s*(II|Ⅱ)\s*[.)]?\s+\S.{0,30}$/m,
  /^\s*0?1\s*[.)]?\s+\S/m,
  /^\s*\|\s*발\s*행\s*일\s*\|/m
]

/**
 * Markdown pipe rows (how the PDF, HWPX and HTML readers write a table) as the KOSTEC text layout's
 * tab-separated rows: the `|---|` row dropped, `\|` unescaped.
 */
export function pipeRowsToTabs(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\|(?:\s*:?-{3,}:?\s*\|)+$/.test(l))
    .map((l) => {
      if (!/^\|.*\|$/.test(l)) return l
      return l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|'))
        .join('\t')
    })
    .join('\n')
}

export const kostecWeeklyLayout: Layout = {
  name: 'kostec-weekly',
  version: PARSER_VERSION,
  detect(doc: ExtractedDocument): number {
    // the contents and sections are at the start, the colophon at the end: a long issue is looked at in both
    const text = doc.text.length <= 400_000 ? doc.text : `${doc.text.slice(0, 200_000)}\n${doc.text.slice(-200_000)}`
    const hits = SIGNS.filter((s) => s.test(text)).length
    const series = /주\s*\/?\s*간\s*\/?\s*동\s*\/?\s*향/.test(text.slice(0, 2000)) ? 1 : 0
    // without the colophon's date row (or a date in the file name) parseBriefing cannot date the issue
    const dated = SIGNS[5].test(text) || /\d{4}-\d{2}-\d{2}/.test(doc.meta.published ?? '')
    const score = Math.min(1, (hits + series) / SIGNS.length)
    return dated ? score : score / 3
  },
  parse(doc: ExtractedDocument, ctx: LayoutContext): Briefing {
    // The weekly parser reads a table as tab-separated rows (the text layout); the other readers write pipe rows.
    const text = doc.format === 'text' ? doc.text : pipeRowsToTabs(doc.text)
    const result = parseBriefing(text, { fileName: ctx.fileName, sourceHash: ctx.sourceHash })
    if (!result.ok) throw new Error(result.error)
    return {
      ...result.briefing,
      kind: 'weekly',
      format: doc.format,
      layout: { name: 'kostec-weekly', version: PARSER_VERSION },
      publishedFrom: 'document'
    }
  }
}
