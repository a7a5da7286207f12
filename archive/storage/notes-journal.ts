/**
 * The notes store's journal: `notes.json.journal` beside `notes.json`, one line per change, appended and
 * fsynced before the change is acknowledged. Rewriting the whole store through conf on every change costs
 * ~200–300 ms at 10,000 annotations (conf re-reads, validates, stringifies and fsyncs 7.8 MB); one journal
 * line costs an append and an fsync. notes-store.ts folds the journal into `notes.json` through conf (a
 * checkpoint) when the store has been idle a while, when the journal grows large, and when it closes; at open
 * the journal is replayed on top of the file.
 *
 * The first line after a checkpoint is `{"format":1,"checkpoint":"<sha256>"}`: the SHA-256 of `notes.json` as
 * that checkpoint wrote it (read back from disk). A file whose bytes still have that hash is the one conf
 * checked against the JSON schema before writing it, so opening it skips the zod pass over every annotation
 * (~95 ms of ~240 at 10,000); any other file (edited by hand, restored, damaged) is checked in full.
 *
 * Each other line is `{"format":1,"ops":[…]}`: the changes of one store call, applied together or not at all. Every
 * op states a result, not a step (an annotation as it now is; a trash entry; ids purged; the colour meanings),
 * so replaying a line the file already holds changes nothing: a checkpoint that wrote `notes.json` and was
 * killed before it emptied the journal loses and doubles nothing.
 *
 * A last line without its newline is a write a crash cut short (never acknowledged): it is dropped. Any other
 * line that does not parse or fails the schema means the journal is damaged: the good lines are applied,
 * notes-store.ts sets the journal aside byte-identical and tells the user.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs'
import { z } from 'zod'
import {
  annotationSchema,
  colorMeaningsSchema,
  NOTES_FORMAT,
  trashEntrySchema,
  type Annotation,
  type Color,
  type NotesData,
  type TrashEntry
} from '../notes/model.ts'
import { issueLine, NotesFileError } from '../notes/notes-file-error.ts'
import { migrateNotes } from '../notes/store-schema.ts'

/** One change, as its result. */
export type JournalOp =
  /** The annotation as it now is: added, or replacing the one with its id (and out of the trash). */
  | { op: 'put'; annotation: Annotation }
  /** Out of the annotations, into the trash (replacing a trash entry with its id). */
  | { op: 'trash'; entry: TrashEntry }
  /** Trash entries gone for good. */
  | { op: 'purge'; ids: string[] }
  | { op: 'meanings'; colorMeanings: Record<Color, string> }

const opSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), annotation: annotationSchema }).strict(),
  z.object({ op: z.literal('trash'), entry: trashEntrySchema }).strict(),
  z.object({ op: z.literal('purge'), ids: z.array(z.string().min(1)) }).strict(),
  z.object({ op: z.literal('meanings'), colorMeanings: colorMeaningsSchema }).strict()
])
const lineSchema = z.union([
  z.object({ format: z.number().int().nonnegative(), ops: z.array(z.unknown()).min(1) }).strict(),
  z.object({ format: z.number().int().nonnegative(), checkpoint: z.string().regex(/^[0-9a-f]{64}$/) }).strict()
])

/** The journal of the store file `file`. */
export const journalFile = (file: string): string => `${file}.journal`

/** The line a checkpoint starts the emptied journal with: the SHA-256 (hex) of the store file it wrote. */
export function checkpointLine(sha256: string): string {
  return `${JSON.stringify({ format: NOTES_FORMAT, checkpoint: sha256 })}\n`
}

/** One journal line (with its newline) for the changes of one call. */
export function journalLine(ops: readonly JournalOp[]): string {
  return `${JSON.stringify({ format: NOTES_FORMAT, ops })}\n`
}

/**
 * The ops of a line written by an older format, brought up to NOTES_FORMAT through the store's own migration
 * table (each op's data put in a store of that format, migrated, taken out again).
 */
function migrateOps(format: number, ops: unknown[]): unknown[] {
  return ops.map((raw) => {
    const op = raw as Record<string, unknown>
    const wrap = (data: Record<string, unknown>): ReturnType<typeof migrateNotes>['data'] =>
      migrateNotes({ format, annotations: [], trash: [], colorMeanings: {}, ...data }).data
    switch (op['op']) {
      case 'put':
        return { op: 'put', annotation: wrap({ annotations: [op['annotation']] }).annotations[0] }
      case 'trash':
        return { op: 'trash', entry: wrap({ trash: [op['entry']] }).trash[0] }
      case 'meanings':
        return { op: 'meanings', colorMeanings: wrap({ colorMeanings: op['colorMeanings'] }).colorMeanings }
      default:
        return op
    }
  })
}

export interface JournalRead {
  /** The changes of each good line, in order. */
  lines: JournalOp[][]
  /** Bytes of the good lines (and of blank ones): where a damaged journal stops being readable. */
  goodBytes: number
  /** A last line cut short by a crash (dropped). */
  torn: boolean
  /** Lines that are damaged: 1-based line number and why. */
  damaged: Array<{ line: number; reason: string }>
  /** The hash of the store file the last checkpoint wrote, when the journal starts with it. */
  checkpoint?: string
}

/**
 * Reads journal bytes. Throws a NotesFileError with `code: 'newer'` for a line written by a newer Briefing
 * Reader (the journal must then be left alone, as the file is).
 */
