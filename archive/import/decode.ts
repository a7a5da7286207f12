/**
 * The one text decoder of the import path: bytes → NFC text with LF line ends, and the encoding it was read in.
 *
 * Order (../shared/research/reliability.md §4.2):
 * 1. a byte-order mark: UTF-8, UTF-16LE, UTF-16BE (each decoded strictly);
 * 2. strict UTF-8 (a fatal TextDecoder) when there are no NUL bytes and no run of control characters;
 * 3. otherwise the candidates UTF-16LE, UTF-16BE (no byte-order mark) and CP949 (UHC, a superset of EUC-KR,
 *    through iconv-lite; strictly: no invalid or unassigned code) are each decoded and scored by how much of the
 *    text is made of the characters a briefing is written in ({@link textScore}); the best one above its
 *    threshold wins. The score works on all-Hangul UTF-16 (no zero bytes at all): read in the wrong byte order,
 *    Hangul syllables turn into rare syllables, ideographs and unassigned code points.
 *
 * Never Node's `TextDecoder('euc-kr')`: it decodes 똠 (8C63) as `c` and throws on 햏 and 힣. KS X 1001's
 * 8-byte filler sequences (`A4D4` + choseong + jungseong + jongseong) are composed back into syllables.
 * Pure: no Node built-ins, so the same decoder runs in the main process, a worker and the tests.
 */
import iconv from 'iconv-lite'
import { ImportError } from './types.ts'

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'cp949'

export interface DecodedText {
  /** NFC, LF line ends, without a byte-order mark. */
  text: string
  encoding: TextEncoding
}

/** The reason for bytes that are not text at all. */
export const BINARY_REASON = 'binary file, not a document'

/** Code points scored per candidate: enough for a stable share, cheap on a 20 MB file. */
const SAMPLE = 1 << 16
/** Minimum score for UTF-16 without a byte-order mark and for CP949. */
const UTF16_MIN_SCORE = 0.85
const CP949_MIN_SCORE = 0.6
/** Control characters (other than tab, LF, CR, FF, VT) tolerated in text, as a share of the characters. */
const MAX_CONTROL_SHARE = 0.01

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

