import lunr from 'lunr'
import { stemWord, tokenize } from './tokenize.ts'
import { normalizeText } from './normalize.ts'

/** Name under which the Latin stemmer is registered with Lunr, so that serialised pipelines load. */
export const STEM_FUNCTION = 'briefingReader:stemLatin'

/**
 * Lunr pipeline function: stems English words with Lunr's Porter stemmer and leaves Hangul, Han and
 * Kana bigrams alone (Lunr's trimmer and stop-word filter would erase them, so they are never used).
 */
export const stemLatin: lunr.PipelineFunction = (token) => {
  const metadata = (token as unknown as { metadata?: { cjk?: boolean } }).metadata
  return metadata?.cjk ? token : token.update(stemWord)
}

let registered = false
/** Registers the pipeline function with Lunr once per process. */
export function registerPipeline(): void {
  if (registered) return
  lunr.Pipeline.registerFunction(stemLatin, STEM_FUNCTION)
  registered = true
}

/**
 * Lunr tokenizer: normalises the field text, then splits it into CJK bigrams and Latin/digit words
 * (a bigram also spans a single space between CJK runs, so spacing does not matter).
 */
export function lunrTokenizer(obj: unknown, metadata?: object): lunr.Token[] {
  if (obj === null || obj === undefined) return []
  const text = normalizeText(String(obj))
  return tokenize(text, { joinAcrossSpaces: true, stem: false }).map(
    (t) => new lunr.Token(t.term, { ...(metadata ?? {}), cjk: t.cjk })
  )
}
