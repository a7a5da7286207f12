/**
 * Importing Web Annotation JSON into the notes store, the same for the command line (`briefings notes
 * import`) and the app (the all-notes view's 가져오기): the file's text is read and checked first (a file that
 * is not JSON or not annotations changes nothing), each annotation another tool wrote is completed from its
 * item in the archive where it lands exactly (position, text hash, normaliser, title), and the store's
 * idempotent import says what was imported, updated or unchanged. Pure: the caller reads the file and opens
 * the store and the archive.
 */
import type { Briefing } from '../model/briefing.ts'
import { reanchor, resolveAnnotation } from './anchor.ts'
import type { Annotation } from './model.ts'
import { NotesFileError } from './notes-file-error.ts'
import { parseAnnotations } from './web-annotation.ts'

/** What an import did (`briefings notes import --json` prints it; the app shows it). */
export interface NotesImportReport {
  imported: number
  updated: number
  unchanged: number
  /** Imported or updated annotations that cannot be placed in their briefing's current text (or whose
   * briefing is not in the archive): kept all the same, listed in the app as 위치를 찾지 못한 메모. */
  unplaced: number
  failed: Array<{ index: number; error: string }>
}

/** The part of the notes store an import needs. */
export interface ImportTarget {
  importAnnotations(annotations: readonly Annotation[]): Array<'imported' | 'updated' | 'unchanged'>
}

/**
 * The annotations in a file's text (a BOM is allowed): throws a NotesFileError with a one-line reason for
 * text that is not JSON or not Web Annotation JSON. Annotations that cannot be used are in `failed`.
 */
export function readAnnotationsText(text: string): ReturnType<typeof parseAnnotations> {
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new NotesFileError(`not valid JSON (${(error as Error).message.split('\n')[0]})`)
  }
  return parseAnnotations(json)
}

/** Whether an annotation lacks what only we record: a highlight's position or hash, an item's title. */
function incomplete(a: Annotation): boolean {
  if (a.kind === 'highlight') return a.position === undefined || a.itemHash === undefined || a.itemTitle === ''
  return a.itemId !== undefined && !a.itemTitle
}

/**
 * Another tool's annotation with what its item in the archive gives (position, hash, normaliser, title), when
 * it lands where it says (nothing moved, nothing fuzzy); otherwise as it came.
 */
function completed(a: Annotation, briefing: Briefing | null | undefined): Annotation {
  if (!briefing || !incomplete(a)) return a
  const { annotations, report } = reanchor([a], briefing)
  return report.length === 0 ? annotations[0] : a
}

/**
 * Imports what {@link readAnnotationsText} read into `store` (one write); `briefing` gives a briefing of
 * the archive (null when it is not there), asked once per briefing.
 */
export async function importAnnotations(
  parsed: ReturnType<typeof parseAnnotations>,
  store: ImportTarget,
  briefing: (id: string) => Promise<Briefing | null>
): Promise<NotesImportReport> {
  const briefings = new Map<string, Briefing | null>()
  for (const { briefingId } of parsed.annotations) {
    if (!briefings.has(briefingId)) briefings.set(briefingId, await briefing(briefingId))
  }
  const incoming = parsed.annotations.map((a) => completed(a, briefings.get(a.briefingId)))
  const report: NotesImportReport = { imported: 0, updated: 0, unchanged: 0, unplaced: 0, failed: parsed.failed }
  const outcomes = store.importAnnotations(incoming)
  outcomes.forEach((outcome) => report[outcome]++)
  report.unplaced = incoming.filter((a, i) => {
    if (outcomes[i] === 'unchanged') return false
    const b = briefings.get(a.briefingId)
    return !b || resolveAnnotation(a, b).status === 'orphan'
  }).length
  return report
}
