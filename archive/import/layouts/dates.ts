/**
 * Dates as other publishers write them: `2024.10.11`, `2024-10-11`, `2017 / 06 / 01`, `2024년 5월 3일`,
 * `’18.11.26` (with ' ’ ‘ ` or ´ before the year), `(25.12.19)`, and month-day `(6.14)` resolved against the
 * post's year.
 */

export interface FoundDate {
  /** YYYY-MM-DD */
  date: string
  /** Index in the text. */
  at: number
  /** The matched characters. */
  text: string
}

const pad = (n: number): string => String(n).padStart(2, '0')

function valid(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

const FULL = /(?<!\d)(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})(?!\d)/g
const SHORT_YEAR = /[’'‘`´′](\d{2})\s*[.\-/]\s*(\d{1,2})\s*[.\-/]\s*(\d{1,2})(?!\d)/g
const PAREN_SHORT = /\(\s*(\d{2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*[,)]/g

/** Every full date in `text` (four-digit year, apostrophe year, `(YY.MM.DD)`), in order. */
export function datesIn(text: string): FoundDate[] {
  const found: FoundDate[] = []
  const add = (y: number, m: number, d: number, at: number, matched: string): void => {
    if (valid(y, m, d) && !found.some((f) => f.at === at)) found.push({ date: `${y}-${pad(m)}-${pad(d)}`, at, text: matched })
  }
  for (const m of text.matchAll(FULL)) add(Number(m[1]), Number(m[2]), Number(m[3]), m.index, m[0])
  for (const m of text.matchAll(SHORT_YEAR)) add(2000 + Number(m[1]), Number(m[2]), Number(m[3]), m.index, m[0])
  for (const m of text.matchAll(PAREN_SHORT)) add(2000 + Number(m[1]), Number(m[2]), Number(m[3]), m.index, m[0])
  return found.sort((a, b) => a.at - b.at)
}

const TRAILING_MONTH_DAY = /\(\s*(\d{1,2})\s*[./]\s*(\d{1,2})\s*\.?\s*\)\s*$/

/**
 * The event date a line ends with: a full date in parentheses, or `(6.14)` resolved against the publication
 * date (the year before when it would fall more than 31 days after publication).
 */
export function trailingEventDate(text: string, published: string): string | undefined {
  const t = text.normalize('NFKC').trim()
  const close = /\(([^()]*)\)\s*$/.exec(t)
  if (close) {
    const full = datesIn(`(${close[1]})`)[0]
    if (full) return full.date
  }
  const md = TRAILING_MONTH_DAY.exec(t)
  if (!md) return undefined
  const month = Number(md[1])
  const day = Number(md[2])
  let y = Number(published.slice(0, 4))
  const pub = Date.parse(`${published}T00:00:00Z`)
  if (Date.UTC(y, month - 1, day) - pub > 31 * 86_400_000) y -= 1
  return valid(y, month, day) ? `${y}-${pad(month)}-${pad(day)}` : undefined
}
