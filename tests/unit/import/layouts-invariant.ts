/**
 * The invariant of issue 9: every letter and digit of a document's text appears in the briefing parsed from it,
 * as often as in the source (a multiset, after NFKC on both sides).
 *
 * Where it looks in the briefing: the post's title, the contents, the summary, every section, item and block
 * (titles, numbers, texts, table cells, references), the colophon, and the text of each warning (what a layout
 * left out on purpose — site chrome, image file names — is listed there, never dropped silently). It does not look
 * at ids, dates, regions, layout names or the warnings' messages: those are derived, not the source's text.
 * For a weekly issue it also looks at the series, publisher and issuer, which the KOSTEC parser reads from the text.
 *
 * Not text: a bullet mark standing alone as a word (`ㅇ`, `º` and the `l` of a lost Wingdings glyph; `º` also
 * opening a line; the other marks, □ ○ ※ …, are not letters), mid-line too, as the parser may start a line there:
 * it splits a line before a label or a board's chrome (`조회수12 등록일2024.10.11 º 제목`) and leaves out image
 * remnants (`![]()ㅇ 제목`). Nor the labels a briefing holds as structure rather than words: a references heading
 * (`<참고자료>`, `[참고자료]`, `참고자료` as a word of its own, `<출처>` …) is the item's references, a contents
 * label (`[목차]`, `목차`) is the briefing's contents.
 */
const STRUCTURE_LABELS = [
  /[<[〈《【(]\s*(참고\s*자료|참고\s*문헌|참고|관련\s*자료|원문\s*자료|출처|자료\s*출처|목\s*차)\s*[>\]〉》】)]/gu,
  // a references label as a word of its own: the parser finds it alone on a line once it has split off or left out
  // what stood beside it (`1-1.PNG 참고자료`, `참고자료조회수12 …`, `참고자료:제목`)
  /(?<=^|\s)(※\s*)?(참고\s*자료|참고\s*문헌|관련\s*자료|references?)\s*(?:[:：]|(?=\s|$|[[<]|조회|등록일|작성일|게시일))/gimu,
  /^\s*목\s*차\s*[:：]?(?=\s|$)/gmu
]

/** The source with what is not text removed (see above). */
export function sourceText(source: string): string {
  let s = source.normalize('NFC')
  // first the labels: the text after one starts a line of its own (`[참고자료]ㅇ 제목` is a label, then a bullet)
  for (const label of STRUCTURE_LABELS) s = s.replace(label, ' ')
  return (
    s
      // after a closing bracket too: the parser leaves out an image remnant before it (`![]()ㅇ 제목`)
      .replace(/(^|[\s)\]>])(ㅇ|l|º)(?=\s)/gu, '$1')
      // º (a letter once NFKC makes it o) as a bullet mark at the start of a line
      .replace(/(^|\n)([ \t\u3000\u00a0]*)º/gu, '$1$2')
  )
}
import type { Briefing } from '../../../archive/model/briefing.ts'

const SKIP = new Set(['id', 'itemId', 'regions', 'sourceHash', 'sourceFile', 'message', 'line', 'level', 'kind', 'marker'])

function strings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value)
  else if (Array.isArray(value)) for (const v of value) strings(v, out)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!SKIP.has(k)) strings(v, out)
  }
}

/** The briefing's text the invariant reads. */
export function briefingText(b: Briefing): string {
  const out: string[] = []
  strings({ title: b.title, contents: b.contents, summary: b.summary, sections: b.sections, colophon: b.colophon, warnings: b.warnings }, out)
  if (b.kind !== 'post') strings({ series: b.series, publisher: b.publisher, issuer: b.issuer, website: b.website, english: b.publisherEnglish }, out)
  return out.join('\n')
}

function counts(text: string): Map<string, number> {
  const m = new Map<string, number>()
  for (const c of text.normalize('NFKC').matchAll(/[\p{L}\p{N}]/gu)) m.set(c[0], (m.get(c[0]) ?? 0) + 1)
  return m
}

/** Letters and digits of `source` the briefing lacks, with how many are missing (empty: the invariant holds). */
export function missingCharacters(source: string, b: Briefing): string[] {
  const src = counts(sourceText(source))
  const got = counts(briefingText(b))
  const missing: string[] = []
  for (const [c, n] of src) {
    const have = got.get(c) ?? 0
    if (have < n) missing.push(`${c}×${n - have}`)
  }
  return missing
}

/** Letters and digits counted in a text (for the report of characters kept). */
export function letterCount(text: string): number {
  let n = 0
  for (const [, k] of counts(text)) n += k
  return n
}
