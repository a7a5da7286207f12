import type { Briefing } from '../model/briefing.ts'

export interface ParseOptions {
  /** Shown in errors and kept as `sourceFile`. */
  fileName?: string
  /** sha256 hex of the source bytes; computed from the text when absent. */
  sourceHash?: string
}

export type ParseResult = { ok: true; briefing: Briefing } | { ok: false; error: string }

/**
 * Parses the text of one briefing in the KOSTEC weekly layout. Never throws on bad input:
 * a line it does not understand becomes a paragraph plus a warning; a text with no
 * recognisable publication date is an error naming the file.
 */
export function parseBriefing(text: string, options: ParseOptions = {}): ParseResult {
  // TODO: implementation in progress (parser work of the foundation issue)
  void text
  return { ok: false, error: `${options.fileName ?? 'input'}: parser not implemented yet` }
}
