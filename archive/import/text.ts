/**
 * The plain-text reader: the bytes decoded (archive/import/decode.ts), line ends made LF, and the lines kept as
 * they are; the layouts decide the structure. Stray control characters (a DOS end-of-file mark, a form feed
 * between pages) are removed or made line breaks, and the document's notes say so.
 */
import { decodeText } from './decode.ts'
import { ImportError, type ExtractedDocument } from './types.ts'

const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g

/** Text cleaned of control characters: form feeds and vertical tabs become line breaks. */
export function cleanControls(text: string, notes: string[]): string {
  let out = text.replace(/[\f\v]/g, '\n')
  const removed = out.match(CONTROLS)?.length ?? 0
  if (removed > 0) {
    out = out.replace(CONTROLS, '')
    notes.push(`removed ${removed} control character${removed === 1 ? '' : 's'}`)
  }
  return out
}

export function readText(bytes: Uint8Array): ExtractedDocument {
  const { text, encoding } = decodeText(bytes)
  const notes: string[] = []
  const clean = cleanControls(text, notes)
  if (clean.trim() === '') throw new ImportError(bytes.length === 0 ? 'empty file' : 'no text (the file holds only white space)')
  return { format: 'text', text: clean, meta: {}, encoding, notes }
}
