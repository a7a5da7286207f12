/**
 * The library catalogue, `<archive>/catalog.json`: each briefing's summary with the size and mtime of its
 * JSON when it was summarised, so listing (and the search index's freshness check) reads only the files
 * that changed. A cache: when missing, damaged, or written by another parser version it is rebuilt.
 *
 * The file carries the SHA-256 of its entries' JSON; a file that fails it is rebuilt as a whole (and that is
 * reported), and an entry whose summary does not have the shape of one is dropped (its briefing is read).
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BriefingSummary } from '../model/briefing.ts'
import { errorText } from './archive-folder.ts'

export const CATALOG_FILE = 'catalog.json'
const CATALOG_FORMAT = 2

export interface CatalogEntry {
  mtimeMs: number
  size: number
  summary: BriefingSummary
}

/** The catalogue as read: its entries, and why it was not usable when it was not (for a warning). */
export interface CatalogRead {
  entries: Map<string, CatalogEntry>
  /** Set when the file was there but damaged (not when missing or of another version: a cache goes stale). */
  damaged?: string
}

const checksumOf = (json: string): string => `sha256:${createHash('sha256').update(json).digest('hex')}`

function isEntry(id: string, value: unknown): value is CatalogEntry {
  const e = value as Partial<CatalogEntry> | null
  const s = e?.summary as Partial<BriefingSummary> | undefined
  return (
    typeof e === 'object' && e !== null && Number.isFinite(e.mtimeMs) && Number.isInteger(e.size) &&
    typeof s === 'object' && s !== null && s.id === id && typeof s.series === 'string' &&
    typeof s.published === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s.published) && typeof s.publisher === 'string' &&
    Number.isInteger(s.itemCount) && typeof s.summaryLine === 'string' && typeof s.sample === 'boolean' &&
    Number.isInteger(s.warningCount) && typeof s.sourceHash === 'string'
  )
}

/** Reads the catalogue of an archive folder; empty entries when it is missing, damaged or stale. */
export async function readCatalog(dir: string, parserVersion: number): Promise<CatalogRead> {
  let text: string
  try {
    text = await readFile(join(dir, CATALOG_FILE), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' ? { entries: new Map() } : { entries: new Map(), damaged: `unreadable (${errorText(error)})` }
  }
  let raw: { format?: unknown; parserVersion?: unknown; checksum?: unknown; entries?: unknown }
  try {
    raw = JSON.parse(text) as typeof raw
  } catch {
    return { entries: new Map(), damaged: text.length === 0 ? 'empty' : 'corrupt JSON' }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { entries: new Map(), damaged: 'not a catalogue' }
  if (raw.format !== CATALOG_FORMAT || raw.parserVersion !== parserVersion) return { entries: new Map() }
  if (typeof raw.entries !== 'object' || raw.entries === null || Array.isArray(raw.entries)) {
    return { entries: new Map(), damaged: 'not a catalogue' }
  }
  if (raw.checksum !== checksumOf(JSON.stringify(raw.entries))) return { entries: new Map(), damaged: 'damaged (checksum mismatch)' }
  const entries = new Map<string, CatalogEntry>()
  let dropped = 0
  for (const [id, entry] of Object.entries(raw.entries as Record<string, unknown>)) {
    if (isEntry(id, entry)) entries.set(id, entry)
    else dropped++
  }
  return dropped > 0 ? { entries, damaged: `${dropped} malformed entries` } : { entries }
}

/** The catalogue's file content. */
export function catalogJson(entries: Map<string, CatalogEntry>, parserVersion: number): string {
  const json = JSON.stringify(Object.fromEntries(entries))
  return `{"format":${CATALOG_FORMAT},"parserVersion":${parserVersion},"checksum":"${checksumOf(json)}","entries":${json}}`
}
