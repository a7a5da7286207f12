/**
 * One stored briefing, `briefings/<id>.json`: reading it as it is on disk (verified against the checksum it
 * carries), writing it, re-parsing it from its source when the JSON is missing, damaged or was written by an
 * older parser, and removing it with its source.
 *
 * The file is `{ "parserVersion": N, "checksum": "sha256:<hex>", …briefing }`, the checksum being the SHA-256
 * of the briefing's JSON (the file without those two keys, as written), so any change of a byte that keeps the
 * JSON valid is found too.
 */
import { createHash } from 'node:crypto'
import type { Stats } from 'node:fs'
import { readFile, rm, stat, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import type { Briefing } from '../model/briefing.ts'
import { isCurrent } from '../import/parse-source.ts'
import { PARSER_VERSION, type ParseResult } from '../parser/parse-briefing.ts'
import { briefingPath, errorText, sourceNames, type ArchiveFolder } from './archive-folder.ts'
import { jsonChunks } from './json-chunks.ts'
import { fsyncDir, writeAtomicWith } from './write-atomic.ts'

type StoredBriefing = Briefing & { parserVersion: number | string; checksum?: string }

/** A briefing's JSON as found on disk. */
export type Stored =
  | { state: 'missing' }
  | { state: 'bad'; reason: string }
  | { state: 'ok'; briefing: Briefing; parserVersion: number | string; verified: boolean }

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

/** Characters per piece of a briefing's JSON as it is written: small enough never to be a large object. */
const JSON_PIECE = 8192
/** Bytes of a briefing's JSON written at a time. */
const WRITE_BUFFER = 1 << 20

const checksumOf = (json: string): string => `sha256:${createHash('sha256').update(json).digest('hex')}`

/**
 * Reads a source file of any format (archive/import: detection, the format's reader, the publisher's layout)
 * through the folder's parser; the briefing's `sourceHash` is the sha256 of the bytes. `importedAt`: when it
 * was imported (now for a new import; the first import's time when re-parsing, so an undated document keeps
 * its date and its id).
 */
export function parseSourceFile(folder: ArchiveFolder, fileName: string, bytes: Uint8Array, importedAt = new Date()): Promise<ParseResult> {
  return folder.parse(fileName, bytes, importedAt)
}

/** The head {@link writeStored} writes: `{"parserVersion":N,"checksum":"sha256:<hex>",` then the briefing's keys. */
const HEAD = /^\{"parserVersion":(-?\d{1,15}),"checksum":"(sha256:[0-9a-f]{64})",/

/**
 * The checksum a file carries in its head when the rest of the file is exactly the briefing's JSON that
 * checksum was made of (so the file is as {@link writeStored} wrote it); undefined otherwise. Hashes the bytes
 * as they are: no decoding, and no second serialisation of a briefing that may be tens of MB.
 */
function verifiedHead(bytes: Buffer): string | undefined {
  const head = HEAD.exec(bytes.toString('latin1', 0, 120))
  if (!head) return undefined
  const body = bytes.subarray(head[0].length)
  return createHash('sha256').update('{').update(body).digest('hex') === head[2].slice('sha256:'.length) ? head[2] : undefined
}

/** Reads a stored briefing as it is on disk, without recovery; `bad` when it fails its checksum. */
export async function readStored(folder: ArchiveFolder, id: string): Promise<Stored> {
  let text: string
  let verified: string | undefined
  try {
    const bytes = await readFile(briefingPath(folder, id))
    verified = verifiedHead(bytes)
    text = bytes.toString('utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' }
    return { state: 'bad', reason: `unreadable (${errorText(error)})` }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { state: 'bad', reason: text.length === 0 ? 'empty' : 'corrupt JSON' }
  }
  if (!isStoredBriefing(value, id)) return { state: 'bad', reason: 'not a briefing' }
  const { parserVersion, checksum, ...briefing } = value
  // A file whose bytes hash to the checksum of its head is the JSON of a briefing as written, and that JSON
  // written again is the same bytes: only another file needs the briefing serialised again to be checked.
  if (checksum !== undefined && checksum !== verified && checksum !== checksumOf(JSON.stringify(briefing))) {
    return { state: 'bad', reason: 'damaged (checksum mismatch)' }
  }
  return { state: 'ok', briefing, parserVersion, verified: checksum !== undefined }
}

/**
 * Writes a briefing's JSON (atomically), stamped with the current parser version and its checksum: the bytes
 * of `{head…, …briefing}` with the briefing's JSON made, hashed and written a piece at a time (never held
 * whole), and the head, whose length does not depend on the checksum, written in front once it is known.
 */
export async function writeStored(folder: ArchiveFolder, briefing: Briefing): Promise<void> {
  const headOf = (checksum: string): string => JSON.stringify({ parserVersion: PARSER_VERSION, checksum })
  const headLength = Buffer.byteLength(headOf(checksumOf('')))
  await writeAtomicWith(briefingPath(folder, briefing.id), async (handle) => {
    const hash = createHash('sha256').update('{')
    let at = headLength // after the head's `…"checksum":"sha256:<hex>"` and the comma that replaces its `}`
    // the pieces are encoded into one buffer, written whenever it is full: no allocation per piece
    const buffer = Buffer.allocUnsafe(WRITE_BUFFER)
    let used = 0
    const write = async (bytes: Uint8Array): Promise<void> => {
      hash.update(bytes)
      await writeAll(handle, bytes, at)
      at += bytes.length
    }
    const flush = async (): Promise<void> => {
      if (used > 0) await write(buffer.subarray(0, used))
      used = 0
    }
    let first = true
    let empty = false
    for (const piece of jsonChunks(briefing, JSON_PIECE)) {
      let text = piece
      if (first) {
        first = false
        empty = piece === '{}'
        if (empty) break
        text = piece.slice(1) // the briefing's `{` is the head's
      }
      const length = Buffer.byteLength(text, 'utf8')
      if (used + length > buffer.length) await flush()
      if (length > buffer.length) await write(Buffer.from(text, 'utf8')) // one very long string
      else used += buffer.write(text, used, 'utf8')
    }
    await flush()
    const head = headOf(empty ? checksumOf('{}') : `sha256:${hash.digest('hex')}`)
    // a briefing without keys (never parsed) is the head alone, as `{…head, …{}}`
    await writeAll(handle, Buffer.from(empty ? head : `${head.slice(0, -1)},`, 'utf8'), 0)
  })
}

/** Writes all of `bytes` at `position` (a write may take fewer bytes than it is given). */
async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let done = 0; done < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, position + done)
    done += bytesWritten
  }
}

