import type { TableCell } from '../model/briefing.ts'

const HTML_TAG = /<\/?(?:ul|ol|li|p|br|span|div|b|i|u|em|strong|font|table|tr|td|th|tbody|thead|sup|sub)\b[^>]*>/gi
const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" }

/**
 * Turns one extracted table cell into text, dropping HTML remnants (`<ul style=…>`, even unclosed) and
 * splitting ` • ` separated entries into a list.
 */
export function parseCell(raw: string): TableCell {
  const text = raw
    .replace(HTML_TAG, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim()
  if (!/(^|\s)[•∙●▪◦]\s/.test(text) && !/^[•∙●▪◦]/.test(text)) return { text }
  const entries = text
    .split(/\s*[•∙●▪◦]\s*/)
    .map((s) => s.trim())
    .filter(Boolean)
  return { text: entries.join(' '), list: entries }
}

/** Splits a tab-separated row into cells (leading whitespace of the row is not a cell). */
export function splitRow(body: string): string[] {
  return body.replace(/^[ \u3000\u00A0]+/, '').split('\t')
}

/** A comparable key for a row, to recognise a header that repeats after a page break. */
export function rowKey(cells: string[]): string {
  return cells.map((c) => c.normalize('NFKC').replace(/\s+/g, '')).join('\u0001')
}
