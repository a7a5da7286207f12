/**
 * An item's text as one string, the way anchors see it: the title, then every block's visible text in
 * document order (table cells row by row, header first), one span per piece, joined by newlines. Its
 * canonical form (the search normaliser, with an offset map back) is what quotes, positions and the item
 * hash are taken in.
 */
import type { Block, Item } from '../model/briefing.ts'
import { sha256OfText } from '../model/sha256.ts'
import { normalizeForSearch, type NormalizedText } from '../search/normalize.ts'

/** One piece of the item's raw text. `block` is the index in `item.blocks`; -1 is the title. */
export interface TextSpan {
  block: number
  start: number
  end: number
  /** For a table cell: its row (-1 the header row) and column. */
  cell?: { row: number; column: number }
}

export interface ItemText {
  /** Title and blocks, joined by '\n'. */
  raw: string
  spans: TextSpan[]
  /** `raw` normalised, with the offset map back to it. */
  canonical: NormalizedText
  /** sha256 of the canonical text. */
  hash: string
}

/** The visible texts of one block, with the table cell each comes from. */
function blockTexts(block: Block): Array<{ text: string; cell?: TextSpan['cell'] }> {
  switch (block.kind) {
    case 'headline':
    case 'paragraph':
    case 'bullet':
    case 'footnote':
    case 'caption':
      return [{ text: block.text }]
    case 'note':
      return [{ text: `${block.label} ${block.title}`.trim() }, ...block.items.map((text) => ({ text }))]
    case 'table': {
      const out: Array<{ text: string; cell?: TextSpan['cell'] }> = []
      if (block.table.caption) out.push({ text: block.table.caption })
      block.table.columns.forEach((text, column) => out.push({ text, cell: { row: -1, column } }))
      block.table.rows.forEach((row, r) =>
        row.forEach((cell, column) => out.push({ text: cell.text, cell: { row: r, column } }))
      )
      return out
    }
    case 'reference':
      return [{ text: block.title }]
    case 'source':
      return [{ text: block.name }]
    case 'figureSource':
      return []
  }
}

export function itemText(item: Item): ItemText {
  const spans: TextSpan[] = []
  const parts: string[] = []
  let offset = 0
  const add = (text: string, block: number, cell?: TextSpan['cell']): void => {
    if (text === '') return
    if (parts.length > 0) offset += 1
    spans.push({ block, start: offset, end: offset + text.length, ...(cell ? { cell } : {}) })
    parts.push(text)
    offset += text.length
  }
  add(item.title, -1)
  item.blocks.forEach((block, index) => {
    for (const piece of blockTexts(block)) add(piece.text, index, piece.cell)
  })
  const raw = parts.join('\n')
  const canonical = normalizeForSearch(raw)
  return { raw, spans, canonical, hash: sha256OfText(canonical.text) }
}

/** The spans a raw range [start, end) touches, in order. */
export function spansIn(text: ItemText, start: number, end: number): TextSpan[] {
  return text.spans.filter((s) => s.start < end && s.end > start)
}
