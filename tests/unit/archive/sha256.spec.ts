import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { sha256Hex, sha256OfText } from '../../../archive/model/sha256.ts'

const nodeHex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex')

describe('sha256', () => {
  // FIPS 180-4 / NIST example vectors, plus lengths around the 55/56/64-byte padding boundaries
  const vectors: Array<[string, string]> = [
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'
    ],
    [
      'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1'
    ],
    ['The quick brown fox jumps over the lazy dog', 'd7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592']
  ]
  for (const [input, hex] of vectors) {
    test(`known vector ${JSON.stringify(input.slice(0, 20))}… (${input.length} bytes)`, () => {
      expect(sha256OfText(input)).toBe(hex)
    })
  }

  test('one million "a" (many blocks)', () => {
    expect(sha256OfText('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0')
  })

  test('every length from 0 to 200 bytes matches node:crypto (all padding cases)', () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff)
      expect(sha256Hex(bytes)).toBe(nodeHex(bytes))
    }
  })

  test('Korean and Chinese text hashes its UTF-8 bytes, as node does for a string', () => {
    const text = '\uFEFF중국 과학기술 정책 주간동向 — 量子 ✓ 😀\r\n'
    expect(sha256OfText(text)).toBe(nodeHex(text))
  })

  test('any string (lone surrogates included) gives node:crypto’s hex', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }), (a, b) => {
        expect(sha256OfText(a)).toBe(nodeHex(a))
        expect(sha256OfText(b + a)).toBe(nodeHex(b + a))
      }),
      { numRuns: 300 }
    )
  })

  test('any bytes give node:crypto’s hex', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (bytes) => {
        expect(sha256Hex(bytes)).toBe(nodeHex(bytes))
      }),
      { numRuns: 300 }
    )
  })
})
