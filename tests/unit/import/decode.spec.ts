import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import iconv from 'iconv-lite'
import {
  BINARY_REASON,
  composeFillerSequences,
  decodeText,
  firstInvalidCp949Offset,
  textScore
} from '../../../archive/import/decode.ts'
import { ImportError } from '../../../archive/import/types.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'

const SAMPLES = 'archive/sample/briefings'
const SEED = join('..', 'shared', 'seed')
const TEXT = '중국 과학기술 정책 주간동향 — 量子 ✓ 😀\n둘째 줄'

function reason(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError)
    return (error as ImportError).reason
  }
  throw new Error('expected an ImportError')
}

/** What a CP949 file of this text holds: characters CP949 cannot encode become `?`, as any encoder writes them. */
const inCp949 = (text: string): string => iconv.decode(iconv.encode(text, 'cp949'), 'cp949')

const utf16 = (text: string, encoding: 'utf16le' | 'utf16be', bom: boolean): Uint8Array =>
  iconv.encode(text, encoding, { addBOM: bom })

describe('decodeText: each encoding', () => {
  const cases: { name: string; bytes: Uint8Array; encoding: string }[] = [
    { name: 'UTF-8', bytes: new TextEncoder().encode(TEXT), encoding: 'utf-8' },
    { name: 'UTF-8 with a BOM', bytes: Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)]), encoding: 'utf-8-bom' },
    { name: 'UTF-16LE with a BOM', bytes: utf16(TEXT, 'utf16le', true), encoding: 'utf-16le' },
    { name: 'UTF-16BE with a BOM', bytes: utf16(TEXT, 'utf16be', true), encoding: 'utf-16be' },
    { name: 'UTF-16LE without a BOM', bytes: utf16(TEXT, 'utf16le', false), encoding: 'utf-16le' },
    { name: 'UTF-16BE without a BOM', bytes: utf16(TEXT, 'utf16be', false), encoding: 'utf-16be' }
  ]
  for (const c of cases) {
    test(c.name, () => {
      expect(decodeText(c.bytes)).toEqual({ text: TEXT, encoding: c.encoding })
    })
  }

  test('CP949, with the characters CP949 has', () => {
    const text = '중국 과학기술 정책 주간동향 · 量子 ※ □ ○\n둘째 줄'
    expect(decodeText(iconv.encode(text, 'cp949'))).toEqual({ text, encoding: 'cp949' })
  })

  test('똠, 햏 and 힣 (the CP949 extension area) round-trip through CP949', () => {
    const text = '똠방각하 햏자 힣 뷁 쌰'
    const bytes = iconv.encode(text, 'cp949')
    expect([...bytes.subarray(0, 2)]).toEqual([0x8c, 0x63])
    expect(decodeText(bytes)).toEqual({ text, encoding: 'cp949' })
    // the same bytes in UTF-8 are of course UTF-8
    expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' })
  })

  test('all-Hangul UTF-16 without a BOM (no zero bytes) in both byte orders', () => {
    const text = '한국과학기술정보연구원중국과학기술정책주간동향양자컴퓨팅인공지능반도체'
    for (const enc of ['utf16le', 'utf16be'] as const) {
      const bytes = utf16(text, enc, false)
      expect(bytes.includes(0)).toBe(false)
      expect(decodeText(bytes)).toEqual({ text, encoding: enc === 'utf16le' ? 'utf-16le' : 'utf-16be' })
    }
  })

  test('the score prefers the right byte order on Hangul by a wide margin', () => {
    const text = '과학기술정보통신부는 양자 기술 로드맵을 발표했다'
    const bytes = utf16(text, 'utf16le', false)
    const right = textScore(new TextDecoder('utf-16le').decode(bytes))
    const wrong = textScore(new TextDecoder('utf-16be').decode(bytes))
    expect(right).toBeGreaterThan(0.95)
    expect(wrong).toBeLessThan(0.5)
  })

  test('CRLF and CR become LF, text becomes NFC', () => {
    const nfd = '한국'.normalize('NFD')
    expect(decodeText(new TextEncoder().encode(`a\r\nb\rc\n${nfd}`))).toEqual({ text: 'a\nb\nc\n한국', encoding: 'utf-8' })
  })

  test('an empty file and a BOM-only file are empty text', () => {
    expect(decodeText(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8' })
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf]))).toEqual({ text: '', encoding: 'utf-8-bom' })
    expect(decodeText(Uint8Array.from([0xff, 0xfe]))).toEqual({ text: '', encoding: 'utf-16le' })
  })
})