export function readJournal(bytes: Uint8Array): JournalRead {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  const read: JournalRead = { lines: [], goodBytes: 0, torn: false, damaged: [] }
  const rows = text.split('\n')
  const last = rows.length - 1 // the text after the final newline: '' unless the last write was cut short
  let offset = 0
  const firstLine = rows.findIndex((row) => row.trim() !== '')
  rows.forEach((row, index) => {
    const end = offset + Buffer.byteLength(row) + (index < last ? 1 : 0)
    const good = (): void => {
      if (read.damaged.length === 0) read.goodBytes = end
    }
    offset = end
    if (row.trim() === '') return good()
    if (index === last) {
      read.torn = true
      return
    }
    let parsed: z.infer<typeof lineSchema>
    try {
      const raw: unknown = JSON.parse(row)
      const format = (raw as { format?: unknown } | null)?.['format']
      if (typeof format === 'number' && format > NOTES_FORMAT) {
        throw new NotesFileError(`journal written by a newer Briefing Reader (format ${format}; this one reads up to ${NOTES_FORMAT})`, {
          code: 'newer'
        })
      }
      const json = lineSchema.safeParse(raw)
      if (!json.success) throw new Error(issueLine(json.error.issues))
      parsed = json.data
    } catch (error) {
      if (error instanceof NotesFileError) throw error
      read.damaged.push({ line: index + 1, reason: (error as Error).message.split('\n')[0] })
      return
    }
    if ('checkpoint' in parsed) {
      // Only the journal's first line says which file it continues.
      if (index === firstLine) read.checkpoint = parsed.checkpoint
      return good()
    }
    try {
      const raw = parsed.format < NOTES_FORMAT ? migrateOps(parsed.format, parsed.ops) : parsed.ops
      const ops = z.array(opSchema).safeParse(raw)
      if (!ops.success) throw new Error(issueLine(ops.error.issues))
      read.lines.push(ops.data as JournalOp[])
      good()
    } catch (error) {
      read.damaged.push({ line: index + 1, reason: (error as Error).message.split('\n')[0] })
    }
  })
  return read
}

/** The store after `ops` (pure; `data` is not changed). */
export function applyOps(data: NotesData, ops: readonly JournalOp[]): NotesData {
  if (ops.length > 1 && ops.every((op) => op.op === 'put')) return applyPuts(data, ops)
  let { annotations, trash, colorMeanings } = data
  for (const op of ops) {
    switch (op.op) {
      case 'put': {
        const id = op.annotation.id
        const at = annotations.findIndex((a) => a.id === id)
        annotations = at >= 0 ? annotations.with(at, op.annotation) : [...annotations, op.annotation]
        if (trash.some((e) => e.annotation.id === id)) trash = trash.filter((e) => e.annotation.id !== id)
        break
      }
      case 'trash': {
        const id = op.entry.annotation.id
        annotations = annotations.filter((a) => a.id !== id)
        trash = [...trash.filter((e) => e.annotation.id !== id), op.entry]
        break
      }
      case 'purge': {
        const gone = new Set(op.ids)
        trash = trash.filter((e) => !gone.has(e.annotation.id))
        break
      }
      case 'meanings':
        colorMeanings = op.colorMeanings
        break
    }
  }
  return { ...data, annotations, trash, colorMeanings }
}

/** What a run of puts does (an import, a re-anchoring), in one pass instead of one search per put. */
function applyPuts(data: NotesData, ops: ReadonlyArray<Extract<JournalOp, { op: 'put' }>>): NotesData {
  const byId = new Map(data.annotations.map((a) => [a.id, a]))
  for (const { annotation } of ops) byId.set(annotation.id, annotation) // a known id keeps its place
  const put = new Set(ops.map((op) => op.annotation.id))
  const trash = data.trash.some((e) => put.has(e.annotation.id)) ? data.trash.filter((e) => !put.has(e.annotation.id)) : data.trash
  return { ...data, annotations: [...byId.values()], trash }
}

/** The journal open for appending (the writer holds the store's lock). */
export interface JournalWriter {
  /** Appends one line and fsyncs it: when this returns, the change survives a crash or a power cut. */
  append(line: string): void
  /** Bytes in the journal. */
  readonly size: number
  /** Empties the journal (after a checkpoint wrote what it held into the store file), then writes `first` (fsynced). */
  clear(first?: string): void
  close(): void
}

export function openJournalWriter(path: string): JournalWriter {
  const fd = openSync(path, 'a', 0o644)
  let size = fstatSync(fd).size
  let open = true
  return {
    append(line) {
      if (!open) throw new Error(`notes journal ${path} is closed`)
      const bytes = Buffer.from(line)
      let written = 0
      try {
        while (written < bytes.length) written += writeSync(fd, bytes, written)
        fsyncSync(fd)
      } catch (error) {
        // A short write (disk full) must not leave half a line for the next append to run into.
        try {
          ftruncateSync(fd, size)
        } catch {
          /* the line stays torn; a torn line that is not the last is reported as damage at the next open */
        }
        throw new Error(`notes journal ${path}: change not saved (${(error as Error).message})`, { cause: error })
      }
      size += bytes.length
    },
    get size() {
      return size
    },
    clear(first) {
      ftruncateSync(fd, 0)
      size = 0
      if (first) {
        const bytes = Buffer.from(first)
        let written = 0
        while (written < bytes.length) written += writeSync(fd, bytes, written)
        size = bytes.length
      }
      fsyncSync(fd)
    },
    close() {
      if (!open) return
      open = false
      closeSync(fd)
    }
  }
}
