const HAN = /\p{Script=Han}/u
const HANGUL = /\p{Script=Hangul}/u

/**
 * `zh` for text written in Chinese only (a reference title such as 百度联合北京量子院…), so the
 * browser picks Chinese glyph shapes; undefined (inherit Korean) for everything else.
 */
export function textLang(text: string): 'zh' | undefined {
  return HAN.test(text) && !HANGUL.test(text) ? 'zh' : undefined
}