describe('KS X 1001 filler sequences', () => {
  // A4D4 = filler, A4A1 = ㄱ, A4BF = ㅏ, A4B7 = ㄷ … : 8-byte sequences for syllables outside the 2,350
  const filler = (...jamo: number[]): number[] => [0xa4, 0xd4, ...jamo.flatMap((j) => [0xa4, j])]
  test('filler + choseong + jungseong + jongseong becomes the syllable', () => {
    // 똠 = ㄸ(A4A8) ㅗ(A4C7) ㅁ(A4B1); 가 with no final = ㄱ ㅏ filler
    const bytes = Uint8Array.from([...filler(0xa8, 0xc7, 0xb1), 0x20, ...filler(0xa1, 0xbf, 0xd4), 0x0a])
    expect(decodeText(bytes)).toEqual({ text: '똠 가\n', encoding: 'cp949' })
  })
  test('a lone jamo written with fillers stays that jamo; a broken sequence is left as it is', () => {
    expect(composeFillerSequences('\u3164ㄱ\u3164\u3164')).toBe('ㄱ')
    expect(composeFillerSequences('\u3164\u3164ㅏ\u3164')).toBe('ㅏ')
    expect(composeFillerSequences('\u3164ㄱx')).toBe('\u3164ㄱx')
    expect(composeFillerSequences('\u3164ㄱㅏㄸ')).toBe('\u3164ㄱㅏㄸ')
  })
})

describe('decodeText: bad input', () => {
  test('a binary file (NUL bytes) is refused as binary', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0xff, 0x13])
    expect(reason(() => decodeText(png))).toBe(BINARY_REASON)
  })
  test('UTF-16 without a BOM cut at an odd byte is reported as UTF-16', () => {
    const bytes = iconv.encode('한국어 text\n', 'utf16le')
    expect(reason(() => decodeText(bytes.subarray(0, bytes.length - 1)))).toBe(
      'invalid UTF-16LE (detected: no byte-order mark): odd number of bytes'
    )
  })
  test('control characters in valid UTF-8 are refused as binary', () => {
    expect(reason(() => decodeText(Uint8Array.from([0x41, 0x01, 0x02, 0x03, 0x42, 0x1b, 0x43])))).toBe(BINARY_REASON)
  })
  test('invalid UTF-8 that is not CP949 either names both offsets', () => {
    // 0xC0 never starts UTF-8 (C0 41 is a CP949 pair); 0x80 is never a CP949 lead byte
    const bytes = Uint8Array.from([0x41, 0x42, 0xc0, 0x41, 0x80, 0x43])
    expect(reason(() => decodeText(bytes))).toBe(
      'not text in UTF-8, UTF-16 or CP949 (invalid UTF-8 at byte 2 (0xC0); invalid CP949 at byte 4 (0x80))'
    )
  })
  test('a CP949 lead byte cut off at the end is invalid CP949', () => {
    const bytes = Uint8Array.from([...iconv.encode('한국어 문서', 'cp949'), 0xb0])
    expect(firstInvalidCp949Offset(bytes)).toBe(bytes.length - 1)
    expect(reason(() => decodeText(bytes))).toMatch(/^not text in UTF-8, UTF-16 or CP949 \(invalid UTF-8 at byte 0 \(0xC7\); invalid CP949 at byte 11 \(0xB0\)\)$/)
  })
  test('invalid UTF-8 after a UTF-8 BOM, and an unpaired surrogate after a UTF-16 BOM', () => {
    expect(reason(() => decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0xff])))).toBe(
      'invalid UTF-8 after a UTF-8 byte-order mark (byte 4: 0xFF)'
    )
    expect(reason(() => decodeText(Uint8Array.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00])))).toBe(
      'invalid UTF-16LE: unpaired surrogate in the text'
    )
    expect(reason(() => decodeText(Uint8Array.from([0xfe, 0xff, 0x00])))).toBe('invalid UTF-16BE: odd number of bytes')
  })

  test('property: random bytes give text or an ImportError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        try {
          const { text, encoding } = decodeText(bytes)
          expect(typeof text).toBe('string')
          expect(['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'cp949']).toContain(encoding)
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError)
        }
      }),
      { numRuns: 500 }
    )
  })

  test('property: any string CP949 can hold decodes back from CP949, UTF-8 and UTF-16 with a BOM', () => {
    // Korean as it is written: mostly the 2,350 common syllables, some rare ones, spaces and punctuation
    // (a two-byte file such as B0A1 is honestly ambiguous: 가 in CP949, 낡 in UTF-16BE).
    const common = [...'과학기술정책중국주간동향양자컴퓨팅인공지능반도체발표했다는은이가를의에서로']
    const hangulText = fc
      .array(
        fc.oneof(
          { weight: 20, arbitrary: fc.constantFrom(...common) },
          { weight: 1, arbitrary: fc.constantFrom('똠', '햏', '힣', '뷁', '쌰') },
          { weight: 4, arbitrary: fc.constantFrom(' ', '\n', '.', ',', '(', ')', '□', '○', '1', 'a') }
        ),
        { minLength: 12, maxLength: 300 }
      )
      .map((chars) => chars.join(''))
    fc.assert(
      fc.property(hangulText, (text) => {
        expect(decodeText(new TextEncoder().encode(text)).text).toBe(text)
        expect(decodeText(utf16(text, 'utf16le', true)).text).toBe(text)
        expect(decodeText(utf16(text, 'utf16be', true)).text).toBe(text)
        const cp = decodeText(iconv.encode(text, 'cp949'))
        expect(cp.text).toBe(text)
      }),
      { numRuns: 300 }
    )
  })
})

