import type { Locale } from '../../electron/shared/ipc-contract.ts'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const INTL_LOCALE: Record<Locale, string> = { ko: 'ko-KR', en: 'en-US' }

/** A `YYYY-MM-DD` string as a UTC date, or null when it is not a real calendar date. */
export function parseIsoDate(iso: string): Date | null {
  const match = ISO_DATE.exec(iso)
  if (!match) return null
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null
  if (date.getUTCDate() !== day) return null
  return date
}

/** One formatter per locale and style (constructing an Intl object costs far more than using one). */
const formatters = new Map<string, Intl.DateTimeFormat>()

function format(iso: string, locale: Locale, style: 'date' | 'monthDay'): string {
  const date = parseIsoDate(iso)
  if (!date) return iso
  const key = `${locale} ${style}`
  let formatter = formatters.get(key)
  if (!formatter) {
    const month = locale === 'ko' ? 'long' : 'short'
    const options: Intl.DateTimeFormatOptions =
      style === 'date' ? { year: 'numeric', month, day: 'numeric' } : { month, day: 'numeric' }
    formatters.set(key, (formatter = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone: 'UTC' })))
  }
  return formatter.format(date)
}

/** `2023년 4월 7일` / `Apr 7, 2023`; an unparseable input comes back unchanged. */
export function formatDate(iso: string, locale: Locale): string {
  return format(iso, locale, 'date')
}

/** `3월 27일` / `Mar 27`, for event dates inside an issue whose year is already shown. */
export function formatMonthDay(iso: string, locale: Locale): string {
  return format(iso, locale, 'monthDay')
}

/** The date as shown in an item's meta line: without the year when it matches the year. */
export function formatEventDate(iso: string, published: string, locale: Locale): string {
  const sameYear = iso.slice(0, 4) === published.slice(0, 4)
  return sameYear ? formatMonthDay(iso, locale) : formatDate(iso, locale)
}
