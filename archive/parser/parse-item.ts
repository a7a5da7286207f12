import type { Block, Item, Table } from '../model/briefing.ts'
import { trailingDate } from './dates.ts'
import { cleanInline, isBlank, removeFirst, urlOfLine, type SourceLine } from './lines.ts'
import { parseCell, rowKey, splitRow } from './parse-table.ts'

const HEADLINE = /^[■◼▣▶]\s*(\S.*)$/
const BULLET = /^([-–‐●○◦▪□·•∙◆◇▸➢►])\s*(\S.*)$/
const FOOTNOTE = /^(\*{1,3})\s*(\S.*)$/
const NESTED_FOOTNOTE = /^[-–]\s*(\*{1,3})\s*(\S.*)$/
const CAPTION = /^[〈<《]\s*(.+?)\s*[〉>》]$/
const NOTE_TITLE = /^※\s*(참고|참조|주)?\s*[:：]?\s*(.*)$/
const NOTE_MARKER = /^※\s*(참고|참조|주)?/
const NOTE_ENTRY = /^(?:[-–]\s*)?[✓✔√☞]\s*(\S.*)$/
const REFERENCES = /^(참고\s*자료|참고\s*문헌|references?)\s*[:：]?$/i
const REFERENCE_ENTRY = /^(?:[-–]\s*)?[☑☐✓✔▷▶◦•-]\s*(\S.*)$/
const FIGURE_SOURCE = /^\*\s*(?:출처|자료|source)\s*[:：]\s*<?(https?:\/\/[^\s<>]+)>?\s*$/i
const NEWS_SOURCE = /^(?:출처|source)\s*[:：]\s*(.+?)\s*(\(\s*\d{1,2}\s*\.\s*\d{1,2}\s*\))?\s*$/i

const BULLET_LEVEL: Record<string, number> = { '▪': 2, '·': 2, '∙': 2, '◦': 2 }

/** Context for parsing one item's lines. */
export interface ItemContext {
  published: string
  warn: (line: SourceLine, message: string) => void
}

/** What parsing an item's body has collected so far, and what the next lines may continue. */
interface State {
  item: Item
  ctx: ItemContext
  /** The item's blocks, appended to as lines are taken. */
  blocks: Block[]
  /** The table whose rows are being read, with its header row's key (repeated after a page break). */
  table?: { table: Table; header: string }
  /** A caption waiting for the table below it; otherwise it becomes a caption block. */
  caption?: string
  /** The note box (`〈※ 참고 …〉`) whose `✓` entries are being read. */
  note?: Extract<Block, { kind: 'note' }>
  /** After a `참고자료` heading: bulleted lines are references. */
  inReferences: boolean
  /** A reference or source still waiting for the URL on a following line. */
  awaitingUrl?: Extract<Block, { kind: 'reference' } | { kind: 'source' }>
  /** The item has a ■ headline (kept here: looking for one at every bullet is quadratic in a long item). */
  hasHeadline: boolean
}

/** One kind of line in an item's body. */
interface LineRule<M> {
  name: string
  /** What identifies the line as this kind (truthy), given what came before. */
  matches(line: SourceLine, s: State): M | null | undefined | false
  /** Takes the line: appends its block or updates the state. */
  apply(match: M, line: SourceLine, s: State): void
  /** Runs when the line is not of this kind and goes on to the next rule: it ends what this rule collects. */
  otherwise?(line: SourceLine, s: State): void
}

/** Tries one rule on a line; true when the rule took it. */
type Rule = (line: SourceLine, s: State) => boolean

function rule<M>(r: LineRule<M>): Rule {
  return (line, s) => {
    const match = r.matches(line, s)
    if (!match) {
      r.otherwise?.(line, s)
      return false
    }
    r.apply(match, line, s)
    return true
  }
}

/**
 * The kinds of line in an item's body, tried in this order; the first whose pattern matches takes the
 * line. A line no rule takes becomes a paragraph and a warning.
 */
