/**
 * Deterministic generator of fictional briefings in the exact text layout of the KOSTEC weekly
 * (contents, notice, 요약, sections I/II/III, colophon), for tests and benchmarks at archive scale.
 * Same seed and start date → byte-identical texts; no clock, no Math.random.
 */
import type { PhrasePool, PolicyKind } from './vocabulary.ts'
import { NEWS_SOURCES, PHRASES, POLICY_KINDS, TECHNOLOGIES } from './vocabulary.ts'
import type { Rng } from './template.ts'
import { chance, dayOf, int, isoOf, mulberry32, pad, pick, shuffled } from './template.ts'
import type { W } from './blocks.ts'
import {
  bullet, dateTag, definition, f, figure, fp, makeWriter, noteBox, planTable, rankingTables, references, statsTable, techTable,
  url, urlLine
} from './blocks.ts'

export { COMPANIES, INSTITUTIONS, MINISTRIES, NEWS_SOURCES, PHRASES, POLICY_KINDS, REGIONS, TECHNOLOGIES } from './vocabulary.ts'
export { mulberry32, particle } from './template.ts'
export type { Rng } from './template.ts'

/** The series line as printed (slashes and all); it reads 샘플 과학기술 정책 주간동향. */
export const SAMPLE_SERIES_LINE = '샘플 과학기술 정책 주/간/동/향'
/** Publisher, English publisher, issuer and website printed in every sample colophon. */
export const SAMPLE_PUBLISHER = 'Briefing Reader 샘플 편집부'
export const SAMPLE_PUBLISHER_ENGLISH = 'BRIEFING READER SAMPLE DESK'
export const SAMPLE_ISSUER = '홍길동'
export const SAMPLE_WEBSITE = 'https://example.org/briefing-reader'

/** What a correct parse of one generated item yields. */
export interface ExpectedItem {
  id: string
  section: string
  number: string
  title: string
  /** Contents category; absent for 단신동향 items. */
  category?: string
  /** The contents entry's title when it differs from the body title (a Hanja gloss added). */
  contentsTitle?: string
  /** YYYY-MM-DD (December dates of a January issue belong to the year before). */
  date: string
  regions: string[]
  tables: number
  /** Body rows of each table (a header row repeated mid-table is not a row). */
  tableRows: number[]
  /** 참고자료 entries, or the one 출처 line of a short-news item. */
  references: number
}

/** What a correct parse of one generated briefing yields. */
export interface ExpectedBriefing {
  id: string
  published: string
  items: number
  tables: number
  references: number
  summary: number
  sections: Array<{ number: string; title: string; items: number }>
  list: ExpectedItem[]
}

/** One generated briefing: its file name, its text and what parsing it must give. */
export interface GeneratedBriefing {
  fileName: string
  text: string
  expected: ExpectedBriefing
}

/** Options of {@link generateBriefings}. */
export interface GenerateOptions {
  /** PRNG seed (default 1). */
  seed?: number
  /** Publication date of the first briefing, YYYY-MM-DD (default 2026-11-20); the others go back a week each. */
  startDate?: string
}

/** An item written but not yet numbered. */
interface Planned {
  category?: string
  title: string
  contentsTitle: string
  body: string[]
  tableRows: number[]
  references: number
  day: number
  regions: string[]
  summary?: string
}

function leadOf(w: W, lead: PolicyKind['lead']): { regions: string[]; name: string; glossed: string } {
  const c = w.ctx
  switch (lead) {
    case 'region': return { regions: [c.R], name: c.R, glossed: c.Rh }
    case 'regions': return { regions: [c.R, c.R2], name: c.R, glossed: c.Rh }
    case 'ministry': return { regions: [], name: c.M, glossed: c.M }
    case 'company': return { regions: [], name: c.C, glossed: c.Ch }
    default: return { regions: [], name: c.I, glossed: c.Ih }
  }
}

function contentsVariant(w: W, title: string, name: string, glossed: string): string {
  return chance(w.rng, 0.12) && title.startsWith(`${name},`) ? glossed + title.slice(name.length) : title
}

