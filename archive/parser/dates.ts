/** A date closing a line: (3.27), (03.27), ('23.3.27), (2023.3.27). */
const TRAILING_DATE = /\(\s*(?:'?(\d{2}|\d{4})\s*\.\s*)?(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?\s*\)\s*$/

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/**
 * Resolves a month/day against the publication date: the year is the publication year, or the one
 * before when the date would fall more than 31 days after publication (a January issue reporting
 * December news).
 */
function resolveMonthDay(month: number, day: number, published: string, year?: number): string | undefined {
  const pubYear = Number(published.slice(0, 4))
  let y = year ?? pubYear
  if (year !== undefined && year < 100) y = 2000 + year
  if (year === undefined) {
    const candidate = Date.UTC(y, month - 1, day)
    const pub = Date.parse(`${published}T00:00:00Z`)
    if (candidate - pub > 31 * 86_400_000) y -= 1
  }
  if (!valid(y, month, day)) return undefined
  return `${y}-${pad(month)}-${pad(day)}`
}

/** The date a line ends with, resolved against the publication date. */
export function trailingDate(text: string, published: string): string | undefined {
  const m = TRAILING_DATE.exec(text.normalize('NFKC'))
  if (!m) return undefined
  return resolveMonthDay(Number(m[2]), Number(m[3]), published, m[1] ? Number(m[1]) : undefined)
}

/** Parses a colophon date such as `2023. 4. 7` or `2023-04-07` into YYYY-MM-DD. */
export function parseFullDate(text: string): string | undefined {
  const m = /(\d{4})\s*[.\-/년]\s*(\d{1,2})\s*[.\-/월]\s*(\d{1,2})/.exec(text.normalize('NFKC'))
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return valid(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : undefined
}
