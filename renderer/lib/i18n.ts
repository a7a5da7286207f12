import { settings } from '../stores/settings.svelte.ts'
import { formatDate, formatEventDate, formatMonthDay, parseIsoDate } from './format-date.ts'
import { translate, translatePlural, type MessageKey, type MessageVars, type PluralKey } from './translate.ts'

// These read `settings.locale`, a $state field, so markup that calls them re-renders on a language switch.

/** The UI string for `key` in the current language. */
export function t(key: MessageKey, vars?: MessageVars): string {
  return translate(settings.locale, key, vars)
}

/** A counted UI string in the current language. */
export function tp(key: PluralKey, count: number, vars?: MessageVars): string {
  return translatePlural(settings.locale, key, count, vars)
}

/** A publication date in the current language. */
export function date(iso: string): string {
  return formatDate(iso, settings.locale)
}

/** An event date inside an issue published on `published`. */
export function eventDate(iso: string, published: string): string {
  return formatEventDate(iso, published, settings.locale)
}

/** A date that may be ISO (`2023-03-27` → 3월 27일) or printed text (`03.27`, kept as is). */
export function looseDate(text: string): string {
  return parseIsoDate(text) ? formatMonthDay(text, settings.locale) : text
}
