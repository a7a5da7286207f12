import type { Locale } from '../../electron/shared/ipc-contract.ts'
import { en } from './messages/en.ts'
import { ko } from './messages/ko.ts'
import type { MessageKey, Messages, PluralKey } from './messages/types.ts'

export type { MessageKey, PluralKey } from './messages/types.ts'
export type MessageVars = Record<string, string | number>

export const MESSAGES: Record<Locale, Messages> = { ko, en }

const INTL_LOCALE: Record<Locale, string> = { ko: 'ko-KR', en: 'en-US' }

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
  const form = new Intl.PluralRules(INTL_LOCALE[locale]).select(count) === 'one' ? 'one' : 'other'
  const formatted = new Intl.NumberFormat(INTL_LOCALE[locale]).format(count)
  return translate(locale, `${key}.${form}`, { ...vars, count: formatted })
}
