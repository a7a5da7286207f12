import type { Table, TableCell } from '../../archive/model/briefing.ts'

/**
 * How a column is laid out: `ordinal` (1, 2, 3 … centred), `numeric` (amounts, right-aligned),
 * `compact` (short labels kept on one line so a long neighbouring column wraps instead), `text`.
 */
export type ColumnKind = 'ordinal' | 'numeric' | 'compact' | 'text'

const NUMBER = /^[-+]?[\d,.]+\s*%?$/
const ORDINAL = /^\d{1,3}$/
/** Longest label, in characters, a column may have and still be kept on one line. */
const COMPACT_MAX = 8

/** A header that names a rank or a row number (순위, 순번, 연번, No.). */
const RANK_HEADER = /^\s*(순위|순번|연번|번호|no\.?|rank|#)\s*$/i

/**
 * Small whole numbers that count 1, 2, 3 … down the rows (ties allowed: 1, 2, 2, 4) are ranks; other small
 * numbers (a count such as 해당 기업 수: 15, 8, 3) are amounts.
 */
function isRankSequence(texts: string[]): boolean {
  const values = texts.map(Number)
  return values[0] === 1 && values.every((v, i) => i === 0 || (v >= values[i - 1] && v <= i + 1))
}

/** True when a cell holds a number (1,000 / 5.7% / 30,000). */
export function isNumericText(text: string): boolean {
  return NUMBER.test(text.trim())
}

function kindOf(header: string, cells: TableCell[]): ColumnKind {
  const texts = cells.map((cell) => cell.text.trim()).filter((text) => text !== '')
  const hasList = cells.some((cell) => (cell.list?.length ?? 0) > 0)
  if (!hasList && texts.length > 0) {
    if (texts.every((text) => ORDINAL.test(text)) && (RANK_HEADER.test(header) || isRankSequence(texts))) return 'ordinal'
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

/** Share of the table's width the prose columns are given when it also has short columns. */
const PROSE_SHARE = 64

/**
 * The width each column asks for, as a percentage of the table (`undefined`: as narrow as its content).
 * Short columns (ranks, numbers, labels) take their content's width; the prose columns share the rest in
 * proportion to how much text they hold, so a column of sentences is never squeezed beside a column of names.
 */
export function columnWidths(table: Table, kinds: ColumnKind[]): Array<string | undefined> {
  const prose = kinds.flatMap((kind, column) => (kind === 'text' ? [column] : []))
  if (prose.length === 0) return kinds.map(() => undefined)
  const share = prose.length === kinds.length ? 100 : PROSE_SHARE
  const weight = (column: number): number => {
    const lengths = table.rows.map((row) => {
      const cell = row[column]
      return cell ? cell.text.length + (cell.list?.join('').length ?? 0) : 0
    })
    const mean = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length)
    return Math.min(40, Math.max(12, mean))
  }
  const weights = new Map(prose.map((column) => [column, weight(column)]))
  const total = [...weights.values()].reduce((a, b) => a + b, 0)
  return kinds.map((_, column) => {
    const w = weights.get(column)
    return w === undefined ? undefined : `${((share * w) / total).toFixed(1)}%`
  })
}
