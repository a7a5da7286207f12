import type { Table, TableCell } from '../../archive/model/briefing.ts'

/**
 * How a column is laid out: `ordinal` (1, 2, 3 … centred), `numeric` (amounts, right-aligned),
 * `compact` (short labels kept on one line so a long neighbouring column wraps instead), `text`.
 */
export type ColumnKind = 'ordinal' | 'numeric' | 'compact' | 'text'

const NUMBER = /^[-+]?[\d,.]+\s*%?$/
const ORDINAL = /^\d{1,3}$/
/** Longest label, in characters, a column may have and still be kept on one line. */
const COMPACT_MAX = 12

/** True when a cell holds a number (1,000 / 5.7% / 30,000). */
export function isNumericText(text: string): boolean {
  return NUMBER.test(text.trim())
}

function kindOf(header: string, cells: TableCell[]): ColumnKind {
  const texts = cells.map((cell) => cell.text.trim()).filter((text) => text !== '')
  const hasList = cells.some((cell) => (cell.list?.length ?? 0) > 0)
  if (!hasList && texts.length > 0) {
    if (texts.every((text) => ORDINAL.test(text))) return 'ordinal'
    if (texts.every(isNumericText)) return 'numeric'
  }
  const longest = Math.max(header.length, ...texts.map((text) => text.length))
  return !hasList && longest <= COMPACT_MAX ? 'compact' : 'text'
}

/** The layout kind of every column of `table`. */
export function columnKinds(table: Table): ColumnKind[] {
  const width = Math.max(table.columns.length, ...table.rows.map((row) => row.length))
  return Array.from({ length: width }, (_, column) =>
    kindOf(
      table.columns[column] ?? '',
      table.rows.flatMap((row) => (row[column] ? [row[column]] : []))
    )
  )
}

/** The rows padded with empty cells to `width`, so a short row still draws every border. */
export function paddedRows(table: Table, width: number): TableCell[][] {
  return table.rows.map((row) =>
    row.length >= width ? row : [...row, ...Array.from({ length: width - row.length }, () => ({ text: '' }))]
  )
}

/**
 * What a cell shows: its entries as a list when it has several, and its text only when that is more
 * than the entries run together (the parser keeps that flat form in `text` for search).
 */
export function cellParts(cell: TableCell): { text: string; list: string[] } {
  const list = cell.list?.filter((entry) => entry.trim() !== '') ?? []
  if (list.length === 0) return { text: cell.text, list }
  const squash = (s: string): string => s.replace(/[\s•·]+/g, '')
  const flat = squash(cell.text)
  const repeatsEntries = flat === '' || flat === squash(list.join('')) || flat.includes(squash(list[0]))
  if (!repeatsEntries) return { text: cell.text, list }
  // A lone entry reads better without a bullet.
  return list.length === 1 ? { text: list[0], list: [] } : { text: '', list }
}
