/**
 * The on-disk form of one search index shard: `<key>.idx` (header JSON, typed-array postings and the
 * sorted term list, then every item's normalised text, kept in memory as bytes to check that a phrase
 * or a long CJK word really occurs, not only its bigrams) and `<key>.txt` (the display text of every
 * item, read on demand for phrase checks and snippets, so it never sits in memory).
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { buildShard, type IndexShard, type ShardDoc } from '../search/build-index.ts'
import type { SearchDocument } from '../search/documents.ts'
import { normalizeText } from '../search/normalize.ts'

const MAGIC = 0x58495242 // "BRIX"
export const SHARD_FORMAT = 2

interface ShardHeader {
  format: number
  key: string
  docs: ShardDoc[]
  aliases: Array<[string, string]>
  termCount: number
  postCount: number
  termsBytes: number
  /** Byte offset and length of each item's text in the .txt file. */
  text: Array<[number, number]>
  /** Byte offset and length of each item's compact normalised text after the terms. */
  norm: Array<[number, number]>
  normBytes: number
  /** Bytes per document number in the postings: 2 or 4. */
  docWidth: number
}

const encoded = new Map<string, Buffer>()
function needleBytes(needle: string): Buffer {
  let bytes = encoded.get(needle)
  if (!bytes) {
    if (encoded.size > 1000) encoded.clear()
    bytes = Buffer.from(needle, 'utf8')
    encoded.set(needle, bytes)
  }
  return bytes
}

/**
 * True when `needle` (no spaces) occurs in `text` with any single spaces between its bytes ignored:
 * 양자컴퓨팅 in "양자 컴퓨팅". Works on UTF-8 bytes, without decoding the text.
 */
function includesIgnoringSpaces(text: Uint8Array, needle: Uint8Array): boolean {
  if (needle.length === 0) return true
  const buf = Buffer.from(text.buffer, text.byteOffset, text.byteLength)
  const first = needle.subarray(0, Math.min(needle.length, leadLength(needle[0])))
  for (let at = buf.indexOf(first); at >= 0; at = buf.indexOf(first, at + 1)) {
    let i = at
    let j = 0
    while (j < needle.length && i < buf.length) {
      if (buf[i] === needle[j]) {
        i++
        j++
      } else if (buf[i] === 0x20 && j > 0 && isCharStart(needle[j])) {
        i++ // a space between two characters of the needle
      } else break
    }
    if (j === needle.length) return true
  }
  return false
}

function leadLength(b: number): number {
  return b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4
}

function isCharStart(b: number): boolean {
  return (b & 0xc0) !== 0x80
}

const align4 = (n: number): number => (n + 3) & ~3

/**
 * Builds the shard of `documents` and serialises it (see {@link encodeShard}); an item's display text is
 * its title, headline and body, one per line. The same bytes on the calling thread and in the worker.
 */
export function buildShardFiles(key: string, documents: SearchDocument[]): { index: Uint8Array; text: Uint8Array } {
  return encodeShard(buildShard(key, documents), documents.map((d) => [d.title, d.headline, d.body]))
}

/**
 * Texts laid end to end as UTF-8, each made of pieces joined by `separator`: each text's `[offset, length]`
 * in bytes and the total, measured without encoding anything (so the bytes can be written once, in place).
 */
function layOut(texts: string[][], separator: string): { spans: Array<[number, number]>; total: number } {
  const sep = Buffer.byteLength(separator)
  const spans: Array<[number, number]> = []
  let total = 0
  for (const pieces of texts) {
    let length = 0
    for (const [k, piece] of pieces.entries()) length += (k > 0 ? sep : 0) + Buffer.byteLength(piece)
    spans.push([total, length])
    total += length
  }
  return { spans, total }
}

/** Writes each text's pieces, joined by `separator`, as UTF-8 into `out` at `at` plus its span's offset. */
function writeTexts(out: Uint8Array, at: number, texts: string[][], separator: string, spans: Array<[number, number]>): void {
  const enc = new TextEncoder()
  for (const [k, pieces] of texts.entries()) {
    let p = at + spans[k][0]
    for (const [j, piece] of pieces.entries()) {
      if (j > 0) p += enc.encodeInto(separator, out.subarray(p)).written
      p += enc.encodeInto(piece, out.subarray(p)).written
    }
    if (p !== at + spans[k][0] + spans[k][1]) throw new Error(`shard text ${k}: ${p - at - spans[k][0]} bytes written, ${spans[k][1]} measured`)
  }
}

