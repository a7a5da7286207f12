/**
 * Block writers of the sample generator: the names an item is about, and the bullets, footnotes,
 * reference boxes, figures, tables and 참고자료 lists it is written from.
 */
import type { Named, Technology } from './vocabulary.ts'
import { COMPANIES, COMPANY_PARTS, INSTITUTIONS, MINISTRIES, PERSON_PARTS, PHRASES, REGIONS, TASKS } from './vocabulary.ts'
import type { Ctx, Rng } from './template.ts'
import { chance, fill, fmt, gloss, int, isoOf, pad, pick, shuffled } from './template.ts'

/** A writer for one item: the PRNG, the names the item is about and the templates it has used. */
export interface W {
  rng: Rng
  ctx: Ctx
  tech: Technology
  used: Set<string>
  /** Body row counts of the tables written so far. */
  tableRows: number[]
  /** A national item (ministry, nationwide report): phrases about one city are left out. */
  national: boolean
}

/** A company of the technology's field: a listed one, or an invented name with a fitting suffix. */
export function companyFor(rng: Rng, tech: Technology): Named {
  const listed = COMPANIES.filter((c) => c.fields.includes(tech.category))
  if (listed.length > 0 && chance(rng, 0.6)) return pick(rng, listed)
  const p = pick(rng, COMPANY_PARTS.prefixes)
  const sfx = COMPANY_PARTS.suffixes[pick(rng, COMPANY_PARTS.byField[tech.category] ?? [0])]
  return { name: p.name + sfx.name, hanja: p.hanja + sfx.hanja, simplified: p.simplified + sfx.simplified }
}

/** A writer for an item about `tech`, with regions, institutions, companies and numbers drawn for it. */
export function makeWriter(rng: Rng, tech: Technology, published: string): W {
  const year = Number(published.slice(0, 4))
  const plan = Number(published.slice(5, 7)) >= 7 ? year + 1 : year // plans of a second-half issue start next year
  const [r, r2] = shuffled(rng, REGIONS)
  const fits = INSTITUTIONS.filter((x) => !x.fields || x.fields.includes(tech.category))
  const [i, i2] = shuffled(rng, fits)
  const c = companyFor(rng, tech)
  let c2 = companyFor(rng, tech)
  for (let k = 0; k < 5 && c2.name === c.name; k++) c2 = companyFor(rng, tech)
  const m = pick(rng, MINISTRIES)
  const fam = pick(rng, PERSON_PARTS.family)
  const giv = pick(rng, PERSON_PARTS.given)
  const trad = chance(rng, 0.7)
  const ctx: Ctx = {
    R: r.name, Rh: gloss(rng, r), Rz: r.simplified, Rt: r.hanja, R2: r2.name, R2h: gloss(rng, r2),
    I: i.name, Ih: gloss(rng, i), Iz: i.simplified, It: i.hanja, I2: i2.name,
    C: c.name, Ch: gloss(rng, c), Cs: `${c.name}(${c.simplified})`, Cz: c.simplified, Ct: c.hanja, C2: c2.name,
    C2h: gloss(rng, c2), M: m.short, Mh: gloss(rng, m), Mz: m.simplified,
    T: tech.name, Ts: tech.spaced, Te: tech.abbr ?? tech.spaced, Tz: tech.zh, Tt: tech.zhTrad,
    Pd: pick(rng, tech.products), Pn: `${fam.name}${giv.name}(${trad ? fam.hanja + giv.hanja : fam.simplified + giv.simplified})`,
    Y0: String(year - 1), Y: String(plan), Y1: String(plan + 1), Y3: String(plan + 2),
    y1: pad(plan % 100), y3: pad((plan + 2) % 100),
    a: fmt(int(rng, 5, 300) * 10), b: String(int(rng, 4, 12)), c: fmt(int(rng, 10, 200) * 10)
  }
  ctx.A = fill(rng, ctx, pick(rng, tech.achievements))
  return { rng, ctx, tech, used: new Set(), tableRows: [], national: false }
}

/** Fills a template with the item's names. */
export const f = (w: W, template: string): string => fill(w.rng, w.ctx, template)

/** The templates of `list` that suit the item: no city-specific ones in a national item. */
export function suited(w: W, list: readonly string[]): readonly string[] {
  if (!w.national) return list
  const kept = list.filter((t) => !t.includes('{R'))
  return kept.length > 0 ? kept : list
}

