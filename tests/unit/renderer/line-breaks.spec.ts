import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { hasGlue, proseRuns } from '../../../renderer/lib/line-breaks.ts'

describe('proseRuns (no line starts with a middle dot)', () => {
  it('glues each middle dot to the character before it', () => {
    expect(proseRuns('고강도·내열성 소재와 광둥·홍콩·마카오')).toEqual([
      { text: '고강', glue: false },
      { text: '도·', glue: true },
      { text: '내열성 소재와 광', glue: false },
      { text: '둥·', glue: true },
      { text: '홍', glue: false },
      { text: '콩·', glue: true },
      { text: '마카오', glue: false }
    ])
  })

  it('keeps text without a middle dot as one plain run, and the empty text as one empty run', () => {
    expect(proseRuns('반도체 핵심클러스터')).toEqual([{ text: '반도체 핵심클러스터', glue: false }])
    expect(proseRuns('')).toEqual([{ text: '', glue: false }])
  })

  it('glues a run of dots whole and leaves a dot after a space alone (nothing to glue it to)', () => {
    expect(proseRuns('가··나 ·다')).toEqual([
      { text: '가··', glue: true },
      { text: '나 ·다', glue: false }
    ])
  })

  it('never changes the text: the runs concatenate to it, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('가', '·', ' ', 'a', '\n', '・', '‧', '北') }), (text) => {
        const runs = proseRuns(text)
        expect(runs.map((r) => r.text).join('')).toBe(text)
        for (const run of runs) if (run.glue) expect(run.text).toMatch(/^\S[·‧・]+$/u)
      })
    )
  })
})

describe('hasGlue', () => {
  it('is true exactly when proseRuns has a glued run', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('가', '·', ' ', 'a', '・', '‧') }), (text) => {
        expect(hasGlue(text)).toBe(proseRuns(text).some((r) => r.glue))
      })
    )
  })
})