/**
 * Serialises a shard and its item texts (each the pieces of its display text, joined by line breaks) into the
 * two files' bytes. Each text is encoded straight into its file's bytes: no joined copy of a text, and no
 * encoded copy besides the file's own bytes.
 */
function encodeShard(shard: IndexShard, texts: string[][]): { index: Uint8Array; text: Uint8Array } {
  const enc = new TextEncoder()
  const { spans: offsets, total: textLength } = layOut(texts, '\n')
  const textBytes = new Uint8Array(textLength)
  writeTexts(textBytes, 0, texts, '\n', offsets)

  const normTexts = shard.normParts ?? texts.map((t) => [normalizeText(t.join('\n'))])
  const { spans: norm, total: n } = layOut(normTexts, ' ')
  const terms = enc.encode(shard.terms.join('\n'))
  const header: ShardHeader = {
    format: SHARD_FORMAT,
    key: shard.key,
    docs: shard.docs,
    aliases: shard.aliases,
    termCount: shard.terms.length,
    postCount: shard.postDocs.length,
    termsBytes: terms.length,
    text: offsets,
    norm,
    normBytes: n,
    docWidth: shard.postDocs.BYTES_PER_ELEMENT
  }
  const headerBytes = enc.encode(JSON.stringify(header))
  const headerEnd = align4(12 + headerBytes.length)
  const size =
    headerEnd + shard.postStart.byteLength + shard.postDocs.byteLength + shard.postScores.byteLength + terms.length + n
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  view.setUint32(0, MAGIC, true)
  view.setUint32(4, SHARD_FORMAT, true)
  view.setUint32(8, headerBytes.length, true)
  out.set(headerBytes, 12)
  let p = headerEnd
  // 32-bit arrays first so each stays 4-byte aligned; the 16-bit document numbers after them
  for (const arr of [shard.postStart, shard.postScores, shard.postDocs]) {
    out.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), p)
    p += arr.byteLength
  }
  out.set(terms, p)
  p += terms.length
  writeTexts(out, p, normTexts, ' ', norm)
  return { index: out, text: textBytes }
}

/** A loaded shard with a reader for its item texts. */
export interface LoadedShard {
  shard: IndexShard
  /**
   * Reads the display text of one item from the .txt file. Never throws and never returns bytes that were
   * not read from the file: a text that cannot be read (the file shortened, removed or unreadable since it
   * was verified) is what could be read, possibly empty, and `onDamage` is told.
   */
  text(doc: number): string
  /**
   * True when the item's normalised text contains `needle` (normalised); with `spacing`, also when it
   * contains it with spaces between its characters removed from the text.
   */
  contains(doc: number, needle: string, spacing: boolean): boolean
  close(): void
}

/** Where a decoded shard reads its item texts from. */
export interface ShardTextSource {
  /** An open descriptor of the .txt file (kept open, so the file can be swept or replaced meanwhile). */
  fd?: number
  /** The .txt file's bytes in memory (a shard that could not be saved). */
  bytes?: Uint8Array
  /** Told, once, when a text could not be read whole. */
  onDamage?: (reason: string) => void
  /** Closes `fd` (default: closeSync). */
  closeFd?: () => void
}

const isSpan = (v: unknown, limit: number): boolean =>
  Array.isArray(v) && v.length === 2 && Number.isInteger(v[0]) && Number.isInteger(v[1]) && v[0] >= 0 && v[1] >= 0 && v[0] + v[1] <= limit

/** Throws naming `file` unless the header's fields have the shapes and bounds the decoder relies on. */
function checkHeader(h: ShardHeader, file: string): void {
  const bad = (what: string): never => {
    throw new Error(`${file}: damaged header (${what})`)
  }
  if (typeof h !== 'object' || h === null) bad('not an object')
  if (typeof h.key !== 'string') bad('key')
  if (!Array.isArray(h.docs) || !h.docs.every((d) => typeof d === 'object' && d !== null && typeof d.itemId === 'string' && typeof d.briefingId === 'string')) bad('docs')
  for (const k of ['termCount', 'postCount', 'termsBytes', 'normBytes'] as const) if (!Number.isInteger(h[k]) || h[k] < 0) bad(k)
  if (h.docWidth !== undefined && h.docWidth !== 2 && h.docWidth !== 4) bad('docWidth')
  if (!Array.isArray(h.aliases)) bad('aliases')
  if (!Array.isArray(h.text) || h.text.length !== h.docs.length || !h.text.every((t) => isSpan(t, Number.MAX_SAFE_INTEGER))) bad('text offsets')
  if (!Array.isArray(h.norm) || h.norm.length !== h.docs.length || !h.norm.every((t) => isSpan(t, h.normBytes))) bad('normalised text offsets')
}

