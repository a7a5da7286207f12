/** One source line, prepared for classification. */
export interface SourceLine {
  /** 1-based line number in the source text. */
  no: number
  /** The line as displayed: NFC, trailing whitespace removed, leading whitespace removed. */
  text: string
  /** NFKC-folded `text` (full-width → half-width, Ⅱ → II), used only to recognise structure. */
  norm: string
  /** Leading whitespace width (a tab counts as 2). */
  indent: number
  /** True when the line holds a tab after its first character: a table row candidate. */
  tabbed: boolean
  /** The line with leading whitespace kept (for tables, split on tabs). */
  body: string
}

/**
 * Splits source text into prepared lines: drops a BOM, accepts CRLF / CR / LF, composes Hangul (NFC),
 * and drops zero-width characters.
 */
export function splitLines(text: string): SourceLine[] {
  const clean = text
    .replace(/^\uFEFF/, '')
    .replace(/\u200B|\u200C|\u200D|\u2060|\uFEFF/g, '')
    .normalize('NFC')
  return clean.split(/\r\n|\r|\n/).map((raw, i) => prepareLine(raw, i + 1))
}

const TRAILING_SPACE = /[ \t\u3000\u00A0]+$/

function prepareLine(raw: string, no: number): SourceLine {
  const body = removeFirst(raw, TRAILING_SPACE)
  let indent = 0
  let lead = 0
  for (; lead < body.length; lead++) {
    const c = body.charCodeAt(lead)
    if (c === 0x09) indent += 2
    else if (c === 0x20 || c === 0x3000 || c === 0xa0) indent += 1
    else break
  }
  const text = lead === 0 ? body : body.slice(lead)
  const norm = text.normalize('NFKC')
  return {
    no,
    text,
    // the same string when folding changes nothing, so a large file does not hold every line twice
    norm: norm === text ? text : norm,
    indent,
    tabbed: text.includes('\t'),
    body
  }
}

/** True for a line with nothing visible on it. */
export function isBlank(line: SourceLine): boolean {
  return line.text.trim() === ''
}

/** Index of the next non-blank line at or after `from`, or -1. */
export function nextNonBlank(lines: SourceLine[], from: number, end = lines.length): number {
  for (let i = from; i < end; i++) if (!isBlank(lines[i])) return i
  return -1
}

/**
 * `text.replace(pattern, '')` for a pattern without the `g` or `y` flag (the first match removed), made of
 * slices of `text`: what is kept is not copied (a large file's blocks are most of its text).
 */
export function removeFirst(text: string, pattern: RegExp): string {
  const m = pattern.exec(text)
  if (!m || m[0] === '') return text
  return text.slice(0, m.index) + text.slice(m.index + m[0].length)
}

/** Whitespace that {@link cleanInline} changes: a run, anything but a plain space, or a space at either end. */
const UNCLEAN_SPACE = /\s\s|[^\S ]|^ | $/

/**
 * Removes leftover inline markdown emphasis (`**text**`) that some extractors emit, collapses whitespace
 * and trims. A text with nothing to change is returned as it is: most lines, and building a copy of each
 * (two regular-expression replacements) was most of a large file's parsing garbage.
 */
export function cleanInline(text: string): string {
  if (!text.includes('**') && !UNCLEAN_SPACE.test(text)) return text
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\s+/g, ' ').trim()
}

const URL_LINE = /^<?(https?:\/\/[^\s<>]+)>?$/i

/** The URL when the whole line is one (optionally in angle brackets). */
export function urlOfLine(text: string): string | undefined {
  return URL_LINE.exec(text.normalize('NFKC').trim())?.[1]
}
