/**
 * The one detection step of the import path: what a file is, from its bytes first (magic numbers, then its
 * content) and from its name only to choose between text formats. HTML named `.pdf` is HTML; a PDF named
 * `.txt` is a PDF. Formats the app cannot read are refused here with a one-line reason naming what the file is.
 */
import type { SourceFormat } from './types.ts'
import { ImportError } from './types.ts'
import { BINARY_REASON, decodeText } from './decode.ts'
import { listZip, readZipEntry } from './zip.ts'

export type Detection = { format: SourceFormat } | { refused: string }

export const HWP5_REASON = 'HWP 5.0 binary files are not supported yet; save it as HWPX or PDF'
export const FOREIGN_JSON_REASON = 'JSON that is not a Briefing Reader briefing'

const HWPX_MIME = 'application/hwp+zip'

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  return magic.every((b, i) => bytes[at + i] === b)
}

function indexOfAscii(bytes: Uint8Array, text: string, from: number, to: number): number {
  const first = text.charCodeAt(0)
  const end = Math.min(to, bytes.length - text.length)
  for (let i = from; i <= end; i++) {
    if (bytes[i] !== first) continue
    let k = 1
    while (k < text.length && bytes[i + k] === text.charCodeAt(k)) k++
    if (k === text.length) return i
  }
  return -1
}

const extension = (fileName: string): string => /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? ''

/** Binary formats told by their first bytes; named in the refusal. */
const BINARY_MAGIC: { magic: number[]; at?: number; what: string }[] = [
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], what: 'GIF image' },
  { magic: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], what: 'GIF image' },
  { magic: [0x57, 0x45, 0x42, 0x50], at: 8, what: 'WebP image' },
  { magic: [0x49, 0x49, 0x2a, 0x00], what: 'TIFF image' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], what: 'TIFF image' },
  { magic: [0x1f, 0x8b], what: 'gzip archive' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: '7z archive' },
  { magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], what: 'RAR archive' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: 'executable' }
]

/** The first characters of the file, for sniffing markup: UTF-16 decoded, anything else read byte by byte. */
function head(bytes: Uint8Array, n = 2048): string {
  const part = bytes.subarray(0, n)
  const le = part[0] === 0xff && part[1] === 0xfe
  const be = part[0] === 0xfe && part[1] === 0xff
  let zerosEven = 0
  let zerosOdd = 0
  for (let i = 0; i + 1 < part.length; i += 2) {
    if (part[i] === 0) zerosEven++
    if (part[i + 1] === 0) zerosOdd++
  }
  const half = part.length / 2
  const even = part.subarray(0, part.length - (part.length % 2))
  if (le || (!be && zerosOdd > half * 0.3 && zerosEven < half * 0.05)) return new TextDecoder('utf-16le').decode(even)
  if (be || (zerosEven > half * 0.3 && zerosOdd < half * 0.05)) return new TextDecoder('utf-16be').decode(even)
  let s = ''
  for (const b of part) s += String.fromCharCode(b)
  return s.replace(/^\u00ef\u00bb\u00bf/, '')
}

/** Markup at the start of a document (after a BOM, white space, an XML declaration and comments). */
export function startsWithHtml(text: string): boolean {
  let s = text.replace(/^\ufeff/, '')
  for (;;) {
    const before = s
    s = s.replace(/^\s+/, '').replace(/^<\?xml[^>]*\?>/i, '').replace(/^<!--[\s\S]*?-->/, '')
    if (s === before) break
  }
  return /^<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(s)
}

