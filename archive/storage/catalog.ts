/**
 * The library catalogue, `<archive>/catalog.json`: each briefing's summary with the size and mtime of its
 * JSON when it was summarised, so listing (and the search index's freshness check) reads only the files
 * that changed. A cache: when missing, corrupt, or written by another parser version it is rebuilt.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BriefingSummary } from '../model/briefing.ts'

export const CATALOG_FILE = 'catalog.json'
const CATALOG_FORMAT = 1

export interface CatalogEntry {
  mtimeMs: number
  size: number
  summary: BriefingSummary
}

/** Reads the catalogue of an archive folder; an empty one when it is missing, corrupt or stale. */
export async function readCatalog(dir: string, parserVersion: number): Promise<Map<string, CatalogEntry>> {
  try {
    const raw = JSON.parse(await readFile(join(dir, CATALOG_FILE), 'utf8')) as {
      format?: number
      parserVersion?: number
      entries?: Record<string, CatalogEntry>
    }
    if (raw.format !== CATALOG_FORMAT || raw.parserVersion !== parserVersion || typeof raw.entries !== 'object') {
      return new Map()
    }
    return new Map(Object.entries(raw.entries ?? {}))
  } catch {
    return new Map()
  }
}

/** The catalogue's file content. */
export function catalogJson(entries: Map<string, CatalogEntry>, parserVersion: number): string {
  return JSON.stringify({ format: CATALOG_FORMAT, parserVersion, entries: Object.fromEntries(entries) })
}
