/**
 * The one step from a source file's bytes to a Briefing, for the archive's import and re-parse: detect the
 * format (by content), read it (text in any of its encodings, PDF, HTML, Markdown, HWPX, our JSON), pick the
 * publisher's layout, parse. Never throws for bad input: the answer names the file and the one-line reason.
 *
 * A briefing's `sourceHash` is always the hash of the bytes given, so importing the same bytes twice is
 * recognised (our own JSON keeps everything else it says). A briefing whose layout or reader changed since it
 * was stored is re-parsed through here too ({@link isCurrent}).
 */
import { createHash } from 'node:crypto'
import type { Briefing } from '../model/briefing.ts'
import { LAYOUTS, parseDocument } from './layouts/index.ts'
import { readDocument } from './read-document.ts'
import { ImportError } from './types.ts'

export type SourceParse = { ok: true; briefing: Briefing } | { ok: false; error: string }

/** Bumped when a reader changes what it extracts (a stored briefing from an older one is re-parsed). */
export const READERS_VERSION = 1

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

const localDay = (date: Date): string =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`

/**
 * Parses a source file. `now` is the import's time: the date of a document that states none (marked
 * `publishedFrom: 'import-date'`), and `importedAt`.
 */
export async function parseSourceBytes(fileName: string, bytes: Uint8Array, now: Date = new Date()): Promise<SourceParse> {
  const sourceHash = sha256(bytes)
  try {
    const read = await readDocument(bytes, fileName)
    if ('briefing' in read) {
      return { ok: true, briefing: { ...read.briefing, sourceHash, sourceFile: fileName, format: 'json', importedAt: now.toISOString() } }
    }
    const briefing = parseDocument(read, { fileName, sourceHash, importDate: localDay(now) })
    for (const note of read.notes) briefing.warnings.push({ line: 0, message: note, text: '' })
    return { ok: true, briefing: { ...briefing, format: read.format, importedAt: now.toISOString() } }
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, error: `${fileName}: ${error.reason}` }
    return { ok: false, error: `${fileName}: cannot be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` }
  }
}

/** Whether a stored briefing was made by the current layout of its family (else it is re-parsed from its source). */
export function isCurrent(briefing: Briefing): boolean {
  if (!briefing.layout) return true // stored before layouts: the weekly parser's own version decides
  const layout = LAYOUTS.find((l) => l.name === briefing.layout?.name)
  return layout !== undefined && layout.version === briefing.layout.version
}
