/**
 * One layout per publisher family of single posts. They share the engine (post-core.ts); each knows its
 * publisher (so a post read from a PDF, which states no site name, gets the same publisher and id as its web page),
 * its site's menus, and the signs that tell its posts apart:
 *
 * - kostec-post: KOSTEC's site (kostec.re.kr): the 동향 게시판 chrome (`등록일2024.10.11`, `조회수`), `□` lead lines
 *   ending in `(25.12.19)`, `○ (배경)` bullets, `<참고자료>` entries `(25.12.19, 科技部) title URL`, `[목차] 1. … 2. …`
 *   on one line, posts flattened onto one line.
 * - kistep: KISTEP's overseas S&T trends: metadata lists `국가 / 생성기관 / 원문발표일 / 주제분류`, `□ ○ -` levels.
 * - kiep-csf: KIEP's China Specialists Forum (csf.kiep.go.kr): `발행일 : …`, `①②③` and `(배경)`/`(목표)` subheads.
 * - embassy: the embassy's posts as republished by the Korea Chamber of Commerce in China (korcham.net): `ㅇ` and
 *   `l ` (a lost Wingdings glyph) bullets, `’18.11.26` dates, `※` notes.
 * - kosen: KOSEN (kosen21.org): `2017 / 06 / 01` dates, `1)` and `1.` subheads.
 *
 * The signs are what the issue lists for each family; the markup and wording of the real sites could not be
 * checked against saved pages (none was available), so each layout also scores the publisher's name and host.
 */
import type { Briefing } from '../../model/briefing.ts'
import type { ExtractedDocument } from '../types.ts'
import { parsePost } from './post-core.ts'
import { publisherByKey, type KnownPublisher } from './publishers.ts'
import type { Layout, LayoutContext } from './types.ts'

interface Family {
  name: string
  version: number
  publisher: KnownPublisher
  /** Host of the page's URL. */
  host: RegExp
  /** Words of the site's menus (whole lines). */
  menus?: RegExp
  /** Traits of the family's text, each adding to the confidence. */
  traits: RegExp[]
}

function familyLayout(f: Family): Layout {
  return {
    name: f.name,
    version: f.version,
    detect(doc: ExtractedDocument): number {
      const text = doc.text.slice(0, 100_000)
      const head = text.slice(0, 3000)
      const tail = text.slice(-3000)
      let score = 0
      let host: string
      try {
        host = doc.meta.url ? new URL(doc.meta.url).hostname : ''
      } catch {
        host = ''
      }
      if (host && f.host.test(host)) score = Math.max(score, 0.9)
      if (doc.meta.publisher && f.publisher.pattern.test(doc.meta.publisher)) score = Math.max(score, 0.85)
      if (f.publisher.pattern.test(head) || f.publisher.pattern.test(tail)) score = Math.max(score, 0.6)
      const traits = f.traits.filter((t) => t.test(text)).length
      if (score > 0) score = Math.min(0.99, score + 0.02 * traits)
      else if (traits >= 2) score = Math.min(0.5, 0.15 * traits)
      return score
    },
    parse(doc: ExtractedDocument, ctx: LayoutContext): Briefing {
      return parsePost(doc, ctx, { name: f.name, version: f.version, publisher: f.publisher, menus: f.menus })
    }
  }
}

export const kostecPostLayout = familyLayout({
  name: 'kostec-post',
  version: 1,
  publisher: publisherByKey('kostec'),
  host: /(^|\.)kostec\.re\.kr$/i,
  menus: /^(정책동향|이슈리포트|통계DB|주요활동|센터소개|알림마당|KOSTEC\s*주간동향\s*구독하기|한중\s*과학기술\s*협력\s*정보.*앞장서겠습니다!?)$/,
  traits: [/격주간\s*동향|주간\s*동향/, /동향\s*게시판/, /등록일\s*\d{4}\.\d{1,2}\.\d{1,2}/, /<\s*참고\s*자료\s*>/, /\(\d{2}\.\d{1,2}\.\d{1,2}\)/, /\[\s*목\s*차\s*\]/]
})

export const kistepLayout = familyLayout({
  name: 'kistep',
  version: 1,
  publisher: publisherByKey('kistep'),
  host: /(^|\.)kistep\.re\.kr$/i,
  menus: /^(KISTEP\s*발간물|정책연구|동향정보|해외\s*과학기술\s*동향|통합검색)$/,
  traits: [/생성기관/, /원문발표일/, /주제분류/, /^\s*국가\s*[:：|]?\s*\S/m]
})

export const kiepCsfLayout = familyLayout({
  name: 'kiep-csf',
  version: 1,
  publisher: publisherByKey('kiep-csf'),
  host: /(^|\.)csf\.kiep\.go\.kr$/i,
  menus: /^(중국\s*전문가\s*포럼|전문가\s*오피니언|중국\s*동향|지역\s*정보|CSF\s*소개)$/,
  traits: [/발행일\s*[:：]/, /[①②③]/, /\((배경|목표|현황|전망|시사점)\)/]
})

export const embassyLayout = familyLayout({
  name: 'embassy',
  version: 1,
  publisher: publisherByKey('embassy'),
  host: /(^|\.)(korcham\.net|kocham\.[a-z.]+)$/i,
  menus: /^(중국한국상회|상회소개|회원사\s*소식|경제\s*정보|중국\s*정책\s*동향)$/,
  traits: [/^\s*ㅇ\s+\S/m, /^\s*l\s+[^\sA-Za-z]/m, /[’'‘`´]\d{2}\.\d{1,2}\.\d{1,2}/, /^\s*※\s*\S/m]
})

export const kosenLayout = familyLayout({
  name: 'kosen',
  version: 1,
  publisher: publisherByKey('kosen'),
  host: /(^|\.)kosen21\.org$/i,
  menus: /^(KOSEN\s*리포트|동향\s*리포트|회원\s*커뮤니티|전문가\s*칼럼)$/,
  traits: [/\d{4}\s+\/\s+\d{2}\s+\/\s+\d{2}/, /^\s*\d\)\s+\S/m, /^\s*\d\.\s+\S/m]
})

export const POST_LAYOUTS: Layout[] = [kostecPostLayout, kistepLayout, kiepCsfLayout, embassyLayout, kosenLayout]