/** A briefing just stored, with the identity of its JSON file as written. */
interface Held {
  id: string
  briefing: Briefing
  file: Pick<Stats, 'ino' | 'size' | 'mtimeMs' | 'ctimeMs'>
}

/** Per open folder, the briefing its last import stored, until it is read once (see {@link holdForNextRead}). */
const held = new WeakMap<ArchiveFolder, Held>()

/**
 * Keeps the briefing an import has just stored (`file`: its JSON's stat after the write) for the next
 * {@link loadBriefing} of it, which takes it instead of reading and parsing the JSON back, as long as the
 * file is still the one written (same inode, size, mtime and ctime). One briefing per folder, given out
 * once: the index refresh right after an import gets it without a second copy of a large briefing.
 */
export function holdForNextRead(folder: ArchiveFolder, briefing: Briefing, file: Stats): void {
  const { ino, size, mtimeMs, ctimeMs } = file
  held.set(folder, { id: briefing.id, briefing, file: { ino, size, mtimeMs, ctimeMs } })
}

/** The held briefing `id` when its file is unchanged since it was written; it is given out once. */
async function takeHeld(folder: ArchiveFolder, id: string): Promise<Briefing | undefined> {
  const h = held.get(folder)
  if (h?.id !== id) return undefined
  held.delete(folder)
  const now = await stat(briefingPath(folder, id)).catch(() => undefined)
  const same = now !== undefined && now.isFile() && now.ino === h.file.ino && now.size === h.file.size &&
    now.mtimeMs === h.file.mtimeMs && now.ctimeMs === h.file.ctimeMs
  return same ? h.briefing : undefined
}

