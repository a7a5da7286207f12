/**
 * Turns the bytes of an imported file into text.
 *
 * @remarks Handles UTF-8 (with or without a byte-order mark) and UTF-16LE/BE with a byte-order mark.
 * Legacy Korean encodings (EUC-KR / CP949) are not decoded yet: such files fail as invalid UTF-8.
 * Node's `TextDecoder('euc-kr')` must not be used for them (it mis-decodes the CP949 extension area).
 */
import { firstInvalidUtf8Offset } from '../import/decode.ts'

/** The encodings {@link decodeText} recognises. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be'

/** The outcome of {@link decodeText}: the text and its encoding, or an error naming the file and the reason. */
export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; error: string }

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b)
}

/** The UTF-8 check is the import decoder's (one implementation for both). */
export { firstInvalidUtf8Offset }

function decodeUtf16(
  bytes: Uint8Array,
  encoding: 'utf-16le' | 'utf-16be',
  fileName: string,
  bom = true
): DecodeResult {
  const body = bom ? bytes.subarray(2) : bytes
  const what = bom ? encoding.toUpperCase() : `${encoding.toUpperCase()} (detected: no byte-order mark)`
  if (body.length % 2 !== 0) {
    return { ok: false, error: `${fileName}: invalid ${what}: odd number of bytes` }
  }
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body)
    return { ok: true, text, encoding }
  } catch {
    return {
      ok: false,
      error: `${fileName}: invalid ${what}: unpaired surrogate in the text`
    }
  }
}

/** Text characters a briefing is written in: tabs and line breaks, Latin, punctuation, CJK, Hangul, full-width. */
function plausible(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0x24f) ||
    (c >= 0x1100 && c <= 0x11ff) || (c >= 0x2010 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xd800 && c <= 0xdfff) || (c >= 0xff00 && c <= 0xffef)
}

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: the high byte of every ASCII character (line
 * breaks, spaces, digits) is zero, at odd offsets in UTF-16LE and even ones in UTF-16BE. The side with the
 * zeros must hold nearly all of them, and the text read that way must be ≥ 95 % characters a briefing uses,
 * so a binary file with zero bytes is not taken for text. Undefined when it is not UTF-16.
 */
export function detectUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length - (bytes.length % 2), 1 << 16)
  if (n < 4) return undefined
  let even = 0
  let odd = 0
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++
    if (bytes[i + 1] === 0) odd++
  }
  const encoding = odd > even * 9 && odd > 0 ? 'utf-16le' : even > odd * 9 && even > 0 ? 'utf-16be' : undefined
  if (!encoding) return undefined
  let good = 0
  for (let i = 0; i < n; i += 2) {
    const unit = encoding === 'utf-16le' ? bytes[i] | (bytes[i + 1] << 8) : (bytes[i] << 8) | bytes[i + 1]
    if (plausible(unit)) good++
  }
  return good >= 0.95 * (n / 2) ? encoding : undefined
}

/**
 * Decodes the bytes of a text file. Never throws.
 *
 * @param bytes - the file's content
 * @param fileName - named in the error message
 * @returns the text without a byte-order mark, or an error such as
 *   `notes.txt: not valid UTF-8 (byte 0xB1 at offset 12); legacy encodings such as EUC-KR are not supported yet`
 */
export function decodeText(bytes: Uint8Array, fileName = 'input'): DecodeResult {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le', fileName)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be', fileName)
  const hasBom = startsWith(bytes, UTF8_BOM)
  const start = hasBom ? UTF8_BOM.length : 0
  const bad = firstInvalidUtf8Offset(bytes, start)
  if (!hasBom && (bad >= 0 || bytes.includes(0))) {
    const utf16 = detectUtf16(bytes)
    if (utf16) return decodeUtf16(bytes, utf16, fileName, false)
  }
  if (bad >= 0) {
    const hex = bytes[bad].toString(16).toUpperCase().padStart(2, '0')
    return {
      ok: false,
      error:
        `${fileName}: not valid UTF-8 (byte 0x${hex} at offset ${bad}); ` +
        'legacy encodings such as EUC-KR are not supported yet'
    }
  }
  if (bytes.subarray(start).includes(0)) {
    return {
      ok: false,
      error: `${fileName}: contains NUL bytes (a binary file, or UTF-16 without a byte-order mark)`
    }
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(start))
  return { ok: true, text, encoding: hasBom ? 'utf-8-bom' : 'utf-8' }
}
