/**
 * The first text laid out in a font face makes Chromium find and load that face: on Linux a font-matching
 * round trip to the browser process, 15–40 ms a face, 30–65 ms in a fresh process (the app's every start). Inside
 * a task that draws (the first render, opening a briefing) that made the task a long one (issue 10, 13). So each
 * face is laid out once, off screen and hidden from everyone, in a task of its own: the window's own faces
 * (APP_FACES) before the first render, while the library's list is on its way; the faces only the reader uses
 * (READER_FACES: Chinese regular and bold, the numerals' serif) in idle moments after the start.
 */

/** One face: the font-family (the app's own custom properties, so the faces are the ones the CSS asks for). */
export interface FontSpecimen {
  family: string
  weight: number
  lang: string
  text: string
}

/** The window's own face, regular and bold (the library's rows and titles). */
export const APP_FACES: readonly FontSpecimen[] = [
  { family: 'var(--font-sans)', weight: 400, lang: 'ko', text: '브리핑 목록 Briefing 2026' },
  { family: 'var(--font-sans)', weight: 700, lang: 'ko', text: '브리핑 목록 Briefing 2026' }
]

export const READER_FACES: readonly FontSpecimen[] = [
  { family: 'var(--font-zh)', weight: 400, lang: 'zh', text: '北京量子计算 華為' },
  { family: 'var(--font-zh)', weight: 700, lang: 'zh', text: '北京量子计算 華為' },
  { family: 'var(--font-numeral)', weight: 700, lang: 'ko', text: 'Ⅰ Ⅱ Ⅲ Ⅳ' }
]

/** Lays out `specimen` once in `document` (the layout loads its face), then removes it. */
export function warmFont(document: Document, specimen: FontSpecimen): void {
  const probe = document.createElement('span')
  probe.setAttribute('aria-hidden', 'true')
  probe.lang = specimen.lang
  probe.textContent = specimen.text
  probe.style.cssText = `position: fixed; top: 0; left: 0; visibility: hidden; pointer-events: none; white-space: nowrap; font-family: ${specimen.family}; font-weight: ${specimen.weight}`
  document.body.append(probe)
  probe.getBoundingClientRect()
  probe.remove()
}
