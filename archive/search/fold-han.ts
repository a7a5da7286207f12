import table from './han-fold-table.json' with { type: 'json' }

let map: Map<number, number> | undefined

/**
 * The traditional → simplified table for single Han characters (about 3,200), generated from OpenCC's
 * Taiwan/Hong Kong → mainland dictionaries by scripts/gen-han-table.ts and shipped as data, so no
 * process pays for loading OpenCC at run time.
 *
 * @remarks Character by character, not phrase by phrase, so folding never changes the length of a
 * text and highlight offsets stay exact.
 */
function hanTable(): Map<number, number> {
  if (map) return map
  const from = Array.from(table.traditional)
  const to = Array.from(table.simplified)
  if (from.length !== to.length) throw new Error('archive: han-fold-table.json is inconsistent')
  map = new Map(from.map((c, i) => [c.codePointAt(0) as number, to[i].codePointAt(0) as number]))
  return map
}

/** Folds one Han code point to its simplified form (other code points are returned unchanged). */
export function foldHanCodePoint(cp: number): number {
  if (cp < 0x3400 || cp > 0x9fff) return cp
  return hanTable().get(cp) ?? cp
}
