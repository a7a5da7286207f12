import type { Block, Item, Table } from '../model/briefing.ts'
import { trailingDate } from './dates.ts'
import { cleanInline, isBlank, urlOfLine, type SourceLine } from './lines.ts'
import { parseCell, rowKey, splitRow } from './parse-table.ts'

const HEADLINE = /^[■◼▣▶]\s*(\S.*)$/
const BULLET = /^([-–‐●○◦▪□·•∙◆◇▸➢►])\s*(\S.*)$/
const FOOTNOTE = /^(\*{1,3})\s*(\S.*)$/
const NESTED_FOOTNOTE = /^[-–]\s*(\*{1,3})\s*(\S.*)$/
const CAPTION = /^[〈<《]\s*(.+?)\s*[〉>》]$/
const NOTE_TITLE = /^※\s*(참고|참조|주)?\s*[:：]?\s*(.*)$/
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

interface State {
  blocks: Block[]
  table?: { table: Table; header: string }
  caption?: string
  note?: Extract<Block, { kind: 'note' }>
  inReferences: boolean
  /** A reference or source still waiting for the URL on a following line. */
  awaitingUrl?: Extract<Block, { kind: 'reference' } | { kind: 'source' }>
}

function flushCaption(s: State): void {
  if (s.caption !== undefined) s.blocks.push({ kind: 'caption', text: s.caption })
  s.caption = undefined
}

/**
 * Parses the lines of one item (after its heading) into blocks, and fills the item's date and
 * short-news source. Every line ends up in a block; lines it does not recognise become paragraphs
 * and warnings.
 */
export function parseItemBody(item: Item, lines: SourceLine[], ctx: ItemContext): void {
  const s: State = { blocks: item.blocks, inReferences: false }
  for (const line of lines) {
    if (isBlank(line)) continue
    const n = line.norm

    if (s.table && line.tabbed) {
      const cells = splitRow(line.body)
      if (rowKey(cells) === s.table.header) continue // header repeated after a page break
      addRow(s.table.table, cells, line, ctx)
      continue
    }
    s.table = undefined

    if (line.tabbed && !s.inReferences) {
      const columns = splitRow(line.body).map((c) => parseCell(c).text)
      const table: Table = { caption: s.caption, columns, rows: [] }
      s.caption = undefined
      s.note = undefined
      s.blocks.push({ kind: 'table', table })
      s.table = { table, header: rowKey(splitRow(line.body)) }
      continue
    }

    const url = urlOfLine(line.text)
    if (url) {
      flushCaption(s)
      if (s.awaitingUrl) {
        s.awaitingUrl.url = url
        s.awaitingUrl = undefined
      } else {
        s.blocks.push({ kind: 'reference', title: url, url })
        ctx.warn(line, 'a URL with no title above it')
      }
      continue
    }
    if (s.awaitingUrl?.kind === 'reference') {
      ctx.warn(line, 'reference without a URL')
      s.awaitingUrl = undefined
    }

    const caption = CAPTION.exec(n)
    if (caption) {
      flushCaption(s)
      s.note = undefined
      const inner = line.text.trim().slice(1, -1).trim()
      const note = NOTE_TITLE.exec(inner.normalize('NFKC'))
      if (note) {
        const title = inner.replace(/^※\s*(참고|참조|주)?\s*[:：]?\s*/, '')
        s.note = { kind: 'note', label: cleanInline(inner), title: cleanInline(title), items: [] }
        s.blocks.push(s.note)
      } else {
        s.caption = cleanInline(inner)
      }
      continue
    }
    flushCaption(s)

    if (s.note) {
      const entry = NOTE_ENTRY.exec(n)
      if (entry) {
        s.note.items.push(cleanInline(line.text.replace(/^(?:[-–]\s*)?\S\s*/, '')))
        continue
      }
      s.note = undefined
    }

    if (REFERENCES.test(n.trim())) {
      s.inReferences = true
      continue
    }
    const figureSource = FIGURE_SOURCE.exec(n)
    if (figureSource) {
      s.blocks.push({ kind: 'figureSource', url: figureSource[1] })
      continue
    }
    const news = NEWS_SOURCE.exec(n)
    if (news && urlOfLine(news[1])) {
      s.blocks.push({ kind: 'figureSource', url: urlOfLine(news[1]) ?? '' })
      continue
    }
    if (news) {
      const name = cleanInline(news[1])
      const date = news[2] ? trailingDate(news[2], ctx.published) : undefined
      const block: Extract<Block, { kind: 'source' }> = { kind: 'source', name, date }
      s.blocks.push(block)
      s.awaitingUrl = block
      item.source ??= name
      item.date ??= date
      continue
    }
    if (s.inReferences) {
      const ref = REFERENCE_ENTRY.exec(n)
      if (ref) {
        const inlineUrl = /<?(https?:\/\/[^\s<>]+)>?\s*$/.exec(line.text)
        const title = cleanInline(
          line.text.replace(/^(?:[-–－]\s*)?[☑☐✓✔▷▶◦•]?\s*/, '').replace(/<?https?:\/\/\S+$/, '')
        )
        const block: Extract<Block, { kind: 'reference' }> = { kind: 'reference', title, url: inlineUrl?.[1] ?? '' }
        s.blocks.push(block)
        if (!inlineUrl) s.awaitingUrl = block
        continue
      }
    }

    const headline = HEADLINE.exec(n)
    if (headline) {
      const text = cleanInline(line.text.replace(/^\S\s*/, ''))
      s.blocks.push({ kind: 'headline', text })
      item.date ??= trailingDate(text, ctx.published)
      continue
    }
    const nested = NESTED_FOOTNOTE.exec(n)
    const footnote = nested ?? FOOTNOTE.exec(n)
    if (footnote) {
      const text = cleanInline(line.text.replace(/^(?:[-–－]\s*)?[*＊]{1,3}\s*/, ''))
      s.blocks.push({ kind: 'footnote', marker: footnote[1], text, level: nested || line.indent > 0 ? 2 : 1 })
      continue
    }
    const bullet = BULLET.exec(n)
    if (bullet) {
      const text = cleanInline(line.text.replace(/^\S\s*/, ''))
      const level = Math.min(4, (BULLET_LEVEL[bullet[1]] ?? 1) + (line.indent > 0 ? 1 : 0))
      s.blocks.push({ kind: 'bullet', text, level })
      // an item without a ■ headline takes its date from its first dated bullet
      if (!item.blocks.some((b) => b.kind === 'headline')) item.date ??= trailingDate(text, ctx.published)
      continue
    }
    s.blocks.push({ kind: 'paragraph', text: cleanInline(line.text) })
    ctx.warn(line, 'unrecognised line kept as a paragraph')
  }
  flushCaption(s)
  if (s.awaitingUrl?.kind === 'reference') ctx.warn(lines[lines.length - 1], 'reference without a URL')
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
