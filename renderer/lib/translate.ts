import type { Locale } from '../../electron/shared/ipc-contract.ts'
import { en } from './messages/en.ts'
import { ko } from './messages/ko.ts'
import type { MessageKey, Messages, PluralKey } from './messages/types.ts'

export type { MessageKey, PluralKey } from './messages/types.ts'
export type MessageVars = Record<string, string | number>

export const MESSAGES: Record<Locale, Messages> = { ko, en }

const INTL_LOCALE: Record<Locale, string> = { ko: 'ko-KR', en: 'en-US' }

// One formatter per locale: constructing an Intl object costs far more than using one (a library row asks twice).
const plurals = new Map<Locale, Intl.PluralRules>()
const numbers = new Map<Locale, Intl.NumberFormat>()
function pluralRules(locale: Locale): Intl.PluralRules {
  let rules = plurals.get(locale)
  if (!rules) plurals.set(locale, (rules = new Intl.PluralRules(INTL_LOCALE[locale])))
  return rules
}
function numberFormat(locale: Locale): Intl.NumberFormat {
  let format = numbers.get(locale)
  if (!format) numbers.set(locale, (format = new Intl.NumberFormat(INTL_LOCALE[locale])))
  return format
}

function interpolate(template: string, vars: MessageVars | undefined): string {
  if (!vars) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole
  )
}

/** The message for `key` in `locale` with `{name}` placeholders filled in. */
export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  return interpolate(MESSAGES[locale][key] ?? MESSAGES.ko[key], vars)
}

/** A counted message (`{count} items`), choosing the `.one` / `.other` form by the locale's rules. */
export function translatePlural(
  locale: Locale,
  key: PluralKey,
  count: number,
  vars?: MessageVars
): string {
  const form = pluralRules(locale).select(count) === 'one' ? 'one' : 'other'
  const formatted = numberFormat(locale).format(count)
  return translate(locale, `${key}.${form}`, { ...vars, count: formatted })
}
