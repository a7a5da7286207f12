/**
 * `briefings notes …`: the notes store from the command line, through conf with the options the app gives
 * electron-store (store-schema.ts), so both read and write the same file the same way.
 *
 *   briefings notes import FILE --store FILE --archive DIR [--json]
 *   briefings notes export --format json --out FILE --store FILE [--archive DIR] [--json]
 *
 * Exit codes: 0 success; 1 usage error, or (import) an annotation that failed; 2 a file that cannot be read
 * or is not annotations (the store is not opened, so it stays byte-identical), or a store that cannot be
 * opened (held by the app, from a newer version, damaged when read-only).
 */
import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import Conf from 'conf'
import type { Briefing } from '../model/briefing.ts'
import { resolveAnnotation } from '../notes/anchor.ts'
import type { Annotation, NotesData } from '../notes/model.ts'
import { NotesFileError } from '../notes/notes-file-error.ts'
import { parseAnnotations, toAnnotationCollection } from '../notes/web-annotation.ts'
import { openArchiveStore, type ArchiveStore } from '../storage/archive-store.ts'
import { NotesStoreLockedError, openNotesStore, type NotesStore } from '../storage/notes-store.ts'
import { writeAtomic } from '../storage/write-atomic.ts'
import { option, positional } from './commands.ts'

const IMPORT_USAGE = 'briefings notes import FILE --store FILE --archive DIR [--json]'
const EXPORT_USAGE = 'briefings notes export --format json --out FILE --store FILE [--archive DIR] [--json]'
const VALUED = ['--store', '--archive', '--format', '--out', '--briefing', '--lang']

/** What `briefings notes import --json` prints. */
export interface NotesImportReport {
  imported: number
  updated: number
  unchanged: number
  /** Imported or updated annotations that cannot be placed in their briefing's current text (or whose
   * briefing is not in the archive): kept all the same, listed in the app as 위치를 찾지 못한 메모. */
  unplaced: number
  failed: Array<{ index: number; error: string }>
}

const fail = (message: string, code: 1 | 2): number => {
  process.stderr.write(`briefings: ${message}\n`)
  return code
}

function readReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? String(error))
}

/** Opens the store for the command line (conf); a message for stderr when it cannot be. */
async function openStore(file: string, readOnly: boolean): Promise<NotesStore | string> {
  try {
    const store = await openNotesStore(resolve(file), {
      open: (options) => new Conf<NotesData>(options),
      readOnly,
      onWarning: (message) => process.stderr.write(`briefings: ${message}\n`)
    })
    if (store.recovered) {
      const { reason, badFile, backup } = store.recovered
      process.stderr.write(
        `briefings: notes store ${store.file} was damaged (${reason}); set aside as ${badFile}; ${backup ? `restored ${backup}` : 'no good backup, started empty'}\n`
      )
    }
    return store
  } catch (error) {
    if (error instanceof NotesStoreLockedError) return error.message
    if (error instanceof NotesFileError) return `cannot open notes store ${error.message}`
    return `cannot open notes store ${file}: ${(error as Error).message.split('\n')[0]}`
  }
}

async function archiveAt(dir: string): Promise<ArchiveStore | null> {
  try {
    if (!(await stat(dir)).isDirectory()) return null
  } catch {
    return null
  }
  return openArchiveStore(resolve(dir))
}

/** How many of `annotations` cannot be placed in their briefing (one load per briefing). */
async function countUnplaced(annotations: readonly Annotation[], archive: ArchiveStore): Promise<number> {
  const briefings = new Map<string, Briefing | null>()
  let unplaced = 0
  for (const annotation of annotations) {
    if (!briefings.has(annotation.briefingId)) briefings.set(annotation.briefingId, await archive.get(annotation.briefingId))
    const briefing = briefings.get(annotation.briefingId)
    if (!briefing || resolveAnnotation(annotation, briefing).status === 'orphan') unplaced++
  }
  return unplaced
}

