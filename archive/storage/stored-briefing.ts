/**
 * One stored briefing, `briefings/<id>.json`: reading it as it is on disk, writing it, re-parsing it from
 * its source when the JSON is corrupt or was written by an older parser, and removing it with its source.
 */
import { createHash } from 'node:crypto'
import { readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Briefing } from '../model/briefing.ts'
import { PARSER_VERSION, parseBriefing, type ParseResult } from '../parser/parse-briefing.ts'
import { briefingPath, errorText, sourceNames, type ArchiveFolder } from './archive-folder.ts'
import { decodeText } from './decode-text.ts'
import { fsyncDir, writeAtomic } from './write-atomic.ts'

type StoredBriefing = Briefing & { parserVersion: number | string }

/** A briefing's JSON as found on disk. */
export type Stored =
  | { state: 'missing' }
  | { state: 'bad'; reason: string }
  | { state: 'ok'; briefing: Briefing; parserVersion: number | string }

/** True when `value` has the shape of a stored briefing for `id` (a cheap structural check). */
function isStoredBriefing(value: unknown, id: string): value is StoredBriefing {
  const v = value as Partial<StoredBriefing> | null
  return (
    typeof v === 'object' && v !== null && v.id === id && typeof v.published === 'string' &&
    typeof v.series === 'string' && typeof v.publisher === 'string' &&
    typeof v.sourceHash === 'string' && Array.isArray(v.sections) && Array.isArray(v.summary) &&
    Array.isArray(v.contents) && Array.isArray(v.warnings) &&
    v.sections.every((s) => typeof s === 'object' && s !== null && Array.isArray(s.items))
  )
}

/** Decodes and parses the bytes of a source file; the briefing's `sourceHash` is the sha256 of the bytes. */
export function parseSource(fileName: string, bytes: Uint8Array): ParseResult {
  const decoded = decodeText(bytes, fileName)
  if (!decoded.ok) return decoded
  const sourceHash = createHash('sha256').update(bytes).digest('hex')
  return parseBriefing(decoded.text, { fileName, sourceHash })
}

/** Reads a stored briefing as it is on disk, without recovery. */
export async function readStored(folder: ArchiveFolder, id: string): Promise<Stored> {
  let text: string
  try {
    text = await readFile(briefingPath(folder, id), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' }
    return { state: 'bad', reason: `unreadable (${errorText(error)})` }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { state: 'bad', reason: 'corrupt JSON' }
  }
  if (!isStoredBriefing(value, id)) return { state: 'bad', reason: 'not a briefing' }
  const { parserVersion, ...briefing } = value
  return { state: 'ok', briefing, parserVersion }
}

/** Writes a briefing's JSON (atomically), stamped with the current parser version. */
export async function writeStored(folder: ArchiveFolder, briefing: Briefing): Promise<void> {
  const stored: StoredBriefing = { parserVersion: PARSER_VERSION, ...briefing }
  await writeAtomic(briefingPath(folder, briefing.id), JSON.stringify(stored))
}

/** Reads a stored briefing, re-parsing it from its source when the JSON is corrupt or stale. */
export async function loadBriefing(folder: ArchiveFolder, id: string): Promise<Briefing | null> {
  const stored = await readStored(folder, id)
  if (stored.state === 'missing') return null
  if (stored.state === 'bad') return reparseFromSource(folder, id, stored.reason)
  if (stored.parserVersion !== PARSER_VERSION && (await sourceNames(folder, id)).length > 0) {
    return (await reparseFromSource(folder, id, `parsed by parser version ${stored.parserVersion}`)) ?? stored.briefing
  }
  return stored.briefing
}

/**
 * Re-parses a briefing from its stored source and rewrites its JSON; null when that is impossible.
 * `reason` (why the JSON needs it) starts the warning that reports the outcome.
 */
function reparseFromSource(folder: ArchiveFolder, id: string, reason: string): Promise<Briefing | null> {
  const file = `briefings/${id}.json`
  return folder.serial(async () => {
    // Another call may have repaired or replaced the file while this one waited for its turn.
    const now = await readStored(folder, id)
    if (now.state === 'ok' && now.parserVersion === PARSER_VERSION) return now.briefing
    const [name] = await sourceNames(folder, id)
    if (!name) {
      folder.warn(file, `${reason}; skipped (no source to re-parse)`)
      return null
    }
    const parsed = parseSource(name, await readFile(join(folder.sourcesDir, name)))
    if (!parsed.ok || parsed.briefing.id !== id) {
      const why = parsed.ok ? `it now parses as ${parsed.briefing.id}` : parsed.error
      folder.warn(file, `${reason}; re-parsing sources/${name} failed: ${why}`)
      return null
    }
    await writeStored(folder, parsed.briefing)
    folder.warn(file, `${reason}; re-parsed from sources/${name}`)
    return parsed.briefing
  })
}

/** Deletes a briefing's sources and JSON; false when there was neither. */
export function removeBriefing(folder: ArchiveFolder, id: string): Promise<boolean> {
  return folder.serial(async () => {
    const names = await sourceNames(folder, id)
    // Source first: a crash in between leaves a listed briefing the user can remove again.
    for (const name of names) await rm(join(folder.sourcesDir, name), { force: true })
    const json = briefingPath(folder, id)
    const existed = await stat(json).then(() => true, () => false)
    await rm(json, { force: true })
    await fsyncDir(folder.sourcesDir)
    await fsyncDir(folder.briefingsDir)
    return existed || names.length > 0
  })
}
