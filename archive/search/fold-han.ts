import * as OpenCC from 'opencc-js/t2cn'

let table: Map<number, number> | undefined

/**
 * The traditional → simplified table for single Han characters, built once from OpenCC's
 * Taiwan/Hong Kong → mainland dictionaries (about 3,200 characters; ~80 ms).
 *
 * @remarks Character by character, not phrase by phrase, so folding never changes the length of a
 * text and highlight offsets stay exact.
 */
function hanTable(): Map<number, number> {
  if (table) return table
  table = new Map()
  for (const from of ['tw', 'hk'] as const) {
    const convert = OpenCC.Converter({ from, to: 'cn' })
    for (let cp = 0x3400; cp <= 0x9fff; cp++) {
      if (table.has(cp)) continue
      const out = convert(String.fromCodePoint(cp))
      const cps = [...out]
      if (cps.length === 1 && cps[0].codePointAt(0) !== cp) table.set(cp, cps[0].codePointAt(0) as number)
    }
  }
  return table
}

/** Folds one Han code point to its simplified form (other code points are returned unchanged). */
export function foldHanCodePoint(cp: number): number {
  if (cp < 0x3400 || cp > 0x9fff) return cp
  return hanTable().get(cp) ?? cp
}