/** Fills a template from `list` that suits the item and that it has not used yet (when there is one). */
export function fp(w: W, all: readonly string[]): string {
  const list = suited(w, all)
  let t = pick(w.rng, list)
  for (let k = 0; k < 4 && w.used.has(t); k++) t = pick(w.rng, list)
  w.used.add(t)
  return fill(w.rng, w.ctx, t)
}

/** A fictional article URL under example.org / example.com dated `day`. */
export function url(rng: Rng, day: number): string {
  const [y, m, d] = isoOf(day).split('-')
  const host = pick(rng, ['https://example.org', 'https://www.example.org', 'https://example.com', 'https://news.example.com'])
  const hex = (n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[int(rng, 0, 15)]).join('')
  switch (int(rng, 0, 2)) {
    case 0: return `${host}/news/${y}/${m}${d}/${hex(8)}.html`
    case 1: return `${host}/policy/${y}${m}/t${y}${m}${d}_${int(rng, 1_000_000, 9_999_999)}.shtml`
    default: return `${host}/a/${hex(12)}?from=sample&id=${int(rng, 10_000, 99_999)}`
  }
}

/** A URL line, in angle brackets two times out of three. */
export const urlLine = (rng: Rng, u: string): string => (chance(rng, 0.65) ? `<${u}>` : u)

/** Appends a 참고자료 block with titles from `pool` (Chinese), sometimes Korean; returns the number of entries. */
export function references(w: W, out: string[], day: number, title: string, pool: readonly string[]): number {
  const n = int(w.rng, 1, 3)
  out.push('참고자료', '')
  for (let k = 0; k < n; k++) {
    const t = chance(w.rng, 0.85) ? fp(w, pool) : `${title} 관련 보도자료`
    out.push(`- ☑ ${t}`)
    const spaced = chance(w.rng, 0.3)
    if (spaced) out.push('')
    out.push(urlLine(w.rng, url(w.rng, day - int(w.rng, 0, 3))))
    if (spaced || k === n - 1) out.push('')
  }
  return n
}

/** Writes a tab-separated table; long ones repeat the header row mid-table as after a page break. */
export function tableRows(w: W, out: string[], header: string[], rows: string[][]): void {
  w.tableRows.push(rows.length)
  const repeatAt = rows.length >= 7 && chance(w.rng, 0.6) ? int(w.rng, 4, rows.length - 2) : -1
  out.push(header.join('\t'))
  rows.forEach((row, k) => {
    if (k === repeatAt) out.push('', header.join('\t')) // the header repeats after a page break
    out.push(row.join('\t'))
  })
  out.push('')
}

/** A plan table: numbered tasks with ` • ` list cells (sometimes behind a `<ul …>` remnant). */
export function planTable(w: W, out: string[]): void {
  const tasks = shuffled(w.rng, TASKS).slice(0, int(w.rng, 4, 9))
  const ul = chance(w.rng, 0.25) ? '<ul style="list-style-type: none"> ' : ''
  out.push(`〈${f(w, pick(w.rng, ['{Ts} 산업 주요 추진 과제', '{R} {T} 지원 정책 주요 내용', '분야별 중점 과제']))}〉`, '')
  const rows = tasks.map(([task, ...entries], k) => {
    const list = entries.slice(0, int(w.rng, 2, entries.length)).map((e) => `• ${f(w, e)}`)
    return [String(k + 1), task, ul + list.join(' ')]
  })
  tableRows(w, out, ['구분', '주요 과제', '주요 내용'], rows)
}

/** A company ranking, and half of the time a second table of their locations (last row starts empty). */
export function rankingTables(w: W, out: string[]): void {
  const n = int(w.rng, 8, 12)
  let revenue = int(w.rng, 800, 3000) * 10
  const names = new Set<string>()
  for (let k = 0; names.size < n && k < 200; k++) names.add(gloss(w.rng, companyFor(w.rng, w.tech)))
  for (let k = 0; names.size < n; k++) names.add(`${pick(w.rng, COMPANY_PARTS.prefixes).name}${w.ctx.Ts.split(' ')[0]} ${k + 1}호`)
  const rows = [...names].map((name, k) => {
    if (k > 0) revenue = Math.max(10, revenue - int(w.rng, 5, 120) * 10)
    return [String(k + 1), name, fmt(revenue), f(w, pick(w.rng, ['{Pd}', '{Ts} 솔루션', '{Ts} 핵심 부품', '{Te} 플랫폼'])), pick(w.rng, REGIONS).name]
  })
  out.push(`〈${f(w, '{Y0}년 중국 {T} 기업 상위 ')}${n}위〉`, '')
  tableRows(w, out, ['순위', '기업명', '매출(억 위안)', '주요 분야', '소재지'], rows)
  if (chance(w.rng, 0.5)) return
  out.push('- 지역별로는 상위 기업의 본사가 베이징·상하이·선전 등 대도시에 집중', '')
  const places = shuffled(w.rng, REGIONS).slice(0, int(w.rng, 5, 7))
  let count = int(w.rng, 8, 16)
  const regionRows = places.map((p, k) => {
    if (k > 0) count = Math.max(1, count - int(w.rng, 0, 3))
    return [String(k + 1), p.name, String(count), (count * 2).toFixed(1)]
  })
  regionRows.push(['', '기타', String(int(w.rng, 5, 20)), '-'])
  out.push('〈소재지별 상위 50개 기업 수〉', '')
  tableRows(w, out, ['순위', '지역', '기업 수', '비중(%)'], regionRows)
}

