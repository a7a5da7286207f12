import type { ko } from './ko.ts'

/** Every UI message key; Korean defines the set. */
export type MessageKey = keyof typeof ko

/** A complete message table for one locale. */
export type Messages = Record<MessageKey, string>

/** Keys with `.one` / `.other` forms, named without the suffix (`library.items`). */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}.other` ? (`${Base}.one` extends MessageKey ? Base : never) : never
}[MessageKey]