const LINE_RULES: Rule[] = [
  rule({ name: 'table row', matches: (l, s) => s.table && l.tabbed, apply: addTableRow, otherwise: endTable }),
  rule({ name: 'table header', matches: (l, s) => l.tabbed && !s.inReferences, apply: startTable }),
  rule({ name: 'URL', matches: (l) => urlOfLine(l.text), apply: addUrl, otherwise: endReferenceWithoutUrl }),
  rule({ name: 'caption or note box', matches: (l) => CAPTION.exec(l.norm), apply: addCaption, otherwise: flushCaption }),
  rule({ name: 'note entry', matches: (l, s) => s.note && NOTE_ENTRY.exec(l.norm), apply: addNoteEntry, otherwise: endNote }),
  rule({ name: 'references heading', matches: (l) => REFERENCES.test(l.norm.trim()), apply: startReferences }),
  rule({ name: 'figure source', matches: (l) => FIGURE_SOURCE.exec(l.norm)?.[1], apply: addFigureSource }),
  rule({ name: 'news source with a URL', matches: newsSourceUrl, apply: addFigureSource }),
  rule({ name: 'news source', matches: (l) => NEWS_SOURCE.exec(l.norm), apply: addNewsSource }),
  rule({ name: 'reference entry', matches: (l, s) => s.inReferences && REFERENCE_ENTRY.exec(l.norm), apply: addReference }),
  rule({ name: 'headline', matches: (l) => HEADLINE.exec(l.norm), apply: addHeadline }),
  rule({ name: 'footnote', matches: footnoteMarker, apply: addFootnote }),
  rule({ name: 'bullet', matches: (l) => BULLET.exec(l.norm), apply: addBullet })
]

/**
 * Parses the lines of one item (after its heading) into blocks, and fills the item's date and
 * short-news source. Every line ends up in a block; lines it does not recognise become paragraphs
 * and warnings.
 */
export function parseItemBody(item: Item, lines: SourceLine[], ctx: ItemContext): void {
  const s: State = { item, ctx, blocks: item.blocks, inReferences: false, hasHeadline: item.blocks.some((b) => b.kind === 'headline') }
  for (const line of lines) {
    if (isBlank(line) || LINE_RULES.some((take) => take(line, s))) continue
    s.blocks.push({ kind: 'paragraph', text: cleanInline(line.text) })
    ctx.warn(line, 'unrecognised line kept as a paragraph')
  }
  flushCaption(undefined, s)
  if (s.awaitingUrl?.kind === 'reference') ctx.warn(lines[lines.length - 1], 'reference without a URL')
}

function addTableRow(_: true, line: SourceLine, s: State): void {
  const cells = splitRow(line.body)
  if (s.table && rowKey(cells) !== s.table.header) addRow(s.table.table, cells, line, s.ctx)
}

function addRow(table: Table, cells: string[], line: SourceLine, ctx: ItemContext): void {
  const width = table.columns.length
  let row = cells.map(parseCell)
  if (row.length > width) {
    const extra = row.slice(width - 1).map((c) => c.text).filter(Boolean)
    if (extra.length > 1) ctx.warn(line, `table row has ${row.length} cells for ${width} columns; extra cells joined`)
    row = [...row.slice(0, width - 1), { text: extra.join(' ') }]
  }
  while (row.length < width) row.push({ text: '' })
  table.rows.push(row)
}

function endTable(_line: SourceLine, s: State): void {
  s.table = undefined
}

/** A tabbed line outside a table is a table's header row; a caption just above is the table's. */
function startTable(_: true, line: SourceLine, s: State): void {
  const columns = splitRow(line.body).map((c) => parseCell(c).text)
  const table: Table = { caption: s.caption, columns, rows: [] }
  s.caption = undefined
  s.note = undefined
  s.blocks.push({ kind: 'table', table })
  s.table = { table, header: rowKey(splitRow(line.body)) }
}

/** A URL alone on its line belongs to the reference or source above it. */
function addUrl(url: string, line: SourceLine, s: State): void {
  flushCaption(line, s)
  if (s.awaitingUrl) {
    s.awaitingUrl.url = url
    s.awaitingUrl = undefined
  } else {
    s.blocks.push({ kind: 'reference', title: url, url })
    s.ctx.warn(line, 'a URL with no title above it')
  }
}

function endReferenceWithoutUrl(line: SourceLine, s: State): void {
  if (s.awaitingUrl?.kind !== 'reference') return
  s.ctx.warn(line, 'reference without a URL')
  s.awaitingUrl = undefined
}