function policyItem(w: W, kind: PolicyKind, day: number): Planned {
  const rng = w.rng
  const subs = PHRASES[kind.subs]
  w.national = kind.lead === 'ministry' || kind.lead === 'institution'
  const title = fp(w, kind.titles)
  const lead = leadOf(w, kind.lead)
  const body: string[] = []
  const dated = chance(rng, 0.9)
  if (dated) body.push(`■ ${fp(w, kind.headlines)}${dateTag(day)}`, '')
  bullet(w, body, f(w, kind.leads[0]) + (dated ? '' : dateTag(day)), subs, 2, 3)
  definition(w, body, 0.4)
  if (chance(rng, 0.2)) body.push(`** ${fp(w, PHRASES.footnote2)}`, '')
  if (kind.leads[1]) bullet(w, body, f(w, kind.leads[1]), subs, 1, 2)
  const pools: PhrasePool[] = shuffled(rng, kind.aspects).slice(0, int(rng, 4, 6))
  pools.forEach((pool, k) => {
    const text = fp(w, PHRASES[pool])
    bullet(w, body, text, subs, 1, k < 2 ? 3 : 2)
    if (text.includes('*')) body.push(`* ${PHRASES.measureNote[text.includes('首臺套') ? 1 : 0]}`, '')
    else if (chance(rng, 0.15)) body.push(`* ${fp(w, PHRASES.footnote)}`, '')
  })
  if (chance(rng, kind.table)) {
    if (kind.tableKind === 'ranking') rankingTables(w, body)
    else if (kind.tableKind === 'stats') statsTable(w, body)
    else planTable(w, body)
    if (chance(rng, 0.5)) bullet(w, body, fp(w, PHRASES.outlook), subs, 0, 1)
  }
  if (chance(rng, 0.55)) noteBox(w, body)
  if (chance(rng, 0.3)) figure(w, body, day, 0.5, PHRASES.caption)
  if (chance(rng, 0.6)) {
    body.push(`■ ${fp(w, PHRASES.secondHeadline)}`, '')
    bullet(w, body, fp(w, PHRASES.outlook), subs, 1, 2)
    bullet(w, body, fp(w, PHRASES.schedule), subs, 0, 2)
  }
  if (chance(rng, 0.3)) bullet(w, body, fp(w, PHRASES.implication), [], 0, 0)
  const refs = references(w, body, day, title, [...PHRASES.refZh, ...PHRASES.refTrad])
  const contentsTitle = contentsVariant(w, title, lead.name, lead.glossed)
  const summary = fp(w, kind.summaries)
  return { category: kind.category, title, contentsTitle, body, tableRows: w.tableRows, references: refs, day, regions: lead.regions, summary }
}

function techItem(w: W, day: number): Planned {
  const rng = w.rng
  const k = chance(rng, 0.65) ? 0 : 1 // 0: research result of an institution, 1: company product
  const title = f(w, PHRASES.techTitle[k])
  const body: string[] = [`■ ${f(w, PHRASES.techHeadline[k])}${dateTag(day)}`, '']
  bullet(w, body, f(w, PHRASES.techLead[k]), w.tech.details, 2, 3)
  definition(w, body, 0.6)
  for (const t of shuffled(rng, PHRASES.techBody).slice(0, int(rng, 4, 6))) bullet(w, body, f(w, t), PHRASES.techSub, 1, 2)
  if (chance(rng, 0.3)) techTable(w, body, day)
  if (chance(rng, 0.5)) noteBox(w, body)
  if (chance(rng, 0.5)) figure(w, body, day, 0.6, PHRASES.techCaption)
  const refs = references(w, body, day, title, k === 0 ? PHRASES.refTech : PHRASES.refProduct)
  const name = k === 0 ? w.ctx.I : w.ctx.C
  const contentsTitle = contentsVariant(w, title, name, k === 0 ? w.ctx.Ih : w.ctx.Ch)
  const summary = f(w, PHRASES.techSummary[k])
  return { category: w.tech.category, title, contentsTitle, body, tableRows: w.tableRows, references: refs, day, regions: [], summary }
}

function briefItem(w: W, day: number): Planned {
  const rng = w.rng
  const k = int(rng, 0, PHRASES.briefTitle.length - 1)
  const title = f(w, PHRASES.briefTitle[k])
  const body: string[] = [`■ ${f(w, PHRASES.briefHeadline[k])}`, '']
  definition(w, body, 0.2)
  for (const t of shuffled(rng, PHRASES.briefBody).slice(0, int(rng, 2, 3))) body.push(`- ${f(w, t)}`)
  const [, m, d] = isoOf(day).split('-')
  body.push('', `출처: ${pick(rng, NEWS_SOURCES)} (${m}.${d})`, '', urlLine(rng, url(rng, day)), '')
  const regions = k === 1 || k === 3 ? [] : [w.ctx.R]
  return { title, contentsTitle: title, body, tableRows: [], references: 1, day, regions }
}

/** Stable sort by the position of each item's category's first appearance (contents groups them). */
function groupByCategory(items: Planned[]): Planned[] {
  const order = new Map<string, number>()
  for (const it of items) if (!order.has(it.category ?? '')) order.set(it.category ?? '', order.size)
  const rank = (it: Planned): number => order.get(it.category ?? '') ?? 0
  return items
    .map((it, k) => ({ it, k }))
    .sort((a, b) => rank(a.it) - rank(b.it) || a.k - b.k)
    .map((x) => x.it)
}

