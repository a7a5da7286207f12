/**
 * Reading a zip container (HWPX) without trusting it: the central directory is read first and its declared
 * sizes, entry count and compression ratios are checked before anything is inflated; each entry is then
 * inflated with fflate's streaming Inflate in small chunks while the bytes actually produced are counted, so a
 * bomb that lies about its sizes is stopped a few megabytes in, and every entry's CRC-32 is checked.
 * Nothing is extracted to disk; nested archives are never opened.
 * (../shared/research/reliability.md §4.5.)
 */
import { crc32 } from 'node:zlib'
import { Inflate } from 'fflate'
import iconv from 'iconv-lite'
import { ImportError } from './types.ts'

export interface ZipLimits {
  maxEntries: number
  /** Sum of the inflated sizes of the entries read. */
  maxTotalBytes: number
  /** An entry larger than this inflated must not be compressed more than `maxRatio`. */
  ratioThresholdBytes: number
  maxRatio: number
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 2000,
  maxTotalBytes: 200 * 1024 * 1024,
  ratioThresholdBytes: 10 * 1024 * 1024,
  maxRatio: 100
}

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflated. */
  method: number
  flags: number
  compressedSize: number
  /** As the central directory declares it (attacker-controlled: enforced while inflating). */
  size: number
  crc: number
  localOffset: number
}

const EOCD = 0x06054b50
const CEN = 0x02014b50
const LOC = 0x04034b50
const CHUNK = 4096

function u16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8)
}
function u32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0
}

const damaged = (what: string): ImportError => new ImportError(`damaged zip archive (${what})`)

/** The entries of the central directory, checked against the limits. Inflates nothing. */
export function listZip(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipEntry[] {
  let e = bytes.length - 22
  const stop = Math.max(0, bytes.length - 22 - 0xffff)
  while (e >= stop && u32(bytes, e) !== EOCD) e--
  if (e < stop) throw damaged('no end of central directory: truncated?')
  const count = u16(bytes, e + 10)
  const cdSize = u32(bytes, e + 12)
  const cdOffset = u32(bytes, e + 16)
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ImportError('ZIP64 archives are not supported')
  if (count > limits.maxEntries) {
    throw new ImportError(`zip archive with ${count} entries (at most ${limits.maxEntries})`)
  }
  if (cdOffset + cdSize > e) throw damaged('central directory out of bounds')
  const entries: ZipEntry[] = []
  let o = cdOffset
  let total = 0
  for (let i = 0; i < count; i++) {
    if (o + 46 > e || u32(bytes, o) !== CEN) throw damaged('bad central directory entry')
    const flags = u16(bytes, o + 8)
    const nameLength = u16(bytes, o + 28)
    const rawName = bytes.subarray(o + 46, o + 46 + nameLength)
    // bit 11: the name is UTF-8; legacy Korean tools wrote CP949
    const name = flags & 0x800 ? new TextDecoder().decode(rawName) : iconv.decode(rawName, 'cp949')
    const entry: ZipEntry = {
      name,
      method: u16(bytes, o + 10),
      flags,
      crc: u32(bytes, o + 16),
      compressedSize: u32(bytes, o + 20),
      size: u32(bytes, o + 24),
      localOffset: u32(bytes, o + 42)
    }
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff) {
      throw new ImportError('ZIP64 archives are not supported')
    }
    checkRatio(entry, entry.size, limits)
    total += entry.size
    if (total > limits.maxTotalBytes) {
      throw new ImportError(`zip archive too large when unpacked (over ${mb(limits.maxTotalBytes)})`)
    }
    entries.push(entry)
    o += 46 + nameLength + u16(bytes, o + 30) + u16(bytes, o + 32)
  }
  return entries
}

function mb(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`
}

function checkRatio(entry: ZipEntry, size: number, limits: ZipLimits): void {
  if (size > limits.ratioThresholdBytes && size > entry.compressedSize * limits.maxRatio) {
    throw new ImportError(
      `zip bomb: ${entry.name} unpacks to over ${mb(limits.ratioThresholdBytes)} at more than ${limits.maxRatio}:1`
    )
  }
}

/**
 * Inflates one entry, never producing more than the entry's declared size (itself within the limits) nor more
 * than `budget` bytes; the result's CRC-32 must match.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, budget: number, limits: ZipLimits = ZIP_LIMITS): Uint8Array {
  if (entry.flags & 1) throw new ImportError(`encrypted zip entry ${entry.name}`)
  const l = entry.localOffset
  if (l + 30 > bytes.length || u32(bytes, l) !== LOC) throw damaged(`bad local header of ${entry.name}`)
  const start = l + 30 + u16(bytes, l + 26) + u16(bytes, l + 28)
  const end = start + entry.compressedSize
  if (end > bytes.length) throw damaged(`${entry.name} is cut short`)
  const data = bytes.subarray(start, end)
  const cap = Math.min(entry.size, budget)
  if (entry.size > budget) {
    throw new ImportError(`zip archive too large when unpacked (over ${mb(limits.maxTotalBytes)})`)
  }
  let out: Uint8Array
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw damaged(`${entry.name}: stored size mismatch`)
    out = data.slice()
  } else if (entry.method === 8) {
    const chunks: Uint8Array[] = []
    let produced = 0
    let over = false
    const inflate = new Inflate((chunk) => {
      produced += chunk.length
      if (produced > cap) over = true
      else chunks.push(chunk)
    })
    try {
      for (let i = 0; i < data.length && !over; i += CHUNK) {
        inflate.push(data.subarray(i, Math.min(i + CHUNK, data.length)), i + CHUNK >= data.length)
      }
    } catch {
      throw damaged(`${entry.name}: invalid deflate data`)
    }
    if (over) {
      checkRatio(entry, produced, limits)
      throw new ImportError(`zip bomb: ${entry.name} unpacks to more than the ${cap} bytes it declares`)
    }
    out = new Uint8Array(produced)
    let at = 0
    for (const c of chunks) {
      out.set(c, at)
      at += c.length
    }
  } else {
    throw new ImportError(`zip entry ${entry.name} uses compression method ${entry.method} (not supported)`)
  }
  if (out.length !== entry.size) throw damaged(`${entry.name} is cut short`)
  if (crc32(out) >>> 0 !== entry.crc) throw damaged(`${entry.name}: CRC mismatch`)
  return out
}

/**
 * Reads the named entries (those `wanted` accepts), within one total budget for the archive.
 * @returns name → bytes
 */
export function readZip(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  limits: ZipLimits = ZIP_LIMITS
): { entries: ZipEntry[]; files: Map<string, Uint8Array> } {
  const entries = listZip(bytes, limits)
  const files = new Map<string, Uint8Array>()
  let budget = limits.maxTotalBytes
  for (const entry of entries) {
    if (!wanted(entry.name)) continue
    const data = readZipEntry(bytes, entry, budget, limits)
    budget -= data.length
    files.set(entry.name, data)
  }
  return { entries, files }
}