/**
 * Reads a stored briefing, re-parsing it from its source when its JSON is missing, damaged or stale (or was
 * written without a checksum by an earlier version). Null when it is neither stored nor re-parsable.
 */
export async function loadBriefing(folder: ArchiveFolder, id: string): Promise<Briefing | null> {
  const kept = await takeHeld(folder, id)
  if (kept) return kept
  const stored = await readStored(folder, id)
  if (stored.state === 'missing') {
    if ((await sourceNames(folder, id)).length === 0) return null
    return reparseFromSource(folder, id, 'missing')
  }
  if (stored.state === 'bad') return reparseFromSource(folder, id, stored.reason)
  const current = isCurrent(stored.briefing)
  if ((stored.parserVersion !== PARSER_VERSION || !current || !stored.verified) && (await sourceNames(folder, id)).length > 0) {
    const layout = stored.briefing.layout
    const why =
      stored.parserVersion !== PARSER_VERSION
        ? `parsed by parser version ${stored.parserVersion}`
        : !current && layout
          ? `parsed by layout ${layout.name} version ${layout.version}`
          : undefined
    return (await reparseFromSource(folder, id, why, stored.briefing)) ?? stored.briefing
  }
  return stored.briefing
}

/**
 * Re-parses a briefing from its stored source and rewrites its JSON; null when that is impossible.
 * `reason` (why the JSON needs it) starts the warning that reports the outcome; without one (a JSON of an
 * earlier version without a checksum, `unverified`) nothing is reported unless it differs from its source. When the archive cannot be written
 * (read-only, another writer holding it too long) the re-parsed briefing is still returned, and that is told.
 */
async function reparseFromSource(
  folder: ArchiveFolder,
  id: string,
  reason: string | undefined,
  unverified?: Briefing
): Promise<Briefing | null> {
  const file = `briefings/${id}.json`
  const warn = (message: string): void => {
    if (reason !== undefined) folder.warn(file, `${reason}; ${message}`)
  }
  const [name] = await sourceNames(folder, id).catch(() => [])
  if (!name) {
    warn('skipped (no source to re-parse)')
    return null
  }
  let parsed: ParseResult
  try {
    const source = join(folder.sourcesDir, name)
    // the first import's time: an undated document keeps the date (and so the id) it got then
    const importedAt = unverified?.importedAt ? new Date(unverified.importedAt) : (await stat(source)).mtime
    parsed = await parseSourceFile(folder, name, await readFile(source), importedAt)
  } catch (error) {
    warn(`re-parsing sources/${name} failed: ${errorText(error)}`)
    return null
  }
  if (!parsed.ok || parsed.briefing.id !== id) {
    const why = parsed.ok ? `it now parses as ${parsed.briefing.id}` : parsed.error
    warn(`re-parsing sources/${name} failed: ${why}`)
    return null
  }
  const briefing = parsed.briefing
  // a JSON without a checksum that is not what its source parses to was damaged (or its checksum's key was)
  if (reason === undefined && unverified && JSON.stringify(unverified) !== JSON.stringify(briefing)) {
    reason = 'no checksum and not what its source parses to'
  }
  try {
    return await folder.serial(async () => {
      // Another call (or process) may have repaired or replaced the file while this one waited for its turn.
      const now = await readStored(folder, id)
      if (now.state === 'ok' && now.parserVersion === PARSER_VERSION && now.verified) return now.briefing
      await writeStored(folder, briefing)
      warn(`re-parsed from sources/${name}`)
      return briefing
    })
  } catch (error) {
    warn(`re-parsed from sources/${name}, but not saved (${errorText(error)})`)
    return briefing
  }
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
