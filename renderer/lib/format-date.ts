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

/** Made once per locale and options: a DateTimeFormat costs far more to make than to use (a list of notes dates every row). */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>()

function format(iso: string, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  const date = parseIsoDate(iso)
  if (!date) return iso
  const key = `${locale} ${JSON.stringify(options)}`
  let formatter = FORMATTERS.get(key)
  if (!formatter) FORMATTERS.set(key, (formatter = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone: 'UTC' })))
  return formatter.format(date)
}

/** `2023년 4월 7일` / `Apr 7, 2023`; an unparseable input comes back unchanged. */
export function formatDate(iso: string, locale: Locale): string {
  return format(iso, locale, {
    year: 'numeric',
    month: locale === 'ko' ? 'long' : 'short',
    day: 'numeric'
  })
}

/** `3월 27일` / `Mar 27`, for event dates inside an issue whose year is already shown. */
export function formatMonthDay(iso: string, locale: Locale): string {
  return format(iso, locale, { month: locale === 'ko' ? 'long' : 'short', day: 'numeric' })
}

/** The date as shown in an item's meta line: without the year when it matches the year. */
export function formatEventDate(iso: string, published: string, locale: Locale): string {
  const sameYear = iso.slice(0, 4) === published.slice(0, 4)
  return sameYear ? formatMonthDay(iso, locale) : formatDate(iso, locale)
}
