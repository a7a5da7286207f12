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
  return encodeShard(buildShard(key, documents), documents.map((d) => `${d.title}\n${d.headline}\n${d.body}`))
}

/** Each part's `[offset, length]` when the parts are laid end to end, and their total length. */
function layOut(parts: Uint8Array[]): { spans: Array<[number, number]>; total: number } {
  const spans: Array<[number, number]> = []
  let total = 0
  for (const part of parts) {
    spans.push([total, part.length])
    total += part.length
  }
  return { spans, total }
}

/** Serialises a shard and its item texts into the two files' bytes. */
function encodeShard(shard: IndexShard, texts: string[]): { index: Uint8Array; text: Uint8Array } {
  const enc = new TextEncoder()
  const textParts = texts.map((t) => enc.encode(t))
  const { spans: offsets, total: textLength } = layOut(textParts)
  const textBytes = new Uint8Array(textLength)
  textParts.forEach((p, i) => textBytes.set(p, offsets[i][0]))

  const normParts = (shard.normTexts ?? texts.map((t) => normalizeText(t))).map((t) => enc.encode(t))
  const { spans: norm, total: n } = layOut(normParts)
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
  for (const [k, part] of normParts.entries()) out.set(part, p + norm[k][0])
  return { index: out, text: textBytes }
}

/** A loaded shard with a reader for its item texts. */
export interface LoadedShard {
  shard: IndexShard
  /** Reads the display text of one item from the .txt file. */
  text(doc: number): string
  /**
   * True when the item's normalised text contains `needle` (normalised); with `spacing`, also when it
   * contains it with spaces between its characters removed from the text.
   */
  contains(doc: number, needle: string, spacing: boolean): boolean
  close(): void
}

/**
 * Decodes a shard file. The typed arrays are views on the file's bytes (no copy); the term list is
 * the only part turned into strings.
 * @throws Error naming the file when the bytes are not a shard of this format.
 */
export function decodeShard(bytes: Uint8Array, textPath: string, file: string): LoadedShard {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.byteLength < 12 || view.getUint32(0, true) !== MAGIC) throw new Error(`${file}: not a search index shard`)
  if (view.getUint32(4, true) !== SHARD_FORMAT) throw new Error(`${file}: shard format ${view.getUint32(4, true)} is not ${SHARD_FORMAT}`)
  const headerLen = view.getUint32(8, true)
  const dec = new TextDecoder()
  const header = JSON.parse(dec.decode(bytes.subarray(12, 12 + headerLen))) as ShardHeader
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
  const normBase = p + header.termsBytes
  const normBuf = Buffer.from(aligned.buffer, aligned.byteOffset + normBase, header.normBytes)
  const shard: IndexShard = { key: header.key, docs: header.docs, terms, postStart, postDocs, postScores, aliases: header.aliases }
  let fd: number | undefined
  return {
    shard,
    text(doc: number): string {
      const [offset, length] = header.text[doc]
      fd ??= openSync(textPath, 'r')
      const buf = Buffer.allocUnsafe(length)
      readSync(fd, buf, 0, length, offset)
      return buf.toString('utf8')
    },
    contains(doc: number, needle: string, spacing: boolean): boolean {
      const [offset, length] = header.norm[doc]
      const text = normBuf.subarray(offset, offset + length)
      const bytes = needleBytes(needle)
      if (text.indexOf(bytes) >= 0) return true
      return spacing && includesIgnoringSpaces(text, bytes)
    },
    close(): void {
      if (fd !== undefined) closeSync(fd)
      fd = undefined
    }
  }
}
