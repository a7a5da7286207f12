import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const PDF_FIXTURES = resolve(REPO, 'tests/fixtures/import/pdf')

/**
 * Markdown pipe rows (the reader's tables) as the KOSTEC text layout's tab-separated rows: the `|---|` row dropped,
 * `\|` unescaped. What the KOSTEC weekly layout does before the weekly parser reads the lines.
 */
export function pipeRowsToTabs(text: string): string {
  return text
    .split('\n')
    .filter((l) => !/^\|(?:\s*:?-{3,}:?\s*\|)+$/.test(l))
    .map((l) => {
      if (!/^\|.*\|$/.test(l)) return l
      const cells = l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim().replace(/\\\|/g, '|'))
      return cells.join('\t')
    })
    .join('\n')
}

/** Every letter and digit in the strings of a value (keys and the `kind` tag aside), in order. */
export function lettersAndDigits(value: unknown): string {
  const out: string[] = []
  const walk = (v: unknown, key?: string): void => {
    if (typeof v === 'string') {
      if (key !== 'kind') out.push(v)
    } else if (Array.isArray(v)) v.forEach((x) => walk(x))
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k)
  }
  walk(value)
  return out.join('').normalize('NFC').replace(/[^\p{L}\p{N}]/gu, '')
}