const SECTION_TITLES = ['정책동향', '기술동향', '단신동향']
const ROMAN = ['I', 'II', 'III']
const NOTICE =
  '본 보고서는 Briefing Reader 샘플 편집부가 소프트웨어 시험을 위해 작성한 가상의 예시 자료로, 실제 기관·기업·인물의 활동이나 정책과 관계가 없습니다. 인용하지 마십시오.'

/** Generates one briefing published on `day` (days since 1970-01-01). */
function generateOne(rng: Rng, day: number): GeneratedBriefing {
  const published = isoOf(day)
  const id = `sample-weekly-${published}`
  const techs = shuffled(rng, TECHNOLOGIES)
  let t = 0
  const writer = (): W => makeWriter(rng, techs[t++ % techs.length], published)
  const itemDay = (): number => day - int(rng, 1, 14)
  const policy = groupByCategory(
    Array.from({ length: int(rng, 5, 7) }, () => policyItem(writer(), pick(rng, POLICY_KINDS), itemDay()))
  )
  const tech = groupByCategory(Array.from({ length: int(rng, 2, 4) }, () => techItem(writer(), itemDay())))
  const brief = Array.from({ length: int(rng, 1, 3) }, () => briefItem(writer(), itemDay()))
  const sections = [policy, tech, brief]

  const out: string[] = ['', '', '', '', SAMPLE_SERIES_LINE, '', 'CONTENTS', '']
  sections.slice(0, 2).forEach((items, s) => {
    out.push(`${s + 1}. ${SECTION_TITLES[s]}`, '')
    let category: string | undefined
    for (const it of items) {
      if (it.category !== category) out.push((category = it.category) ?? '', '')
      out.push(`• ${it.contentsTitle}`, '')
    }
  })
  out.push('', '', NOTICE, '', '', '', '요약', '')
  const candidates = [...policy, ...tech].filter((it) => it.summary)
  const keep = new Set(shuffled(rng, candidates).slice(0, int(rng, 5, 7)))
  for (const it of candidates) if (keep.has(it)) out.push(`- ${it.summary}`)
  out.push('')

  const list: ExpectedItem[] = []
  sections.forEach((items, s) => {
    const roman = ROMAN[s]
    if (s === 0) out.push(`${roman} ${SECTION_TITLES[s]}`, '')
    else out.push(roman, '', SECTION_TITLES[s], '')
    items.forEach((it, k) => {
      const no = pad(k + 1)
      if (s === 1 && k === 0) out.push(' ', no, '', it.title, '') // number and title on lines of their own
      else out.push(`${no} ${it.title}`, '')
      for (const line of it.body) out.push(line)
      list.push({
        id: `${id}/${roman}-${no}`, section: roman, number: no, title: it.title, category: it.category,
        ...(it.contentsTitle !== it.title ? { contentsTitle: it.contentsTitle } : {}),
        date: isoOf(it.day), regions: it.regions, tables: it.tableRows.length, tableRows: it.tableRows, references: it.references
      })
    })
  })

  const [y, m, d] = published.split('-').map(Number)
  out.push('', '', 'CHINA', 'S&T WEEKLY', '', 'BRIEFING READER', 'SAMPLE DESK', '', SAMPLE_SERIES_LINE, '',
    `| 발 행 일 | ${y}. ${m}. ${d}`, '', `| 발 행 인 | ${SAMPLE_ISSUER}`, '', `| 발행기관 | ${SAMPLE_PUBLISHER}`, '',
    '| 발 행 처 | 주소 : 서울특별시 종로구 예시로 12', '샘플빌딩 3층(03100)', 'TEL : 02-0000-0000', `<${SAMPLE_WEBSITE}>`, '')
  return {
    fileName: `${id}.txt`,
    text: out.join('\n'),
    expected: {
      id,
      published,
      items: list.length,
      tables: list.reduce((n, it) => n + it.tables, 0),
      references: list.reduce((n, it) => n + it.references, 0),
      summary: keep.size,
      sections: sections.map((items, s) => ({ number: ROMAN[s], title: SECTION_TITLES[s], items: items.length })),
      list
    }
  }
}

/**
 * Generates `count` fictional briefings, newest first: weekly publication dates going back from
 * `options.startDate` (default 2026-11-20), ids `sample-weekly-YYYY-MM-DD`. Deterministic for a given
 * seed; each briefing depends only on the seed and its position, so a longer run extends a shorter one.
 */
export function generateBriefings(count: number, options: GenerateOptions = {}): GeneratedBriefing[] {
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer: ${count}`)
  const seed = (options.seed ?? 1) >>> 0
  const start = dayOf(options.startDate ?? '2026-11-20')
  const out: GeneratedBriefing[] = []
  for (let i = 0; i < count; i++) {
    const rng = mulberry32((seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0)
    out.push(generateOne(rng, start - 7 * i))
  }
  return out
}