/** `briefings notes import FILE --store FILE --archive DIR [--json]` */
export async function notesImportCommand(args: string[]): Promise<number> {
  const storeFile = option(args, '--store')
  const archiveDir = option(args, '--archive')
  const files = positional(args, VALUED)
  if (!storeFile || !archiveDir || files.length !== 1) return fail(`notes import: usage: ${IMPORT_USAGE}`, 1)
  const [file] = files

  // The file is read and checked before the store is opened: a bad file leaves the store byte-identical.
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    return fail(`cannot read ${file}: ${readReason(error)}`, 2)
  }
  let parsed: ReturnType<typeof parseAnnotations>
  try {
    let json: unknown
    try {
      json = JSON.parse(text.replace(/^\uFEFF/, ''))
    } catch (error) {
      throw new NotesFileError(`not valid JSON (${(error as Error).message.split('\n')[0]})`)
    }
    parsed = parseAnnotations(json)
  } catch (error) {
    if (error instanceof NotesFileError) return fail(`cannot import ${file}: ${error.reason}`, 2)
    throw error
  }
  const archive = await archiveAt(archiveDir)
  if (!archive) return fail(`cannot open archive ${archiveDir}: no such folder`, 2)

  const store = await openStore(storeFile, false)
  if (typeof store === 'string') return fail(store, 2)
  const report: NotesImportReport = { imported: 0, updated: 0, unchanged: 0, unplaced: 0, failed: parsed.failed }
  try {
    const outcomes = store.importAnnotations(parsed.annotations)
    outcomes.forEach((outcome) => report[outcome]++)
    report.unplaced = await countUnplaced(
      parsed.annotations.filter((_, i) => outcomes[i] !== 'unchanged'),
      archive
    )
  } finally {
    await store.close()
  }
  if (args.includes('--json')) process.stdout.write(JSON.stringify(report, null, 2) + '\n')
  else {
    for (const k of ['imported', 'updated', 'unchanged', 'unplaced'] as const) process.stdout.write(`${k}: ${report[k]}\n`)
    process.stdout.write(`failed: ${report.failed.length}\n`)
    for (const f of report.failed) process.stderr.write(`  annotation ${f.index}: ${f.error}\n`)
  }
  return report.failed.length === 0 ? 0 : 1
}

interface ExportContext {
  args: string[]
  store: NotesStore
  out: string
  /** Absent unless --archive was given. */
  archive: ArchiveStore | null
}

async function exportJson({ store, out }: ExportContext): Promise<string[]> {
  const collection = toAnnotationCollection(store.list(), { colorMeanings: store.colorMeanings(), generated: new Date() })
  await writeAtomic(out, JSON.stringify(collection, null, 2) + '\n')
  return [out]
}

/**
 * The export formats. `markdown` (archive/notes/export-markdown.ts: `--briefing ID --out FILE`, or `--out DIR`
 * for one file per briefing, `--lang ko|en`) is added here by that module's author: an entry that returns
 * the files written, given the store, the archive and the arguments.
 */
const EXPORTERS: Record<string, ((context: ExportContext) => Promise<string[]>) | undefined> = {
  json: exportJson
}

/** `briefings notes export --format json --out FILE --store FILE [--archive DIR] [--json]` */
export async function notesExportCommand(args: string[]): Promise<number> {
  const format = option(args, '--format') ?? 'json'
  const out = option(args, '--out')
  const storeFile = option(args, '--store')
  const archiveDir = option(args, '--archive')
  const exporter = EXPORTERS[format]
  if (!out || !storeFile || positional(args, VALUED).length > 0) return fail(`notes export: usage: ${EXPORT_USAGE}`, 1)
  if (!exporter) return fail(`notes export: unknown --format ${format} (known: ${Object.keys(EXPORTERS).join(', ')})`, 1)
  const archive = archiveDir === undefined ? null : await archiveAt(archiveDir)
  if (archiveDir !== undefined && !archive) return fail(`cannot open archive ${archiveDir}: no such folder`, 2)
  // Read-only: no lock, so an export works while the app has the store open.
  const store = await openStore(storeFile, true)
  if (typeof store === 'string') return fail(store, 2)
  let files: string[]
  try {
    files = await exporter({ args, store, out: resolve(out), archive })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return fail(`cannot write ${out}: ${code === 'ENOENT' ? 'no such folder' : readReason(error)}`, 2)
  } finally {
    await store.close()
  }
  if (args.includes('--json')) {
    process.stdout.write(JSON.stringify({ files, annotations: store.list().length }, null, 2) + '\n')
  } else for (const f of files) process.stdout.write(`${f}\n`)
  return 0
}

/** `briefings notes import|export …` */
export async function notesCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args
  if (sub === 'import') return notesImportCommand(rest)
  if (sub === 'export') return notesExportCommand(rest)
  return fail(`notes: usage:\n  ${IMPORT_USAGE}\n  ${EXPORT_USAGE}`, 1)
}
