/**
 * Publishers whose briefings users have, how their names are written, and the slug a post's id starts with.
 * A name found in a page's site name, host or text maps to the one spelling stored in `Briefing.publisher`, so the
 * same post read from a PDF and from its web page gets the same publisher (and so the same id).
 */
export interface KnownPublisher {
  /** Stable key, also the layout family. */
  key: 'kostec' | 'kistep' | 'kiep-csf' | 'embassy' | 'kosen'
  /** As stored in Briefing.publisher. */
  name: string
  english: string
  /** A post's id starts with this. */
  slug: string
  website: string
  /** A match anywhere in a site name, a host or a line of text. */
  pattern: RegExp
  /** The series a single post of this publisher belongs to. */
  postSeries: string
}

export const KNOWN_PUBLISHERS: readonly KnownPublisher[] = [
  {
    key: 'kostec',
    name: '한중과학기술협력센터',
    english: 'Korea-China Science and Technology Cooperation Center',
    slug: 'kostec',
    website: 'https://www.kostec.re.kr',
    pattern: /한중\s*과학기술\s*협력\s*센터|한중\s*과기\s*협력\s*센터|\bKOSTEC\b|kostec\.re\.kr/i,
    postSeries: 'KOSTEC 동향'
  },
  {
    key: 'kistep',
    name: '한국과학기술기획평가원',
    english: 'Korea Institute of S&T Evaluation and Planning',
    slug: 'kistep',
    website: 'https://www.kistep.re.kr',
    pattern: /한국\s*과학기술\s*기획\s*평가원|\bKISTEP\b|kistep\.re\.kr/i,
    postSeries: 'KISTEP 해외 과학기술 동향'
  },
  {
    key: 'kiep-csf',
    name: '대외경제정책연구원 중국전문가포럼',
    english: 'KIEP China Specialists Forum (CSF)',
    slug: 'kiep-csf',
    website: 'https://csf.kiep.go.kr',
    pattern: /중국\s*전문가\s*포럼|China\s+Specialists?\s+Forum|csf\.kiep\.go\.kr|\bKIEP\s*CSF\b|대외경제정책연구원/i,
    postSeries: 'KIEP CSF 중국 동향'
  },
  {
    key: 'embassy',
    name: '주중국 대한민국 대사관',
    english: 'Embassy of the Republic of Korea in China',
    slug: 'embassy-china',
    website: 'https://overseas.mofa.go.kr/cn-ko',
    pattern: /주\s*중국?\s*(대한민국\s*|한국\s*)?대사관|주중\s*대사관|중국\s*한국\s*상회|\bKOCHAM\b|korcham\.net/i,
    postSeries: '주중국대사관 과학기술 동향'
  },
  {
    key: 'kosen',
    name: 'KOSEN',
    english: 'Korean Scientists and Engineers Network',
    slug: 'kosen',
    website: 'https://www.kosen21.org',
    pattern: /\bKOSEN\b|한민족\s*과학기술자\s*네트워크|kosen21\.org/i,
    postSeries: 'KOSEN 동향'
  }
]

/** The first known publisher named in `text` (by position), or undefined. */
export function knownPublisherOf(text: string | undefined): KnownPublisher | undefined {
  if (!text) return undefined
  let best: { p: KnownPublisher; at: number } | undefined
  for (const p of KNOWN_PUBLISHERS) {
    const at = text.search(p.pattern)
    if (at >= 0 && (!best || at < best.at)) best = { p, at }
  }
  return best?.p
}

export function publisherByKey(key: KnownPublisher['key']): KnownPublisher {
  const found = KNOWN_PUBLISHERS.find((p) => p.key === key)
  if (!found) throw new Error(`unknown publisher ${key}`)
  return found
}