/** Recent results in the item's field, institution by institution. */
export function techTable(w: W, out: string[], day: number): void {
  out.push(`〈${f(w, '{Ts} 분야 최근 주요 연구 성과')}〉`, '')
  const results = shuffled(w.rng, [...w.tech.achievements, ...PHRASES.research]).slice(0, int(w.rng, 3, 5))
  const places = shuffled(w.rng, INSTITUTIONS.filter((x) => !x.fields || x.fields.includes(w.tech.category)))
  const rows = results.map((result, k) => {
    const [y, m] = isoOf(day - 30 * k - int(w.rng, 0, 29)).split('-')
    return [gloss(w.rng, places[k % places.length]), f(w, result), `${y}.${m}`]
  })
  tableRows(w, out, ['기관', '주요 성과', '발표 시기'], rows)
}

/** Indicators of the item's region and field over two years. */
export function statsTable(w: W, out: string[]): void {
  const y = Number(w.ctx.Y0)
  out.push(`〈${f(w, '{R} {T} 산업 주요 지표')}〉`, '')
  const rows = shuffled(w.rng, PHRASES.indicators).slice(0, int(w.rng, 4, 6)).map((label) => {
    const before = int(w.rng, 20, 5000)
    const after = Math.round(before * (0.9 + w.rng() * 0.5))
    return [label, fmt(before), fmt(after), (((after - before) / before) * 100).toFixed(1)]
  })
  tableRows(w, out, ['구분', `${y - 1}년`, `${y}년`, '증감률(%)'], rows)
}

/** Bullet plus `min`–`max` indented sub-bullets not used before in the item. */
export function bullet(w: W, out: string[], text: string, subs: readonly string[], min: number, max: number): void {
  out.push(`- ${text}`)
  const fresh = suited(w, subs).filter((s) => !w.used.has(s))
  for (const s of shuffled(w.rng, fresh).slice(0, int(w.rng, min, max))) {
    w.used.add(s)
    out.push(` - ${f(w, s)}`)
    if (chance(w.rng, 0.08) && !w.used.has('definition')) {
      w.used.add('definition')
      out.push(` - * ${w.ctx.Ts}: ${w.tech.definition}`)
    }
  }
  out.push('')
}

/** A 〈※ 참고: …〉 box with 3–5 ✓ entries. */
export function noteBox(w: W, out: string[]): void {
  const title = fp(w, w.national ? PHRASES.noteTitleNational : PHRASES.noteTitle)
  const entries = w.national ? PHRASES.noteEntryNational : PHRASES.noteEntry
  out.push(chance(w.rng, 0.2) ? `〈※참고: ${title}〉` : `〈※ 참고: ${title}〉`, '')
  for (const e of shuffled(w.rng, entries).slice(0, int(w.rng, 3, 5))) out.push(`- ✓ ${f(w, e)}`)
  out.push('')
}

/** The `* 용어: 정의` footnote of the item's technology, once per item. */
export function definition(w: W, out: string[], p: number): void {
  if (w.used.has('definition') || !chance(w.rng, p)) return
  w.used.add('definition')
  out.push(`* ${w.ctx.Ts}: ${w.tech.definition}`, '')
}

/** A figure caption whose image was not extracted (blank lines), sometimes with its `* 출처:` credit. */
export function figure(w: W, out: string[], day: number, credit: number, captions: readonly string[]): void {
  out.push(`〈${fp(w, captions)}〉`, '', '', '')
  if (chance(w.rng, credit)) out.push(`* 출처: <${url(w.rng, day)}>`, '')
}

/** A dated closing such as (3.27). */
export const dateTag = (day: number): string => {
  const [, m, d] = isoOf(day).split('-')
  return `(${Number(m)}.${Number(d)})`
}
