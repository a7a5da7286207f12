/**
 * One entry for every format: detect what the bytes are (detect.ts), then the matching reader. The project's
 * own briefing JSON yields a Briefing directly; every other format an ExtractedDocument for the layouts.
 */
import type { Briefing } from '../model/briefing.ts'
import { detectFormat } from './detect.ts'
import { readHtml } from './html.ts'
import { readHwpx } from './hwpx.ts'
import { readBriefingJson } from './json.ts'
import { readMarkdown } from './markdown.ts'
import { readPdf } from './pdf.ts'
import { readText } from './text.ts'
import { ImportError, type ExtractedDocument, type SourceFormat } from './types.ts'

export type DocumentReader = (bytes: Uint8Array, fileName: string) => Promise<ExtractedDocument>

/** The reader of each format that gives a document (JSON gives a Briefing, below). */
export const READERS: Partial<Record<SourceFormat, DocumentReader>> = {
  text: async (bytes) => readText(bytes),
  markdown: async (bytes) => readMarkdown(bytes),
  hwpx: async (bytes) => readHwpx(bytes),
  html: (bytes, name) => readHtml(bytes, name),
  pdf: (bytes, name) => readPdf(bytes, name)
}

export type ReadResult = ExtractedDocument | { briefing: Briefing }

/**
 * Reads one file's bytes as whatever it is.
 *
 * @param fileName - only to choose between text formats (`.md`, `.html`); the content decides first
 * @throws ImportError with a one-line reason (the caller adds the file name)
 */
export async function readDocument(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  const detected = detectFormat(bytes, fileName)
  if ('refused' in detected) throw new ImportError(detected.refused)
  if (detected.format === 'json') return { briefing: readBriefingJson(bytes) }
  const reader = READERS[detected.format]
  if (!reader) throw new ImportError(`${detected.format.toUpperCase()} import is not available in this build`)
  return reader(bytes, fileName)
}