/**
 * Decodes a shard file. The typed arrays are views on the file's bytes (no copy); the term list is
 * the only part turned into strings. Item texts come from `source` (an open descriptor or bytes in memory),
 * else from `textPath`, opened on first use.
 * @throws Error naming the file when the bytes are not a whole shard of this format.
 */
export function decodeShard(bytes: Uint8Array, textPath: string, file: string, source: ShardTextSource = {}): LoadedShard {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.byteLength < 12 || view.getUint32(0, true) !== MAGIC) throw new Error(`${file}: not a search index shard`)
  if (view.getUint32(4, true) !== SHARD_FORMAT) throw new Error(`${file}: shard format ${view.getUint32(4, true)} is not ${SHARD_FORMAT}`)
  const headerLen = view.getUint32(8, true)
  if (12 + headerLen > bytes.byteLength) throw new Error(`${file}: truncated (header of ${headerLen} bytes in ${bytes.byteLength})`)
  const dec = new TextDecoder()
  let header: ShardHeader
  try {
    header = JSON.parse(dec.decode(bytes.subarray(12, 12 + headerLen))) as ShardHeader
  } catch {
    throw new Error(`${file}: damaged header (not JSON)`)
  }
  checkHeader(header, file)
  let p = align4(12 + headerLen)
  const docWidth = header.docWidth ?? 4
  const expected =
    p + 4 * (header.termCount + 1) + (4 + docWidth) * header.postCount + header.termsBytes + header.normBytes
  if (expected !== bytes.byteLength) throw new Error(`${file}: truncated (${bytes.byteLength} of ${expected} bytes)`)
  // views need 4-byte alignment of the underlying buffer offset; copy when the file buffer is unaligned
  const aligned = (bytes.byteOffset & 3) === 0 ? bytes : bytes.slice()
  const base = aligned.byteOffset
  const postStart = new Uint32Array(aligned.buffer, base + p, header.termCount + 1)
  p += postStart.byteLength
  const postScores = new Float32Array(aligned.buffer, base + p, header.postCount)
  p += postScores.byteLength
  const postDocs =
    docWidth === 2
      ? new Uint16Array(aligned.buffer, base + p, header.postCount)
      : new Uint32Array(aligned.buffer, base + p, header.postCount)
  p += postDocs.byteLength
  const terms = header.termCount === 0 ? [] : dec.decode(aligned.subarray(p, p + header.termsBytes)).split('\n')
  if (terms.length !== header.termCount) throw new Error(`${file}: damaged term list`)
  const normBase = p + header.termsBytes
  const normBuf = Buffer.from(aligned.buffer, aligned.byteOffset + normBase, header.normBytes)
  const shard: IndexShard = { key: header.key, docs: header.docs, terms, postStart, postDocs, postScores, aliases: header.aliases }
  let fd = source.fd
  let damaged = false
  const damage = (reason: string): void => {
    if (damaged) return
    damaged = true
    source.onDamage?.(reason)
  }
  return {
    shard,
    text(doc: number): string {
      const span = header.text[doc]
      if (!span) return ''
      const [offset, length] = span
      if (source.bytes) {
        if (offset + length > source.bytes.length) damage(`${textPath}: shorter than the index says`)
        return Buffer.from(source.bytes.subarray(offset, offset + length)).toString('utf8')
      }
      try {
        fd ??= openSync(textPath, 'r')
        const buf = Buffer.alloc(length)
        let got = 0
        while (got < length) {
          const n = readSync(fd, buf, got, length - got, offset + got)
          if (n === 0) break
          got += n
        }
        if (got < length) damage(`${textPath}: shorter than the index says (${offset + got} of ${offset + length} bytes)`)
        return buf.subarray(0, got).toString('utf8')
      } catch (error) {
        damage(`${textPath}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message}`)
        return ''
      }
    },
    contains(doc: number, needle: string, spacing: boolean): boolean {
      const span = header.norm[doc]
      if (!span) return false
      const [offset, length] = span
      const text = normBuf.subarray(offset, offset + length)
      const bytes = needleBytes(needle)
      if (text.indexOf(bytes) >= 0) return true
      return spacing && includesIgnoringSpaces(text, bytes)
    },
    close(): void {
      if (fd !== undefined) {
        try {
          if (source.closeFd && fd === source.fd) source.closeFd()
          else closeSync(fd)
        } catch {
          /* already closed */
        }
      }
      fd = undefined
    }
  }
}
