const HAN = /\p{Script=Han}/u
const HANGUL = /\p{Script=Hangul}/u

/**
 * `zh` for text written in Chinese only (a reference title such as 百度联合北京量子院…), so the
 * browser picks Chinese glyph shapes; undefined (inherit Korean) for everything else.
 */
export function textLang(text: string): 'zh' | undefined {
  return HAN.test(text) && !HANGUL.test(text) ? 'zh' : undefined
}

/**
 * `ko` for text with Hangul in it, so Korean shown in the English UI (an issue's name in the top bar) is
 * read and hyphenated as Korean; undefined otherwise (inherit the UI's language).
 */
export function koreanLang(text: string): 'ko' | undefined {
  return HANGUL.test(text) ? 'ko' : undefined
}
