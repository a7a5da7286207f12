/**
 * Regenerates archive/search/han-fold-table.json, the traditional → simplified table for single Han
 * characters, from OpenCC's Taiwan and Hong Kong → mainland dictionaries (opencc-js). The table ships
 * with the app, so no process loads OpenCC's dictionaries at run time; tests/unit/archive/han-table.spec.ts
 * checks that it still equals what OpenCC gives. Run: node scripts/gen-han-table.ts
 */
import { writeFileSync } from 'node:fs'
import * as OpenCC from 'opencc-js/t2cn'

/** Pairs [traditional, simplified] of code points, sorted, as OpenCC converts single characters. */
export function hanFoldPairs(): Array<[number, number]> {
  const table = new Map<number, number>()
  for (const from of ['tw', 'hk'] as const) {
    const convert = OpenCC.Converter({ from, to: 'cn' })
    for (let cp = 0x3400; cp <= 0x9fff; cp++) {
      if (table.has(cp)) continue
      const cps = [...convert(String.fromCodePoint(cp))]
      if (cps.length === 1 && cps[0].codePointAt(0) !== cp) table.set(cp, cps[0].codePointAt(0) as number)
    }
  }
  return [...table].sort((a, b) => a[0] - b[0])
}

if (import.meta.main) {
  const pairs = hanFoldPairs()
  // one string of traditional characters and one of their simplified forms, position by position
  const json = {
    source: 'opencc-js t2cn (tw → cn, then hk → cn), single characters U+3400–U+9FFF',
    traditional: pairs.map(([t]) => String.fromCodePoint(t)).join(''),
    simplified: pairs.map(([, s]) => String.fromCodePoint(s)).join('')
  }
  writeFileSync(new URL('../archive/search/han-fold-table.json', import.meta.url), JSON.stringify(json) + '\n')
  process.stdout.write(`${pairs.length} characters\n`)
}