function hex(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`
}

/**
 * The byte offset of the first byte that does not start or continue a valid UTF-8 sequence (overlong forms,
 * surrogates and code points above U+10FFFF count as invalid), or -1.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array, start = 0): number {
  let i = start
  while (i < bytes.length) {
    const b = bytes[i]
    if (b < 0x80) {
      i += 1
      continue
    }
    let need: number
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) need = 2
    else if (b >= 0xf0 && b <= 0xf4) need = 3
    else return i
    const min = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80
    const max = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k]
      if (c === undefined) return i
      if (c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return i
    }
    i += need + 1
  }
  return -1
}

/**
 * The byte offset of the first byte that is not a valid CP949 (UHC) sequence by its structure (single bytes
 * 00–7F; lead 81–FE with a trail 41–5A, 61–7A or 81–FE), or -1. Unassigned pairs are found after decoding.
 */
export function firstInvalidCp949Offset(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]
    if (b < 0x80) {
      i += 1
      continue
    }
    if (b === 0x80 || b === 0xff) return i
    const t = bytes[i + 1]
    if (t === undefined) return i
    if (!((t >= 0x41 && t <= 0x5a) || (t >= 0x61 && t <= 0x7a) || (t >= 0x81 && t <= 0xfe))) return i
    i += 2
  }
  return -1
}

// ---------------------------------------------------------------------------------------------------------
// Scoring

let ksCommon: Set<number> | undefined

/** The 2,350 Hangul syllables of KS X 1001 (EUC-KR rows B0–C8): the common ones. */
function ksCommonSyllables(): Set<number> {
  if (ksCommon) return ksCommon
  const bytes = new Uint8Array(25 * 94 * 2)
  let n = 0
  for (let lead = 0xb0; lead <= 0xc8; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      bytes[n++] = lead
      bytes[n++] = trail
    }
  }
  const set = new Set<number>()
  for (const ch of iconv.decode(bytes, 'cp949')) set.add(ch.codePointAt(0) as number)
  ksCommon = set
  return set
}

const UNASSIGNED = /\p{Cn}/u

/** How typical one code point is of a Korean briefing: 1 typical, 0 neutral, -1 a sign of the wrong decoding. */
function weight(c: number): number {
  if (c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0x7e)) return 1
  if (c >= 0xac00 && c <= 0xd7a3) return ksCommonSyllables().has(c) ? 1 : 0.3
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return c === 0x0c || c === 0x0b ? 0.5 : -1
  if (c === 0xfffd || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) return -1
  if (c >= 0x3131 && c <= 0x318e) return 0.7
  if (c >= 0x4e00 && c <= 0x9fff) return 0.6
  if (c >= 0xf900 && c <= 0xfaff) return 0.5
  if (c >= 0x3400 && c <= 0x4dbf) return 0.1
  if (c >= 0xa0 && c <= 0xff) return 0.8
  if (c >= 0x2000 && c <= 0x206f) return 0.9
  if (c >= 0x2460 && c <= 0x24ff) return 0.9
  if (c >= 0x25a0 && c <= 0x25ff) return 0.9
  if (c >= 0x3000 && c <= 0x303f) return 0.9
  if (c >= 0xff01 && c <= 0xff5e) return 0.9
  if (c >= 0x2100 && c <= 0x21ff) return 0.8
  if (c >= 0x3200 && c <= 0x32ff) return 0.8
  if (c >= 0x2200 && c <= 0x23ff) return 0.6
  if (c >= 0x2500 && c <= 0x259f) return 0.7
  if (c >= 0x2600 && c <= 0x27bf) return 0.7
  if (c >= 0x3380 && c <= 0x33ff) return 0.6
  if (c >= 0x0100 && c <= 0x04ff) return 0.5
  if (c >= 0x3040 && c <= 0x30ff) return 0.5
  if (c >= 0x1f300 && c <= 0x1faff) return 0.5
  if (c >= 0xff61 && c <= 0xffdc) return 0.5
  if (c >= 0x1100 && c <= 0x11ff) return 0.3
  if (c >= 0xe000 && c <= 0xf8ff) return -0.2
  if (UNASSIGNED.test(String.fromCodePoint(c))) return -1
  return 0
}

/**
 * How much of a decoded text (its first 65,536 code points) looks like a Korean briefing: the mean weight of
 * its code points, from -1 (controls, replacement characters, unassigned code points, lone surrogates) to 1
 * (ASCII, line breaks, the 2,350 common Hangul syllables). Ideographs, symbols and rare syllables are between.
 */
export function textScore(text: string): number {
  let sum = 0
  let n = 0
  for (let i = 0; i < text.length && n < SAMPLE; i++) {
    const c = text.charCodeAt(i)
    let cp = c
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000
        i++
      }
    }
    sum += weight(cp)
    n++
  }
  return n === 0 ? 1 : sum / n
}

/**
 * Control characters other than tab, LF, CR, FF and VT: more than two and over 1 % of the characters mean a
 * binary file (a DOS end-of-file mark or a stray escape in a text file is tolerated).
 */
function tooManyControls(text: string): boolean {
  let bad = 0
  const n = Math.min(text.length, SAMPLE * 4)
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x0b) || c === 0x7f) bad++
  }
  return bad > 2 && bad / n > MAX_CONTROL_SHARE
}

// ---------------------------------------------------------------------------------------------------------
// KS X 1001 filler sequences

const FILLER = 0x3164
const CHOSEONG = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ'
const JUNGSEONG = 'ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ'
const JONGSEONG = 'ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ'

/**
 * Composes KS X 1001's 8-byte Hangul sequences (the filler U+3164, then a choseong, a jungseong and a
 * jongseong, each a compatibility jamo or the filler) into the syllable, or the lone jamo when only one is set.
 * A sequence that does not make a syllable is left as it is.
 */
export function composeFillerSequences(text: string): string {
  if (!text.includes('\u3164')) return text
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c !== FILLER || i + 3 >= text.length) {
      out += text[i]
      continue
    }
    const [l, v, t] = [text[i + 1], text[i + 2], text[i + 3]]
    const f = '\u3164'
    const li = CHOSEONG.indexOf(l)
    const vi = JUNGSEONG.indexOf(v)
    const tj = JONGSEONG.indexOf(t)
    const ti = t === f ? 0 : tj >= 0 ? tj + 1 : -1
    let composed: string | undefined
    if (li >= 0 && vi >= 0 && ti >= 0) composed = String.fromCharCode(0xac00 + (li * 21 + vi) * 28 + ti)
    else if (li >= 0 && v === f && t === f) composed = l
    else if (l === f && vi >= 0 && t === f) composed = v
    else if (l === f && v === f && ti > 0) composed = t
    if (composed === undefined) {
      out += text[i]
      continue
    }
    out += composed
    i += 3
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------

/**
 * A character outside the ranges where NFC changes nothing, on its own or next to anything else in them:
 * Latin to U+02FF (precomposed letters are already composed), punctuation from U+2010, arrows and technical
 * signs but the two angle brackets that decompose to U+3008/9, enclosed and dingbat signs, CJK punctuation,
 * enclosed CJK, unified ideographs, Hangul syllables (no conjoining jamo), half- and full-width forms. Briefing
 * text is nearly always all in them, and a 19 MB file then skips the normaliser's whole copy.
 * (tests/unit/import/decode.spec.ts checks every code point of these ranges.)
 */
export const NFC_MAY_CHANGE =
  /[^\u0000-\u02ff\u2010-\u206f\u2190-\u2328\u232b-\u23ff\u2460-\u27bf\u3000-\u303f\u3200-\u33ff\u4e00-\u9fff\uac00-\ud7a3\uff00-\uffef]/

function finish(text: string, encoding: TextEncoding): DecodedText {
  const unix = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text
  return { text: NFC_MAY_CHANGE.test(unix) ? unix.normalize('NFC') : unix, encoding }
}

function strictUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): string {
  const what = encoding.toUpperCase()
  if (bytes.length % 2 !== 0) throw new ImportError(`invalid ${what}: odd number of bytes`)
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    throw new ImportError(`invalid ${what}: unpaired surrogate in the text`)
  }
}

interface Candidate {
  encoding: TextEncoding
  text: string
  score: number
}

function utf16Candidate(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Candidate | undefined {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return undefined
  // Lenient here: a lone surrogate becomes U+FFFD and counts against the score.
  const sample = bytes.subarray(0, Math.min(bytes.length, SAMPLE * 2))
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(sample)
  return { encoding, text, score: textScore(text) }
}

/**
 * Decodes the bytes of a text document.
 *
 * @throws ImportError `binary file, not a document` (NUL bytes or control characters that are not UTF-16 text),
 *   or `not text in UTF-8, UTF-16 or CP949 (invalid UTF-8 at byte 12 (0xB1); invalid CP949 at byte 40 (0x80))`,
 *   or an invalid sequence after a byte-order mark.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3)
    const bad = firstInvalidUtf8Offset(body)
    if (bad >= 0) {
      throw new ImportError(`invalid UTF-8 after a UTF-8 byte-order mark (byte ${bad + 3}: ${hex(body[bad])})`)
    }
    const text = utf8Fatal.decode(body)
    if (tooManyControls(text) || text.includes('\0')) throw new ImportError(BINARY_REASON)
    return finish(text, 'utf-8-bom')
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return finish(strictUtf16(bytes.subarray(2), 'utf-16le'), 'utf-16le')
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return finish(strictUtf16(bytes.subarray(2), 'utf-16be'), 'utf-16be')

  const badUtf8 = firstInvalidUtf8Offset(bytes)
  const hasNul = bytes.includes(0)
  if (badUtf8 < 0) {
    const text = utf8Fatal.decode(bytes)
    if (!hasNul && !tooManyControls(text)) return finish(text, 'utf-8')
  }

  // CP949 first: on a tie (a few bytes can read as both) the legacy encoding is the likelier one.
  const candidates: Candidate[] = []
  const badCp949 = hasNul ? bytes.indexOf(0) : firstInvalidCp949Offset(bytes)
  let cp949Text: string | undefined
  if (badCp949 < 0) {
    cp949Text = iconv.decode(bytes, 'cp949')
    if (!cp949Text.includes('\ufffd')) {
      const score = textScore(cp949Text)
      if (score >= CP949_MIN_SCORE && !tooManyControls(cp949Text)) {
        candidates.push({ encoding: 'cp949', text: cp949Text, score })
      }
    }
  }
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    const c = utf16Candidate(bytes, encoding)
    if (c && c.score >= UTF16_MIN_SCORE) candidates.push(c)
  }
  candidates.sort((a, b) => b.score - a.score) // stable: ties keep CP949 first
  const best = candidates[0]
  if (best) {
    if (best.encoding === 'cp949') return finish(composeFillerSequences(best.text), 'cp949')
    return finish(strictUtf16(bytes, best.encoding as 'utf-16le' | 'utf-16be'), best.encoding)
  }

  if (hasNul && bytes.length % 2 === 1) {
    // UTF-16 without a byte-order mark cut at an odd byte: say so rather than "binary"
    const even = bytes.subarray(0, bytes.length - 1)
    for (const encoding of ['utf-16le', 'utf-16be'] as const) {
      const c = utf16Candidate(even, encoding)
      if (c && c.score >= UTF16_MIN_SCORE) {
        throw new ImportError(`invalid ${encoding.toUpperCase()} (detected: no byte-order mark): odd number of bytes`)
      }
    }
  }
  if (hasNul || (badUtf8 < 0 && tooManyControls(utf8Fatal.decode(bytes)))) {
    throw new ImportError(BINARY_REASON)
  }
  if (cp949Text !== undefined && tooManyControls(cp949Text)) throw new ImportError(BINARY_REASON)
  const why: string[] = []
  if (badUtf8 >= 0) why.push(`invalid UTF-8 at byte ${badUtf8} (${hex(bytes[badUtf8])})`)
  if (badCp949 >= 0) why.push(`invalid CP949 at byte ${badCp949} (${hex(bytes[badCp949])})`)
  else if (cp949Text?.includes('\ufffd')) why.push('unassigned CP949 codes')
  else why.push('not plausible as CP949 text')
  throw new ImportError(`not text in UTF-8, UTF-16 or CP949 (${why.join('; ')})`)
}