/** `〈표 1〉 …` is a caption (kept for a table below); `〈※ 참고 : …〉` opens a note box. */
function addCaption(_: RegExpExecArray, line: SourceLine, s: State): void {
  flushCaption(line, s)
  s.note = undefined
  const inner = line.text.trim().slice(1, -1).trim()
  if (NOTE_TITLE.test(inner.normalize('NFKC'))) {
    // The label is the marker alone (`※ 참고`); the title is the rest, said once.
    const marker = NOTE_MARKER.exec(inner.normalize('NFKC'))?.[1]
    const title = inner.replace(/^※\s*(참고|참조|주)?\s*[:：]?\s*/, '')
    s.note = { kind: 'note', label: marker ? `※ ${marker}` : '※', title: cleanInline(title), items: [] }
    s.blocks.push(s.note)
  } else {
    s.caption = cleanInline(inner)
  }
}

/** A caption with no table right below it stands as a caption block. */
function flushCaption(_line: SourceLine | undefined, s: State): void {
  if (s.caption !== undefined) s.blocks.push({ kind: 'caption', text: s.caption })
  s.caption = undefined
}

function addNoteEntry(_: RegExpExecArray, line: SourceLine, s: State): void {
  s.note?.items.push(cleanInline(removeFirst(line.text, /^(?:[-–]\s*)?\S\s*/)))
}

function endNote(_line: SourceLine, s: State): void {
  s.note = undefined
}

function startReferences(_: true, _line: SourceLine, s: State): void {
  s.inReferences = true
}

function addFigureSource(url: string, _line: SourceLine, s: State): void {
  s.blocks.push({ kind: 'figureSource', url })
}

/** The URL of a `출처 : <https://…>` line. */
function newsSourceUrl(line: SourceLine): string | undefined {
  const news = NEWS_SOURCE.exec(line.norm)
  return news ? urlOfLine(news[1]) : undefined
}

/** `출처 : 新华社 (4.3)` names the item's source and date; its URL may follow on the next line. */
function addNewsSource(news: RegExpExecArray, _line: SourceLine, s: State): void {
  const name = cleanInline(news[1])
  const date = news[2] ? trailingDate(news[2], s.ctx.published) : undefined
  const block: Extract<Block, { kind: 'source' }> = { kind: 'source', name, date }
  s.blocks.push(block)
  s.awaitingUrl = block
  s.item.source ??= name
  s.item.date ??= date
}

/** A reference's title, with its URL at the end of the line or on the next one. */
function addReference(_: RegExpExecArray, line: SourceLine, s: State): void {
  const inlineUrl = /<?(https?:\/\/[^\s<>]+)>?\s*$/.exec(line.text)
  const title = cleanInline(
    removeFirst(removeFirst(line.text, /^(?:[-–－]\s*)?[☑☐✓✔▷▶◦•]?\s*/), /<?https?:\/\/\S+$/)
  )
  const block: Extract<Block, { kind: 'reference' }> = { kind: 'reference', title, url: inlineUrl?.[1] ?? '' }
  s.blocks.push(block)
  if (!inlineUrl) s.awaitingUrl = block
}

/** A `■` headline; the first dated one dates the item. */
function addHeadline(_: RegExpExecArray, line: SourceLine, s: State): void {
  const text = cleanInline(removeFirst(line.text, /^\S\s*/))
  s.blocks.push({ kind: 'headline', text })
  s.hasHeadline = true
  s.item.date ??= trailingDate(text, s.ctx.published)
}

/** `* …` (level 1) or `- * …` / indented `* …` (level 2). */
function footnoteMarker(line: SourceLine): { marker: string; nested: boolean } | undefined {
  const nested = NESTED_FOOTNOTE.exec(line.norm)
  const footnote = nested ?? FOOTNOTE.exec(line.norm)
  return footnote ? { marker: footnote[1], nested: nested !== null } : undefined
}

function addFootnote(m: { marker: string; nested: boolean }, line: SourceLine, s: State): void {
  const text = cleanInline(removeFirst(line.text, /^(?:[-–－]\s*)?[*＊]{1,3}\s*/))
  s.blocks.push({ kind: 'footnote', marker: m.marker, text, level: m.nested || line.indent > 0 ? 2 : 1 })
}

/** A bullet, its level from its mark and indent; an item without a ■ headline is dated by its first dated bullet. */
function addBullet(bullet: RegExpExecArray, line: SourceLine, s: State): void {
  const text = cleanInline(removeFirst(line.text, /^\S\s*/))
  const level = Math.min(4, (BULLET_LEVEL[bullet[1]] ?? 1) + (line.indent > 0 ? 1 : 0))
  s.blocks.push({ kind: 'bullet', text, level })
  if (!s.hasHeadline) s.item.date ??= trailingDate(text, s.ctx.published)
}
