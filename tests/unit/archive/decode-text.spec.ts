import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { decodeText, firstInvalidUtf8Offset } from '../../../archive/storage/decode-text.ts'

const TEXT = '중국 과학기술 정책 주간동向 — 量子 ✓ 😀'

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2)
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe])
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    const [hi, lo] = [unit >> 8, unit & 0xff]
    out.set(bigEndian ? [hi, lo] : [lo, hi], 2 + i * 2)
  }
  return out
}

describe('decodeText', () => {
  const valid = [
    { name: 'UTF-8 without a BOM', bytes: new TextEncoder().encode(TEXT), encoding: 'utf-8' },
    {
      name: 'UTF-8 with a BOM (the BOM is dropped)',
      bytes: Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TEXT)]),
      encoding: 'utf-8-bom'
    },
    { name: 'UTF-16LE with a BOM', bytes: utf16(TEXT, false), encoding: 'utf-16le' },
    { name: 'UTF-16BE with a BOM', bytes: utf16(TEXT, true), encoding: 'utf-16be' }
  ]
  for (const c of valid) {
    test(`decodes ${c.name}`, () => {
      expect(decodeText(c.bytes, 'a.txt')).toEqual({ ok: true, text: TEXT, encoding: c.encoding })
    })
  }

  test('decodes an empty file and a BOM-only file to empty text', () => {
    expect(decodeText(new Uint8Array(0))).toMatchObject({ ok: true, text: '' })
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf]))).toMatchObject({ ok: true, text: '' })
  })

  const invalid = [
    { name: 'EUC-KR bytes (가 = B0 A1)', bytes: [0x41, 0xb0, 0xa1], reason: /not valid UTF-8 \(byte 0xB0 at offset 1\)/ },
    { name: 'a lone continuation byte', bytes: [0x80], reason: /not valid UTF-8/ },
    { name: 'an overlong slash (C0 AF)', bytes: [0xc0, 0xaf], reason: /not valid UTF-8/ },
    { name: 'an encoded surrogate (ED A0 80)', bytes: [0xed, 0xa0, 0x80], reason: /not valid UTF-8/ },
    { name: 'a truncated sequence at the end', bytes: [0x41, 0xea, 0xb0], reason: /offset 1/ },
    { name: 'a code point past U+10FFFF (F4 90 80 80)', bytes: [0xf4, 0x90, 0x80, 0x80], reason: /not valid UTF-8/ },
    { name: 'NUL bytes on both sides (not UTF-16)', bytes: [0x41, 0x00, 0x00, 0x42, 0x43, 0x00, 0x00, 0x44], reason: /NUL bytes/ },
    { name: 'UTF-16LE without a BOM cut at an odd byte', bytes: [0x41, 0x00, 0x0a, 0x00, 0x42], reason: /invalid UTF-16LE \(detected: no byte-order mark\): odd number of bytes/ },
    { name: 'UTF-16LE with an odd byte count', bytes: [0xff, 0xfe, 0x41], reason: /odd number of bytes/ },
    { name: 'UTF-16LE with a lone surrogate', bytes: [0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00], reason: /unpaired surrogate/ }
  ]
  for (const c of invalid) {
    test(`refuses ${c.name}, naming the file`, () => {
      const result = decodeText(Uint8Array.from(c.bytes), 'weekly.txt')
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error).toMatch(/^weekly\.txt: /)
        expect(result.error).toMatch(c.reason)
      }
    })
  }

  test('round-trips any string through UTF-8 and UTF-16, and never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const clean = s.replace(/\0/g, '')
        expect(decodeText(new TextEncoder().encode(clean))).toMatchObject({ ok: true, text: clean })
        expect(decodeText(utf16(clean, false))).toMatchObject({ ok: true, text: clean })
        expect(decodeText(utf16(clean, true))).toMatchObject({ ok: true, text: clean })
      }),
      { numRuns: 300 }
    )
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const result = decodeText(bytes)
        const strict = (() => {
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(bytes)
            return true
          } catch {
            return false
          }
        })()
        // Our validator agrees with the platform's strict decoder on every byte string (BOMs aside).
        if (bytes[0] !== 0xff && bytes[0] !== 0xfe) {
          expect(firstInvalidUtf8Offset(bytes) === -1).toBe(strict)
        }
        expect(typeof result.ok).toBe('boolean')
      }),
      { numRuns: 1000 }
    )
  })
})
