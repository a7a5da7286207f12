/**
 * Identity of imported briefings.
 *
 * - A weekly issue: series and publication date, `<series-slug>-YYYY-MM-DD`, exactly the ids the archive has
 *   always given (archive/model/ids.ts), so notes on stored issues stay attached.
 * - A single post: publisher, date and title, `<publisher-slug>-YYYY-MM-DD-<8 hex of the normalised title>`.
 *   Publishers post several a day, so two posts of one day never collapse into one; the title is normalised (NFKC
 *   folds full-width forms and composes Hangul, case, every space, brackets, quotes and punctuation go) so the
 *   same post read from its PDF and from its web page gets the same id.
 * - Items: `<briefing>/<section>-<nn>` (ids.ts).
 *
 * Pure (no Node built-ins): the hash is the project's own SHA-256.
 */
import type { BriefingId } from '../model/briefing.ts'
import { briefingId, itemId, seriesSlug } from '../model/ids.ts'
import { sha256OfText } from '../model/sha256.ts'
import { knownPublisherOf } from './layouts/publishers.ts'

export { itemId }

/** A weekly issue's id: the archive's `<series-slug>-YYYY-MM-DD`. */
export function weeklyId(series: string, published: string): BriefingId {
  return briefingId(series, published)
}

/** The title as identity sees it: NFKC, lower case, letters and digits only (spaces, brackets, punctuation gone). */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

/** The slug of a publisher: a known publisher's own, else an ASCII slug of the name, else `post`. */
export function publisherSlug(publisher: string): string {
  const known = knownPublisherOf(publisher)
  if (known) return known.slug
  const slug = seriesSlug(publisher)
  return slug === 'briefing' ? 'post' : slug
}

/** 8 hex digits of SHA-256 over the normalised title. */
export function titleHash(title: string): string {
  return sha256OfText(normaliseTitle(title)).slice(0, 8)
}

/** A single post's id: `<publisher-slug>-YYYY-MM-DD-<title hash>`. */
export function postId(publisher: string, published: string, title: string): BriefingId {
  return `${publisherSlug(publisher)}-${published}-${titleHash(title)}`
}
