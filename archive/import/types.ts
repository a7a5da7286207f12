/**
 * The contract between the format readers of archive/import (one per format: text, PDF, HTML, Markdown, HWPX,
 * JSON) and the layouts that turn a document into a Briefing.
 *
 *   bytes ──detect──▶ format ──reader──▶ ExtractedDocument ──layout registry──▶ Briefing
 *
 * A reader never guesses structure beyond what its format states: it gives the document's text as lines in
 * reading order, in the one line convention below, plus the metadata the format itself carries (HTML <title>,
 * Markdown front matter, a PDF's info dictionary). The layouts (archive/import/layouts/) recognise a publisher's
 * structure in those lines; the generic layout always succeeds. Readers and layouts are pure (bytes in, data
 * out): the caller reads the file within the size limit and writes the archive.
 *
 * Line convention of `text` (LF line ends, NFC):
 * - one paragraph or heading per line (lines wrapped inside a paragraph are already joined);
 * - a heading the format marks as such (HTML h1–h6, Markdown #, HWPX heading styles) starts with `#`×level and a
 *   space, as Markdown does; bullets keep their glyph as written (`□ ○ ◦ - * ※ ▶ ㅇ` …, PUA glyphs mapped);
 * - a table is a run of Markdown pipe rows (`| a | b |`, a `|---|` row after the header), cell text with `|`
 *   escaped as `\|` and line breaks inside a cell as `<br>`;
 * - a link the format marks keeps its URL as `[text](url)` only where the text differs from the URL, else the URL;
 * - blank lines separate blocks; running headers, footers and page numbers are already dropped.
 */
import type { SourceFormat } from '../model/briefing.ts'

export type { SourceFormat }

export interface DocumentMeta {
  title?: string
  publisher?: string
  /** YYYY-MM-DD when the format states it (front matter, meta tags, PDF info). */
  published?: string
  /** The page's own URL (a saved web page's canonical link). */
  url?: string
  author?: string
}

export interface ExtractedDocument {
  format: SourceFormat
  /** The document's text in the line convention above. */
  text: string
  meta: DocumentMeta
  /** How text bytes were decoded: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `cp949`. */
  encoding?: string
  /** Things the reader repaired or dropped (a user can read them in the import report). */
  notes: string[]
}

/** A document a reader cannot use: `reason` is one line, without the file name (the caller adds it). */
export class ImportError extends Error {
  override readonly name = 'ImportError'
  readonly reason: string
  constructor(reason: string) {
    super(reason)
    this.reason = reason
  }
}
