/**
 * Importing one file into the archive folder: check and parse the bytes outside the queue, then (in the
 * queue) compare with what is stored and write the source and the briefing's JSON.
 */
import { rm, stat } from 'node:fs/promises'
import { basename, extname, join } from 'node:path'
import { allItems, summarizeBriefing, type Briefing } from '../model/briefing.ts'
import { PARSER_VERSION } from '../parser/parse-briefing.ts'
import type { ImportOutcome } from './archive-store.ts'
import { briefingPath, errorText, isSafeId, sourceNames, type ArchiveFolder } from './archive-folder.ts'
import type { Catalogue } from './list-briefings.ts'
import { holdForNextRead, parseSourceFile, readStored, writeStored } from './stored-briefing.ts'
import { isCurrent } from '../import/parse-source.ts'
import { writeAtomic } from './write-atomic.ts'
import { inputTooLarge, MAX_INPUT_BYTES, readInputFile } from './read-input.ts'

/** Files larger than this are refused at import (a weekly briefing is ~35 KB). */
export const MAX_SOURCE_BYTES = MAX_INPUT_BYTES

const SAFE_EXT = /^\.[a-z0-9]{1,8}$/

/** A parsed file ready to be stored. */
interface ParsedImport {
  briefing: Briefing
  /** The stored source's extension: the file's own, lowercased, or `.txt`. */
  ext: string
  items: number
}

const failed = (file: string, error: string): ImportOutcome => ({ status: 'failed', file, error })
const tooLarge = (file: string, size: number): string => inputTooLarge(file, size) ?? `${file}: too large`

/** Reads one file (a regular file within {@link MAX_SOURCE_BYTES}) and imports it. Never rejects. */
export async function importFile(folder: ArchiveFolder, path: string, catalogue?: Pick<Catalogue, 'record'>): Promise<ImportOutcome> {
  const file = basename(path)
  try {
    await folder.ready
  } catch (error) {
    return failed(file, `${file}: not imported: ${errorText(error)}`)
  }
  try {
    const input = await readInputFile(path, file) // regular files only, size checked before a bounded read
    return input.ok ? await importBytes(folder, file, input.bytes, catalogue) : failed(file, input.error)
  } catch (error) {
    return failed(file, `${file}: ${errorText(error)}`)
  }
}

/**
 * Decodes, parses and stores bytes read elsewhere. Never rejects. The stored briefing's summary is handed to
 * `catalogue`, so listing does not read the JSON just written back.
 */
export async function importBytes(
  folder: ArchiveFolder,
  fileName: string,
  bytes: Uint8Array,
  catalogue?: Pick<Catalogue, 'record'>
): Promise<ImportOutcome> {
  const file = basename(fileName)
  try {
    await folder.ready
  } catch (error) {
    return failed(file, `${file}: not imported: ${errorText(error)}`)
  }
  let parsed: ParsedImport | { error: string }
  try {
    parsed = await parseImport(folder, file, bytes)
  } catch (error) {
    return failed(file, `${file}: ${errorText(error)}`)
  }
  if ('error' in parsed) return failed(file, parsed.error)
  try {
    return await folder.serial(() => storeImport(folder, file, bytes, parsed, catalogue))
  } catch (error) {
    // the input was fine: what failed is writing into the archive
    const why = errorText(error)
    return failed(file, why.startsWith('archive ') ? `${file}: not imported: ${why}` : `${file}: not imported: archive ${folder.dir} cannot be written (${why})`)
  }
}

/** Checks the size, reads the bytes in their format and parses them, and checks the id; `error` names the file. */
async function parseImport(folder: ArchiveFolder, file: string, bytes: Uint8Array): Promise<ParsedImport | { error: string }> {
  if (bytes.length > MAX_SOURCE_BYTES) return { error: tooLarge(file, bytes.length) }
  const parsed = await parseSourceFile(folder, file, bytes)
  if (!parsed.ok) return { error: parsed.error.includes(file) ? parsed.error : `${file}: ${parsed.error}` }
  const briefing = parsed.briefing
  if (!isSafeId(briefing.id)) return { error: `${file}: parsed to an unusable id ${JSON.stringify(briefing.id)}` }
  const lowered = extname(file).toLowerCase()
  return { briefing, ext: SAFE_EXT.test(lowered) ? lowered : '.txt', items: allItems(briefing).length }
}

/**
 * Stores a parsed file (run in the queue): nothing when the same bytes are stored by this parser version,
 * else the source (replacing sources under another extension), then the JSON.
 */
async function storeImport(
  folder: ArchiveFolder,
  file: string,
  bytes: Uint8Array,
  parsed: ParsedImport,
  catalogue?: Pick<Catalogue, 'record'>
): Promise<ImportOutcome> {
  const { briefing, items } = parsed
  const id = briefing.id
  const sourceName = `${id}${parsed.ext}`
  const stored = await readStored(folder, id)
  const oldSources = await sourceNames(folder, id)
  if (
    stored.state === 'ok' && stored.briefing.sourceHash === briefing.sourceHash &&
    stored.parserVersion === PARSER_VERSION && isCurrent(stored.briefing) && oldSources.includes(sourceName)
  ) {
    return { status: 'unchanged', file, briefingId: id, items }
  }
  // Source first: a crash before the JSON is written leaves the old JSON, and re-importing repairs it.
  await writeAtomic(join(folder.sourcesDir, sourceName), bytes)
  for (const old of oldSources) if (old !== sourceName) await rm(join(folder.sourcesDir, old), { force: true })
  await writeStored(folder, briefing)
  // what was just written is handed on, not read back: its summary to the catalogue, the briefing itself to
  // the next read of it (the index refresh that follows an import)
  const written = await stat(briefingPath(folder, id))
  catalogue?.record(id, summarizeBriefing(briefing), written)
  holdForNextRead(folder, briefing, written)
  const status = stored.state !== 'missing' || oldSources.length > 0 ? 'updated' : 'imported'
  return { status, file, briefingId: id, items }
}