function sampleTexts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = []
  for (const f of readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort()) {
    out.push({ name: f, text: readFileSync(join(SAMPLES, f), 'utf8') })
  }
  return out
}

describe('the sample briefings in every encoding parse the same as the UTF-8 original', () => {
  const samples = sampleTexts()
  test('there are sample briefings', () => {
    expect(samples.length).toBeGreaterThan(0)
  })
  for (const { name, text } of samples) {
    test(name, () => {
      const cp949 = inCp949(text)
      const parsedUtf8 = parseBriefing(cp949, { fileName: name })
      expect(parsedUtf8.ok).toBe(true)
      const fromCp949 = decodeText(iconv.encode(text, 'cp949'))
      expect(fromCp949).toEqual({ text: cp949, encoding: 'cp949' })
      expect(parseBriefing(fromCp949.text, { fileName: name })).toEqual(parsedUtf8)
      for (const enc of ['utf16le', 'utf16be'] as const) {
        for (const bom of [true, false]) {
          const decoded = decodeText(utf16(text, enc, bom))
          expect(decoded.encoding).toBe(enc === 'utf16le' ? 'utf-16le' : 'utf-16be')
          expect(decoded.text).toBe(text)
        }
      }
    })
  }
})

describe('the seed issue (../shared/seed) in CP949 and UTF-16', () => {
  const seedFiles = existsSync(SEED) ? readdirSync(SEED).filter((f) => f.endsWith('.txt')) : []
  if (seedFiles.length === 0) {
    console.log(`skipped: ${SEED} not found (no seed text to re-encode)`)
    test.skip(`skipped: ${SEED} not found`, () => {})
  }
  for (const f of seedFiles) {
    test(f, () => {
      const text = readFileSync(join(SEED, f), 'utf8').replace(/\r\n?/g, '\n').normalize('NFC')
      const cp949 = inCp949(text)
      const reference = parseBriefing(cp949, { fileName: f })
      expect(reference.ok).toBe(true)
      const fromCp949 = decodeText(iconv.encode(text, 'cp949'))
      expect(fromCp949.encoding).toBe('cp949')
      expect(parseBriefing(fromCp949.text, { fileName: f })).toEqual(reference)
      for (const enc of ['utf16le', 'utf16be'] as const) {
        for (const bom of [true, false]) expect(decodeText(utf16(text, enc, bom)).text).toBe(text)
      }
    })
  }
})

describe('the NFC shortcut', () => {
  test('every code point outside NFC_MAY_CHANGE is unchanged by NFC alone, after each other, and before or after any of them', async () => {
    const { NFC_MAY_CHANGE } = await import('../../../archive/import/decode.ts')
    const stable: string[] = []
    for (let cp = 0; cp <= 0xffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue
      const c = String.fromCharCode(cp)
      if (!NFC_MAY_CHANGE.test(c)) stable.push(c)
    }
    expect(stable.length).toBeGreaterThan(30_000)
    for (const c of stable) expect(c.normalize('NFC'), `U+${c.codePointAt(0)!.toString(16)}`).toBe(c)
    // pairs: every stable character after a sample of others (composition works on pairs)
    const sample = stable.filter((_, i) => i % 97 === 0)
    for (const a of sample) for (const b of stable.filter((_, i) => i % 251 === 0)) expect((a + b).normalize('NFC')).toBe(a + b)
    expect(NFC_MAY_CHANGE.test('\u1100\u1161')).toBe(true) // conjoining jamo compose into 가
    expect(NFC_MAY_CHANGE.test('e\u0301')).toBe(true)
    expect(NFC_MAY_CHANGE.test('\u2000')).toBe(true) // EN QUAD decomposes to EN SPACE
    expect(NFC_MAY_CHANGE.test('\u2329')).toBe(true)
    expect(NFC_MAY_CHANGE.test('\uf900')).toBe(true) // a CJK compatibility ideograph
  })
})
