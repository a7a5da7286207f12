/**
 * Korean typography never starts a line with a middle dot (고강도·내열성 must not become 고강도⏎·내열성).
 * Chromium offers a break before U+00B7 between Hangul words even under `line-break: strict`, so the reader
 * glues each middle dot to the character before it: the text is cut into runs, and a glued run is drawn in a
 * `white-space: nowrap` span (`.glue` in app.css, drawn by glued.ts). The runs concatenate to the text unchanged, so copying, find in
 * briefing and note anchoring (all over the text nodes' concatenated contents) see exactly the same characters.
 */

/** A piece of a text: `glue` runs (a character and the middle dots after it) must not be broken. */
export interface ProseRun {
  text: string
  glue: boolean
}

/** Characters that may not start a line and that Chromium still breaks before in Korean text. */
const GLUED = /\S[\u00B7\u2027\u30FB]+/gu

const ANY_GLUE = new RegExp(GLUED.source, 'u')

/** Whether `text` has anything to glue (most texts do not, and are drawn as they are). */
export function hasGlue(text: string): boolean {
  return ANY_GLUE.test(text)
}

/** The runs of `text`; one plain run (the text itself) when nothing needs gluing. */
export function proseRuns(text: string): ProseRun[] {
  const runs: ProseRun[] = []
  let last = 0
  for (const match of text.matchAll(GLUED)) {
    if (match.index > last) runs.push({ text: text.slice(last, match.index), glue: false })
    runs.push({ text: match[0], glue: true })
    last = match.index + match[0].length
  }
  if (last < text.length || runs.length === 0) runs.push({ text: text.slice(last), glue: false })
  return runs
}