function detectZip(bytes: Uint8Array): Detection {
  let entries
  try {
    entries = listZip(bytes)
  } catch (error) {
    if (error instanceof ImportError) return { refused: error.reason }
    throw error
  }
  const names = new Set(entries.map((e) => e.name))
  let mime = ''
  const first = entries.find((e) => e.name === 'mimetype')
  if (first && first.size <= 256) {
    try {
      mime = new TextDecoder().decode(readZipEntry(bytes, first, 256)).trim()
    } catch (error) {
      if (error instanceof ImportError) return { refused: error.reason }
      throw error
    }
  }
  if (mime === HWPX_MIME || names.has('Contents/content.hpf')) return { format: 'hwpx' }
  const has = (prefix: string): boolean => entries.some((e) => e.name.startsWith(prefix))
  if (mime === 'application/epub+zip') return { refused: 'an EPUB e-book, not a document the app reads' }
  if (mime.startsWith('application/vnd.oasis.opendocument')) {
    return { refused: 'an OpenDocument file, not supported; save it as PDF' }
  }
  if (has('word/')) return { refused: 'a Word document (.docx), not supported; save it as PDF' }
  if (has('xl/')) return { refused: 'an Excel workbook (.xlsx), not a document the app reads' }
  if (has('ppt/')) return { refused: 'a PowerPoint presentation (.pptx), not supported; save it as PDF' }
  return { refused: 'a zip archive, not a document; unpack it and import its files' }
}

function isBriefingShaped(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const v = value as Record<string, unknown>
  return typeof v.id === 'string' && typeof v.series === 'string' && typeof v.published === 'string' &&
    Array.isArray(v.sections)
}

/** YAML front matter: `---` on the first line and a closing `---` or `...` within the first 200 lines. */
export function hasFrontMatter(text: string): boolean {
  if (!/^---[ \t]*\n/.test(text)) return false
  const lines = text.split('\n', 201)
  return lines.slice(1).some((l) => /^(---|\.\.\.)[ \t]*$/.test(l))
}

/**
 * What the file is.
 *
 * @returns the format to read it as, or the one-line reason it is refused (without the file name).
 */
export function detectFormat(bytes: Uint8Array, fileName: string): Detection {
  if (bytes.length === 0) return { refused: 'empty file' }
  const ext = extension(fileName)

  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { format: 'pdf' }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return detectZip(bytes)
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    const hwp = ext === 'hwp' || indexOfAscii(bytes, 'HWP Document File', 0, bytes.length) >= 0
    return { refused: hwp ? HWP5_REASON : 'an OLE2 compound file (Word 97–2003, Excel or similar), not supported; save it as PDF' }
  }
  for (const { magic, at, what } of BINARY_MAGIC) {
    if (startsWith(bytes, magic, at ?? 0) && (at === undefined || startsWith(bytes, [0x52, 0x49, 0x46, 0x46]))) {
      return { refused: `${BINARY_REASON} (${what})` }
    }
  }

  const start = head(bytes)
  if (startsWithHtml(start)) return { format: 'html' }
  // a PDF may have a few bytes of junk before its header (the spec allows the first 1,024)
  if (indexOfAscii(bytes, '%PDF-', 0, 1024) >= 0 && !start.trimStart().startsWith('<')) return { format: 'pdf' }

  let text: string
  try {
    text = decodeText(bytes).text
  } catch (error) {
    if (error instanceof ImportError) return { refused: error.reason }
    throw error
  }
  if (text.trim() === '') return { refused: 'no text (the file holds only white space)' }

  const trimmed = text.trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || ext === 'json') {
    let value: unknown
    let parsed = false
    try {
      value = JSON.parse(trimmed)
      parsed = true
    } catch (error) {
      if (ext === 'json') return { refused: `invalid JSON (${(error as Error).message.split('\n')[0]})` }
    }
    if (parsed) return isBriefingShaped(value) ? { format: 'json' } : { refused: FOREIGN_JSON_REASON }
  }

  if (hasFrontMatter(text)) return { format: 'markdown' }
  if ((ext === 'md' || ext === 'markdown') && /^#{1,6}[ \t]+\S/m.test(text)) return { format: 'markdown' }
  if ((ext === 'html' || ext === 'htm' || ext === 'xhtml') && /<[a-z][a-z0-9]*[\s>/]/i.test(text)) {
    return { format: 'html' }
  }
  return { format: 'text' }
}
