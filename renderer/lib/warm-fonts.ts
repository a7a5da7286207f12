/**
 * The first text laid out in a font face makes Chromium find and load that face (on Linux a font-matching
 * round trip to the browser process, 15–40 ms a face). The library uses the Korean sans only; the reader adds
 * the Chinese face (regular and bold) and the serif of the section numerals, and drawing its first items paid
 * for them inside that task (issue 10, 13: opening a briefing was a 55–70 ms task). So each is laid out once, off
 * screen and hidden from everyone, in an idle moment after the start, one face per moment.
 */

/** One face: the font-family (the app's own custom properties, so the faces are the ones the CSS asks for). */
export interface FontSpecimen {
  family: string
  weight: number
  lang: string
  text: string
}

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
