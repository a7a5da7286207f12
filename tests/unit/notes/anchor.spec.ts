import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { allItems, type Block, type Briefing, type Item } from '../../../archive/model/briefing.ts'
import {
  anchorQuote,
  anchorText,
  describeQuote,
  locateInText,
  reanchor,
  resolveAll,
  resolveAnnotation,
  type ResolvedPlacement
} from '../../../archive/notes/anchor.ts'
import { itemText } from '../../../archive/notes/item-text.ts'
import {
  annotationSchema,
  QUOTE_CONTEXT,
  type Annotation,
  type Bookmark,
  type Highlight,
  type ItemNote,
  type Quote
} from '../../../archive/notes/model.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import { NORMALIZER_VERSION, normalizeForSearch, normalizeText } from '../../../archive/search/normalize.ts'
import { readSeedText, seedAvailable } from '../../helpers/seed.ts'

const REPO = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const SAMPLE = readFileSync(join(REPO, 'archive/sample/briefings/sample-weekly-2026-03-06.txt'), 'utf8')
const BID = 'sample-weekly-2026-03-06'
const NOW = '2026-04-12T09:30:00+09:00'

// ---------------------------------------------------------------------------------------------------------
// helpers

function parse(text: string): Briefing {
  const result = parseBriefing(text, { fileName: `${BID}.txt` })
  if (!result.ok) throw new Error(result.error)
  return result.briefing
}

/** `text` with the first `from` replaced (which must be there). */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from)
  if (at === -1) throw new Error(`not in the text: ${from}`)
  return text.slice(0, at) + to + text.slice(at + from.length)
}

function item(briefing: Briefing, ref: string): Item {
  const found = allItems(briefing).find((i) => `${i.section}-${i.number}` === ref)
  if (!found) throw new Error(`no item ${ref}`)
  return found
}

const idOf = (ref: string): string => `${BID}/${ref}`
const squeeze = (s: string): string => normalizeText(s).replace(/ /g, '')

/**
 * What the article shows in the app, as its DOM text: the number, the title, then every block's text with
 * nothing between them (text nodes are concatenated).
 */
function displayText(it: Item): string {
  return it.number + itemText(it).raw.split('\n').join('')
}

/** The canonical offset where a raw offset falls. */
function canonicalOffset(text: string, raw: number): number {
  const n = normalizeForSearch(text)
  let k = 0
  while (k < n.text.length && n.ends[k] <= raw) k++
  return k
}

/** A highlight made the way the app makes one: a selection of `phrase` (nth) in the item's displayed text. */
function highlight(briefing: Briefing, ref: string, phrase: string, id: string, nth = 0): Highlight {
  const it = item(briefing, ref)
  const shown = displayText(it)
  let start = -1
  for (let i = 0; i <= nth; i++) start = shown.indexOf(phrase, start + 1)
  if (start === -1) throw new Error(`${phrase} not in ${ref}`)
  const described = describeQuote(shown, start, start + phrase.length)
  if (!described) throw new Error('empty selection')
  const anchor = anchorQuote(it, described.quote, canonicalOffset(itemText(it).raw, itemText(it).raw.indexOf(phrase)))
  const h: Highlight = {
    id,
    briefingId: briefing.id,
    created: NOW,
    modified: NOW,
    tags: [],
    kind: 'highlight',
    itemId: it.id,
    itemTitle: it.title,
    quote: described.quote,
    text: described.text,
    ...(anchor.position ? { position: anchor.position } : {}),
    itemHash: anchor.itemHash,
    normalizer: anchor.normalizer,
    color: 'yellow',
    comment: ''
  }
  return annotationSchema.parse(h) as Highlight
}

function note(briefing: Briefing, ref: string, id: string): ItemNote {
  const it = item(briefing, ref)
  return { id, briefingId: briefing.id, created: NOW, modified: NOW, tags: [], kind: 'note', itemId: it.id, itemTitle: it.title, text: '메모' }
}

function bookmark(briefing: Briefing, ref: string | undefined, id: string): Bookmark {
  const it = ref ? item(briefing, ref) : undefined
  return {
    id,
    briefingId: briefing.id,
    created: NOW,
    modified: NOW,
    tags: [],
    kind: 'bookmark',
    ...(it ? { itemId: it.id, itemTitle: it.title } : {}),
    reason: '',
    state: 'unread'
  }
}

/** The raw text a placement covers in the current briefing. */
function placedText(briefing: Briefing, p: ResolvedPlacement): string {
  const it = allItems(briefing).find((i) => i.id === p.itemId)
  if (!it || p.start === undefined || p.end === undefined) throw new Error(`${p.id} not placed`)
  return itemText(it).raw.slice(p.start, p.end)
}

const byId = (placements: ResolvedPlacement[]): Record<string, ResolvedPlacement> =>
  Object.fromEntries(placements.map((p) => [p.id, p]))

// ---------------------------------------------------------------------------------------------------------
// the annotations every variant is checked against

const base = parse(SAMPLE)

const PHRASES = {
  /** I-01, first bullet */
  h1: ['I-01', '지침은 양자컴퓨팅, 양자통신, 양자정밀측정'],
  /** I-01, straight quotes */
  h2: ['I-01', "'공동체' 방식으로 신청해야 하며"],
  /** I-01, a table cell */
  h8: ['I-01', '1,000큐비트급 초전도 프로세서'],
  /** I-02, before the sentence that gets deleted */
  h3: ['I-02', "두 지역은 '웨강아오(粵港澳) 대만구 과학기술 협력 계획'에 따라"],
  /** I-02, the sentence that gets deleted */
  h4: ['I-02', '연구 인력이 두 지역을 자유롭게 오갈 수 있도록 복수 통행증 발급 절차를 간소화'],
  /** I-02, after it */
  h5: ['I-02', '홍콩 연구자가 선전 연구기관에서 일하면'],
  /** I-03, the headline whose word changes */
  h6: ['I-03', '훙투로봇(鸿图机器人)은 둥관(東莞)에 35억 위안을 투자해 연 1만 대 규모의 휴머노이드 로봇 양산 공장을 착공'],
  /** I-03, a 7-character quote (spaces not counted) over the changed word */
  h7: ['I-03', '을 투자해 연 1만'],
  /** II-01 */
  h9: ['II-01', '256채널 뇌파 신호를 AI 언어모델과 결합해'],
  /** across two blocks of II-02: the end of one bullet and the start of the next */
  h10: ['II-02', '동작을 확인제어 전자장비와']
} as const

function annotationsOn(briefing: Briefing): Annotation[] {
  return [
    ...Object.entries(PHRASES).map(([id, [ref, phrase]]) => highlight(briefing, ref, phrase, id)),
    note(briefing, 'I-02', 'n1'),
    note(briefing, 'I-03', 'n2'),
    bookmark(briefing, 'I-02', 'k1'),
    bookmark(briefing, undefined, 'k0')
  ]
}

const notes = annotationsOn(base)

// ---------------------------------------------------------------------------------------------------------

describe('describeQuote', () => {
  const it = item(base, 'I-01')
  const shown = displayText(it)

  test('the canonical quote with 32 characters of context, and the raw text', () => {
    const phrase = "'양자과학기술' 전문사업의"
    const start = shown.indexOf(phrase, shown.indexOf('과학기술부'))
    const d = describeQuote(shown, start, start + phrase.length)
    expect(d?.text).toBe(phrase)
    expect(d?.quote.exact).toBe(normalizeText(phrase))
    expect(d?.quote.prefix).toHaveLength(QUOTE_CONTEXT)
    expect(d?.quote.suffix).toHaveLength(QUOTE_CONTEXT)
    const canonical = normalizeText(shown)
    expect(canonical).toContain(`${d?.quote.prefix}${d?.quote.exact}${d?.quote.suffix}`)
  })

  test('curly quotes, full-width forms and traditional Han come out canonical', () => {
    const text = '가나 ‘ＡＢＣ’ 華爲 다라'
    const d = describeQuote(text, 3, text.length - 3)
    expect(d?.quote.exact).toBe(normalizeText("'ABC' 華爲"))
    expect(d?.quote.exact.startsWith("'abc'")).toBe(true)
  })

  test('surrounding whitespace is trimmed; context at the text edges is short', () => {
    const text = '첫 줄\n  둘째 줄  \n셋째'
    const start = text.indexOf('\n')
    const d = describeQuote(text, start, text.indexOf('셋째'))
    expect(d).toEqual({ quote: { exact: '둘째 줄', prefix: '첫 줄 ', suffix: ' 셋째' }, text: '둘째 줄' })
  })

  test('null for an empty or whitespace-only selection; offsets are clamped', () => {
    expect(describeQuote('가 나', 1, 2)).toBeNull()
    expect(describeQuote('가 나', 2, 2)).toBeNull()
    expect(describeQuote('가 나', 3, 1)).toBeNull()
    expect(describeQuote('', 0, 5)).toBeNull()
    expect(describeQuote('가 나', -5, 99)?.quote.exact).toBe('가 나')
  })
})

describe('anchorQuote', () => {
  test('the position in the item canonical text, its hash and the normaliser', () => {
    const h = highlight(base, 'I-01', '지침은 양자컴퓨팅', 'x')
    const canonical = itemText(item(base, 'I-01')).canonical.text
    expect(h.position).toBeDefined()
    expect(canonical.slice(h.position?.start, h.position?.end)).toBe('지침은 양자컴퓨팅')
    expect(h.itemHash).toBe(itemText(item(base, 'I-01')).hash)
    expect(h.normalizer).toBe(NORMALIZER_VERSION)
  })

  test('a selection across blocks of the displayed text (no separator) finds the item text (newline between)', () => {
    const h = highlight(base, 'II-02', '동작을 확인제어 전자장비와', 'x')
    const canonical = itemText(item(base, 'II-02')).canonical.text
    expect(canonical.slice(h.position?.start, h.position?.end)).toBe('동작을 확인 제어 전자장비와')
  })

  test('a repeated phrase: the occurrence whose context matches, then the one nearest the hint', () => {
    const it = item(base, 'I-01')
    const raw = itemText(it).raw
    const third = raw.indexOf('양자컴퓨팅', raw.indexOf('양자컴퓨팅', raw.indexOf('양자컴퓨팅') + 1) + 1)
    const d = describeQuote(raw, third, third + '양자컴퓨팅'.length)
    expect(d).not.toBeNull()
    const pos = anchorQuote(it, d!.quote).position
    expect(pos?.start).toBe(canonicalOffset(raw, third))
    // no context at all: the hint decides
    const bare: Quote = { exact: '양자컴퓨팅', prefix: '', suffix: '' }
    expect(anchorQuote(it, bare, canonicalOffset(raw, third) + 2).position?.start).toBe(canonicalOffset(raw, third))
    expect(anchorQuote(it, bare, 0).position?.start).toBe(canonicalOffset(raw, raw.indexOf('양자컴퓨팅')))
  })

  test('no position for a quote the item does not have (never an approximate one)', () => {
    const a = anchorQuote(item(base, 'I-01'), { exact: '지침은 양자컴퓨팅, 양자통신, 양자정밀측정 등등', prefix: '', suffix: '' })
    expect(a.position).toBeUndefined()
    expect(a.itemHash).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('resolving on the briefing it was made on', () => {
  test('every highlight exact by hash, at its raw text; notes and bookmarks exact', () => {
    const placed = byId(resolveAll(notes, base))
    for (const [id, [ref, phrase]] of Object.entries(PHRASES)) {
      expect(placed[id], id).toMatchObject({ status: 'exact', via: 'hash', itemId: idOf(ref) })
      expect(squeeze(placedText(base, placed[id]))).toBe(squeeze(phrase))
    }
    expect(placedText(base, placed.h10)).toBe('동작을 확인\n제어 전자장비와')
    expect(placed.n1).toEqual({ id: 'n1', status: 'exact', via: 'item', itemId: idOf('I-02') })
    expect(placed.k1).toEqual({ id: 'k1', status: 'exact', via: 'item', itemId: idOf('I-02') })
    expect(placed.k0).toEqual({ id: 'k0', status: 'exact', via: 'briefing' })
  })

  test('resolveAnnotation gives what resolveAll gives', () => {
    const all = resolveAll(notes, base)
    expect(notes.map((a) => resolveAnnotation(a, base))).toEqual(all)
  })
})

describe('a corrected or re-parsed briefing', () => {
  test('quote styles changed (straight → curly): the canonical text is the same, everything exact', () => {
    const curly = SAMPLE.replace(/'([^'\n]*)'/g, '‘$1’')
    expect(curly).not.toBe(SAMPLE)
    const next = parse(curly)
    expect(itemText(item(next, 'I-01')).raw).toContain('‘공동체’')
    const placed = byId(resolveAll(notes, next))
    for (const id of Object.keys(PHRASES)) expect(placed[id], id).toMatchObject({ status: 'exact', via: 'hash' })
    expect(placedText(next, placed.h2)).toBe('‘공동체’ 방식으로 신청해야 하며')
    expect(placedText(next, placed.h3)).toBe("두 지역은 ‘웨강아오(粵港澳) 대만구 과학기술 협력 계획’에 따라")
  })

  test('spacing changed (양자컴퓨팅 → 양자 컴퓨팅): the quote is found with its new spacing, later ones shift', () => {
    const next = parse(edit(SAMPLE, '지침은 양자컴퓨팅,', '지침은 양자 컴퓨팅,'))
    const placed = byId(resolveAll(notes, next))
    expect(placed.h1).toMatchObject({ status: 'moved', via: 'quote', itemId: idOf('I-01') })
    expect(placedText(next, placed.h1)).toBe('지침은 양자 컴퓨팅, 양자통신, 양자정밀측정')
    expect(placed.h2).toMatchObject({ status: 'moved', via: 'quote' })
    expect(placedText(next, placed.h2)).toBe("'공동체' 방식으로 신청해야 하며")
    expect(placed.h8).toMatchObject({ status: 'moved', via: 'quote' })
    for (const id of ['h3', 'h4', 'h5', 'h6', 'h7', 'h9', 'h10']) expect(placed[id], id).toMatchObject({ status: 'exact', via: 'hash' })
  })

  test('the other way round (양자 컴퓨팅 → 양자컴퓨팅) also lands, and text before the change stays exact by position', () => {
    const spaced = parse(edit(SAMPLE, '지침은 양자컴퓨팅,', '지침은 양자 컴퓨팅,'))
    const made = [highlight(spaced, 'I-01', '지침은 양자 컴퓨팅', 's1'), highlight(spaced, 'I-01', "'양자과학기술' 전문사업의", 's2')]
    const placed = byId(resolveAll(made, base))
    expect(placed.s1).toMatchObject({ status: 'moved', via: 'quote' })
    expect(placedText(base, placed.s1)).toBe('지침은 양자컴퓨팅')
    expect(placed.s2).toMatchObject({ status: 'exact', via: 'position' })
  })

  test('an inserted item renumbers the section: highlights, the item note and the bookmark follow the item', () => {
    const inserted = [
      '02 선전시, 가상 반도체 설계 지원책 발표',
      '',
      '■ 선전시는 가상의 반도체 설계 기업에 연구비를 지원하는 정책을 발표(3.1)',
      '',
      '- 이 항목은 시험을 위해 끼워 넣은 것이다',
      '',
      ''
    ].join('\n')
    let text = edit(SAMPLE, '03 훙투로봇,', '04 훙투로봇,')
    text = edit(text, '02 광둥성·홍콩,', '03 광둥성·홍콩,')
    text = edit(text, '03 광둥성·홍콩,', `${inserted}03 광둥성·홍콩,`)
    const next = parse(text)
    expect(item(next, 'I-02').title).toBe('선전시, 가상 반도체 설계 지원책 발표')
    expect(item(next, 'I-03').title).toBe(item(base, 'I-02').title)
    const placed = byId(resolveAll(notes, next))
    for (const id of ['h3', 'h4', 'h5']) expect(placed[id], id).toMatchObject({ status: 'moved', via: 'hash', itemId: idOf('I-03') })
    for (const id of ['h6', 'h7']) expect(placed[id], id).toMatchObject({ status: 'moved', via: 'hash', itemId: idOf('I-04') })
    expect(placedText(next, placed.h4)).toBe(PHRASES.h4[1])
    expect(placed.n1).toEqual({ id: 'n1', status: 'moved', via: 'title', itemId: idOf('I-03') })
    expect(placed.k1).toEqual({ id: 'k1', status: 'moved', via: 'title', itemId: idOf('I-03') })
    expect(placed.n2).toEqual({ id: 'n2', status: 'moved', via: 'title', itemId: idOf('I-04') })
    for (const id of ['h1', 'h2', 'h8', 'h9', 'h10']) expect(placed[id], id).toMatchObject({ status: 'exact', via: 'hash' })
    expect(placed.k0.status).toBe('exact')
  })

  test('a deleted sentence: its highlight is an orphan, the others stay', () => {
    const next = parse(edit(SAMPLE, '- 연구 인력이 두 지역을 자유롭게 오갈 수 있도록 복수 통행증 발급 절차를 간소화\n', ''))
    const placed = byId(resolveAll(notes, next))
    expect(placed.h4).toEqual({ id: 'h4', status: 'orphan', via: 'none' })
    expect(placed.h3).toMatchObject({ status: 'exact', via: 'position', itemId: idOf('I-02') })
    expect(placed.h5).toMatchObject({ status: 'moved', via: 'quote', itemId: idOf('I-02') })
    expect(placedText(next, placed.h5)).toBe(PHRASES.h5[1])
    expect(placed.n1.status).toBe('exact')
    expect(placed.k1.status).toBe('exact')
  })

  test('a changed word inside a long quote: fuzzy with its score; a 7-character quote over it is not guessed', () => {
    const next = parse(edit(SAMPLE, '35억 위안을 투자해', '35억 위안을 들여'))
    const placed = byId(resolveAll(notes, next))
    expect(placed.h6).toMatchObject({ status: 'fuzzy', via: 'fuzzy', itemId: idOf('I-03') })
    expect(placed.h6.score).toBeGreaterThanOrEqual(0.75)
    expect(placed.h6.score).toBeLessThan(1)
    expect(placedText(next, placed.h6)).toBe('훙투로봇(鸿图机器人)은 둥관(東莞)에 35억 위안을 들여 연 1만 대 규모의 휴머노이드 로봇 양산 공장을 착공')
    expect(squeeze(PHRASES.h7[1])).toHaveLength(7)
    expect(placed.h7).toEqual({ id: 'h7', status: 'orphan', via: 'none' })
    expect(placed.n2.status).toBe('exact')
  })

  test('a long quote whose context changed too, or that was mostly rewritten, is not fuzzy-matched', () => {
    const rewritten = parse(edit(SAMPLE, '훙투로봇(鸿图机器人)은 둥관(東莞)에 35억 위안을 투자해', '회사는 둥관 지역에 큰 금액을 들여'))
    expect(resolveAnnotation(notes.find((a) => a.id === 'h6')!, rewritten)).toMatchObject({ status: 'orphan' })
  })

  test('an approximate match is looked for only in the item followed, never in another one', () => {
    // I-03 deleted (the last of its section), its title, headline (a word changed) and next line pasted into II-01
    const headline = PHRASES.h6[1].replace('투자해', '들여')
    const from = SAMPLE.indexOf('03 훙투로봇,')
    let text = SAMPLE.slice(0, from) + SAMPLE.slice(SAMPLE.indexOf('II\n\n기술동향'))
    const pasted = [item(base, 'I-03').title, headline, '공장은 부품 가공, 관절 모듈 조립, 완제품 조립·시험 라인을 갖추며']
    text = edit(text, '* 뇌-컴퓨터 인터페이스:', `${pasted.map((l) => `- ${l}`).join('\n')}\n\n* 뇌-컴퓨터 인터페이스:`)
    const next = parse(text)
    expect(allItems(next).some((i) => i.id === idOf('I-03'))).toBe(false)
    const ii01 = itemText(item(next, 'II-01')).raw
    expect(ii01).toContain(headline)
    const h6 = notes.find((a) => a.id === 'h6') as Highlight
    // the text there would pass the approximate match (the app's locateInText in a displayed text finds it) …
    expect(locateInText(ii01, h6.quote)).not.toBeNull()
    // … but the item followed is gone, and another item is never matched approximately
    expect(resolveAnnotation(h6, next)).toEqual({ id: 'h6', status: 'orphan', via: 'none' })
    // the exact quote there is found (step 4), a changed one is not guessed
    const exactThere = parse(edit(text, headline, PHRASES.h6[1]))
    expect(resolveAnnotation(h6, exactThere)).toMatchObject({ status: 'moved', via: 'elsewhere', itemId: idOf('II-01') })
  })

  test('re-parsed by a parser version that builds other blocks from the same text: exact', () => {
    const again = parse(SAMPLE)
    expect(again).not.toBe(base)
    const placedAgain = resolveAll(notes, again)
    expect(placedAgain).toEqual(resolveAll(notes, base))
    // a parser that keeps bullets and headlines as plain paragraphs and joins each bullet with its sub-bullets
    const other: Briefing = {
      ...again,
      sections: again.sections.map((s) => ({
        ...s,
        items: s.items.map((it) => ({ ...it, blocks: reblock(it.blocks) }))
      }))
    }
    expect(itemText(item(other, 'I-01')).raw).not.toBe(itemText(item(base, 'I-01')).raw)
    const placed = byId(resolveAll(notes, other))
    for (const id of Object.keys(PHRASES)) expect(placed[id], id).toMatchObject({ status: 'exact', via: 'hash' })
    expect(placedText(other, placed.h10)).toBe('동작을 확인 제어 전자장비와')
    expect(placed.n1.status).toBe('exact')
  })

  test('a stored quote from another normaliser version: the hash is not trusted, the position is checked', () => {
    const old = notes.map((a) => (a.kind === 'highlight' ? { ...a, normalizer: 0 } : a))
    const placed = byId(resolveAll(old, parse(SAMPLE)))
    for (const id of Object.keys(PHRASES)) expect(placed[id], id).toMatchObject({ status: 'exact', via: 'position' })
  })

  test('a sentence moved to another item: found there, moved', () => {
    let text = edit(SAMPLE, '● 둥관시는 공장 용지를 우선 공급하고 가동 후 3년간 전력 요금의 일부를 보조하기로 함\n', '')
    text = edit(text, '* 뇌-컴퓨터 인터페이스:', '● 둥관시는 공장 용지를 우선 공급하고 가동 후 3년간 전력 요금의 일부를 보조하기로 함\n\n* 뇌-컴퓨터 인터페이스:')
    const next = parse(text)
    const h = highlight(base, 'I-03', '둥관시는 공장 용지를 우선 공급하고', 'm1')
    const p = resolveAnnotation(h, next)
    expect(p).toMatchObject({ status: 'moved', via: 'elsewhere', itemId: idOf('II-01') })
    expect(placedText(next, p)).toBe('둥관시는 공장 용지를 우선 공급하고')
  })

  test('a short quote is not taken from another item unless its context agrees there', () => {
    const shortQuote = highlight(base, 'I-03', '가전 공장', 'q1')
    const bare: Highlight = { ...shortQuote, id: 'q2', quote: { exact: '가전 공장', prefix: '', suffix: '' } }
    // I-03 deleted (the items after it keep their numbers: it is the last of its section)
    const at = SAMPLE.indexOf('03 훙투로봇,')
    const without = parse(SAMPLE.slice(0, at) + '03 가상시, 가전 공장 설립 허가 완화\n\n■ 가상시는 가전 공장 설립 허가를 간소화(3.4)\n\n' + SAMPLE.slice(SAMPLE.indexOf('II\n\n기술동향')))
    expect(resolveAnnotation(shortQuote, without).status).toBe('orphan')
    expect(resolveAnnotation(bare, without).status).toBe('orphan')
  })
})

describe('item notes and bookmarks following their item', () => {
  const n1 = notes.find((a) => a.id === 'n1')!
  const k1 = notes.find((a) => a.id === 'k1')!
  const n2 = notes.find((a) => a.id === 'n2')!

  test('a title respaced is the same title: exact', () => {
    const next = parse(edit(SAMPLE, '02 광둥성·홍콩, 6G·위성인터넷 공동 연구 추진', '02 광둥성·홍콩, 6G·위성인터넷 공동연구 추진'))
    expect(resolveAnnotation(n1, next)).toEqual({ id: 'n1', status: 'exact', via: 'item', itemId: idOf('I-02') })
  })

  test('a corrected title on the same number: kept on the id, reported as moved', () => {
    const next = parse(edit(SAMPLE, '02 광둥성·홍콩, 6G·위성인터넷 공동 연구 추진', '02 광둥성·홍콩, 6G·위성인터넷 공동 연구 본격 추진'))
    expect(resolveAnnotation(n1, next)).toEqual({ id: 'n1', status: 'moved', via: 'similar-title', itemId: idOf('I-02') })
    expect(resolveAnnotation(k1, next)).toEqual({ id: 'k1', status: 'moved', via: 'similar-title', itemId: idOf('I-02') })
  })

  test('an item deleted: its notes are orphans (its number now belongs to another item), the next one follows', () => {
    const from = SAMPLE.indexOf('02 광둥성·홍콩,')
    const to = SAMPLE.indexOf('03 훙투로봇,')
    const next = parse(SAMPLE.slice(0, from) + SAMPLE.slice(to).replace('03 훙투로봇,', '02 훙투로봇,'))
    expect(item(next, 'I-02').title).toBe(item(base, 'I-03').title)
    const placed = byId(resolveAll(notes, next))
    expect(placed.n1).toEqual({ id: 'n1', status: 'orphan', via: 'none' })
    expect(placed.k1).toEqual({ id: 'k1', status: 'orphan', via: 'none' })
    for (const id of ['h3', 'h4', 'h5']) expect(placed[id].status, id).toBe('orphan')
    expect(placed.n2).toEqual({ id: 'n2', status: 'moved', via: 'title', itemId: idOf('I-02') })
    expect(placed.h6).toMatchObject({ status: 'moved', via: 'hash', itemId: idOf('I-02') })
  })

  test('an item renumbered and retitled at once: followed by its similar title', () => {
    let text = edit(SAMPLE, '03 훙투로봇, 둥관에 휴머노이드 로봇 양산 공장 착공', '04 훙투로봇, 둥관에 휴머노이드 로봇 양산공장 착공 발표')
    text = edit(text, '02 광둥성·홍콩,', '02 가상시, 시험 항목\n\n■ 끼워 넣은 항목(3.1)\n\n03 광둥성·홍콩,')
    const next = parse(text)
    expect(resolveAnnotation(n2, next)).toEqual({ id: 'n2', status: 'moved', via: 'similar-title', itemId: idOf('I-04') })
    expect(resolveAnnotation(notes.find((a) => a.id === 'h6')!, next)).toMatchObject({ status: 'moved', via: 'quote', itemId: idOf('I-04') })
  })

  test('an id that no longer exists and a title nobody has: orphan; a whole-briefing bookmark: exact', () => {
    const gone: ItemNote = { ...(n1 as ItemNote), itemId: idOf('I-09'), itemTitle: '없는 항목의 제목입니다' }
    expect(resolveAnnotation(gone, base)).toEqual({ id: 'n1', status: 'orphan', via: 'none' })
    const untitled: ItemNote = { ...(n1 as ItemNote), itemTitle: '' }
    expect(resolveAnnotation(untitled, base)).toEqual({ id: 'n1', status: 'exact', via: 'item', itemId: idOf('I-02') })
    expect(resolveAnnotation(bookmark(base, undefined, 'kb'), base)).toEqual({ id: 'kb', status: 'exact', via: 'briefing' })
  })
})

describe('reanchor', () => {
  const inserted = (() => {
    let text = edit(SAMPLE, '03 훙투로봇,', '04 훙투로봇,')
    text = edit(text, '02 광둥성·홍콩,', '02 가상시, 시험 항목\n\n■ 끼워 넣은 항목(3.1)\n\n03 광둥성·홍콩,')
    text = edit(text, '- 연구 인력이 두 지역을 자유롭게 오갈 수 있도록 복수 통행증 발급 절차를 간소화\n', '')
    return parse(edit(text, '35억 위안을 투자해', '35억 위안을 들여'))
  })()

  test('updates item, title, position and hash; reports what moved, what is fuzzy and what could not be placed', () => {
    const other: ItemNote = { ...(note(base, 'I-01', 'x1') as ItemNote), briefingId: 'another-weekly-2026-03-13' }
    const { annotations, report } = reanchor([...notes, other], inserted)
    expect(report).toEqual([
      { id: 'h3', status: 'moved', from: idOf('I-02'), to: idOf('I-03') },
      { id: 'h4', status: 'orphan', from: idOf('I-02') },
      { id: 'h5', status: 'moved', from: idOf('I-02'), to: idOf('I-03') },
      { id: 'h6', status: 'fuzzy', from: idOf('I-03'), to: idOf('I-04'), score: expect.any(Number) },
      { id: 'h7', status: 'orphan', from: idOf('I-03') },
      { id: 'n1', status: 'moved', from: idOf('I-02'), to: idOf('I-03') },
      { id: 'n2', status: 'moved', from: idOf('I-03'), to: idOf('I-04') },
      { id: 'k1', status: 'moved', from: idOf('I-02'), to: idOf('I-03') }
    ])
    const after = Object.fromEntries(annotations.map((a) => [a.id, a]))
    for (const a of annotations) expect(() => annotationSchema.parse(a), a.id).not.toThrow()
    const h5 = after.h5 as Highlight
    const was5 = notes.find((a) => a.id === 'h5') as Highlight
    expect(h5).toMatchObject({ itemId: idOf('I-03'), itemTitle: item(inserted, 'I-03').title, itemHash: itemText(item(inserted, 'I-03')).hash })
    expect(h5.quote).toBe(was5.quote)
    expect(h5.modified).toBe(was5.modified)
    expect(itemText(item(inserted, 'I-03')).canonical.text.slice(h5.position?.start, h5.position?.end)).toBe(normalizeText(PHRASES.h5[1]))
    // untouched: exact ones with nothing to update, orphans, other briefings
    for (const id of ['h1', 'h9', 'h4', 'h7', 'k0', 'x1']) {
      expect(after[id], id).toBe([...notes, other].find((a) => a.id === id))
    }
    // the fuzzy one keeps no hash, so it is matched (and shown as fuzzy) again next time
    expect(after.h6).not.toHaveProperty('itemHash')
    const again = byId(resolveAll(annotations, inserted))
    expect(again.h6.status).toBe('fuzzy')
    for (const id of ['h1', 'h2', 'h3', 'h5', 'h8', 'h9', 'h10', 'n1', 'n2', 'k1', 'k0']) expect(again[id].status, id).toBe('exact')
    expect(again.h5.via).toBe('hash')
    expect(again.h4.status).toBe('orphan')
    // a second re-anchoring against the same briefing changes nothing more
    expect(reanchor(annotations, inserted).annotations.filter((a, i) => a !== annotations[i])).toEqual([])
  })

  test('an exact highlight in an item that changed elsewhere gets the new hash (the fast path next time)', () => {
    const next = parse(edit(SAMPLE, '- 부품 방향은 희석냉동기', '- 부품 방향은 극저온 희석냉동기'))
    const { annotations, report } = reanchor(notes, next)
    expect(report.map((r) => r.id)).toEqual(['h2', 'h8'])
    const h1 = annotations.find((a) => a.id === 'h1') as Highlight
    expect(h1.itemHash).toBe(itemText(item(next, 'I-01')).hash)
    expect(resolveAnnotation(h1, next)).toMatchObject({ status: 'exact', via: 'hash' })
  })
})

describe('locateInText', () => {
  const it = item(base, 'I-03')
  const shown = displayText(it)
  const h6 = notes.find((a) => a.id === 'h6') as Highlight

  test('the quote in a displayed text, raw offsets', () => {
    const r = locateInText(shown, h6.quote)
    expect(r && shown.slice(r.start, r.end)).toBe(PHRASES.h6[1])
  })

  test('a displayed text that changed a word: the approximate match; a short quote: null', () => {
    const changed = shown.replace('투자해', '들여')
    const r = locateInText(changed, h6.quote)
    expect(r && changed.slice(r.start, r.end)).toBe(PHRASES.h6[1].replace('투자해', '들여'))
    expect(locateInText(changed, (notes.find((a) => a.id === 'h7') as Highlight).quote)).toBeNull()
    expect(locateInText(shown, { exact: '   ', prefix: '', suffix: '' })).toBeNull()
  })

  test('ties decided by context, then by the hint (a raw offset)', () => {
    const text = '가나다 반복 구절 라마바 반복 구절 사아자'
    const second = text.lastIndexOf('반복 구절')
    expect(locateInText(text, { exact: '반복 구절', prefix: '라마바 ', suffix: '' })?.start).toBe(second)
    expect(locateInText(text, { exact: '반복 구절', prefix: '', suffix: '' }, second - 1)?.start).toBe(second)
    expect(locateInText(text, { exact: '반복 구절', prefix: '', suffix: '' }, 0)?.start).toBe(text.indexOf('반복 구절'))
  })
})

// ---------------------------------------------------------------------------------------------------------
// properties

/** Blocks as another parser could build them: plain paragraphs, each bullet joined with its sub-bullets. */
function reblock(blocks: Block[]): Block[] {
  const out: Block[] = []
  for (const b of blocks) {
    const last = out[out.length - 1]
    if (b.kind === 'bullet' && b.level > 1 && last?.kind === 'paragraph') {
      out[out.length - 1] = { kind: 'paragraph', text: `${last.text} ${b.text}` }
    } else if (b.kind === 'bullet' || b.kind === 'headline') {
      out.push({ kind: 'paragraph', text: b.text })
    } else {
      out.push(b)
    }
  }
  return out
}

/** Any selection with 8+ non-space characters in one of the briefing's items, resolved back. */
function roundTrip(briefing: Briefing, runs: number, seed?: number): void {
  const items = allItems(briefing)
  const again = parse2(briefing)
  fc.assert(
    fc.property(fc.nat(items.length - 1), fc.nat(), fc.nat(), (i, a, b) => {
      const it = items[i]
      const raw = itemText(it).raw
      let start = a % raw.length
      let end = Math.min(raw.length, start + 1 + (b % 120))
      const selected = raw.slice(start, end)
      fc.pre(squeeze(selected).length >= 8)
      const d = describeQuote(raw, start, end)
      expect(d).not.toBeNull()
      const anchor = anchorQuote(it, d!.quote, canonicalOffset(raw, start))
      expect(anchor.position).toBeDefined()
      const h: Highlight = { ...(notes[0] as Highlight), id: 'p', briefingId: briefing.id, itemId: it.id, itemTitle: it.title, quote: d!.quote, text: d!.text, ...anchor }
      // the expected range: the selection without its surrounding whitespace
      while (/\s/.test(raw[start])) start++
      while (/\s/.test(raw[end - 1])) end--
      for (const target of [briefing, again]) {
        const p = resolveAnnotation(h, target)
        expect(p).toMatchObject({ status: 'exact', itemId: it.id, start, end })
      }
      // found again by its quote alone (another tool's annotation), given where it was
      const byQuote = resolveAnnotation({ ...h, position: undefined, itemHash: undefined }, briefing)
      expect(squeeze(raw.slice(byQuote.start, byQuote.end))).toBe(squeeze(raw.slice(start, end)))
      expect(locateInText(raw, d!.quote, start)).toEqual({ start, end })
    }),
    { numRuns: runs, ...(seed !== undefined ? { seed } : {}) }
  )
}

/** The same briefing re-parsed by "another parser": new objects, other blocks, the same visible text. */
function parse2(briefing: Briefing): Briefing {
  return {
    ...briefing,
    sections: briefing.sections.map((s) => ({ ...s, items: s.items.map((it) => ({ ...it, blocks: reblock(it.blocks) })) }))
  }
}

describe('properties', () => {
  test('any selection of 8+ characters in an item describes to a quote that resolves back to the same raw range', () => {
    roundTrip(base, 300)
  })

  test('any selection of the displayed text (blocks run together) resolves to the same text in the item', () => {
    const items = allItems(base)
    fc.assert(
      fc.property(fc.nat(items.length - 1), fc.nat(), fc.nat(), (i, a, b) => {
        const it = items[i]
        const shown = displayText(it)
        const start = it.number.length + (a % (shown.length - it.number.length))
        const end = Math.min(shown.length, start + 1 + (b % 80))
        fc.pre(squeeze(shown.slice(start, end)).length >= 8)
        const d = describeQuote(shown, start, end)!
        const anchor = anchorQuote(it, d.quote)
        const h: Highlight = { ...(notes[0] as Highlight), id: 'p', itemId: it.id, itemTitle: it.title, quote: d.quote, text: d.text, ...anchor }
        const p = resolveAnnotation(h, base)
        expect(p.status).toBe('exact')
        expect(squeeze(itemText(it).raw.slice(p.start, p.end))).toBe(squeeze(shown.slice(start, end)))
        const r = locateInText(shown, d.quote, start)
        expect(r && squeeze(shown.slice(r.start, r.end))).toBe(squeeze(shown.slice(start, end)))
      }),
      { numRuns: 200 }
    )
  })

  test('an edit in one item never moves the highlights of the others', () => {
    const items = allItems(base)
    fc.assert(
      fc.property(fc.nat(items.length - 1), fc.string({ minLength: 1, maxLength: 12 }), (i, insert) => {
        const target = items[i]
        const changed: Briefing = {
          ...base,
          sections: base.sections.map((s) => ({
            ...s,
            items: s.items.map((it) => (it === target ? { ...it, blocks: [...it.blocks, { kind: 'paragraph', text: insert }] } : it))
          }))
        }
        const placed = resolveAll(notes, changed)
        const before = resolveAll(notes, base)
        placed.forEach((p, k) => {
          if (before[k].itemId !== target.id) expect(p).toEqual(before[k])
          else expect(p.status === 'exact' || p.status === 'moved').toBe(true)
        })
      }),
      { numRuns: 40 }
    )
  })
})

describe('the seed briefing', () => {
  const available = seedAvailable()
  const seedText = available ? readSeedText() : ''

  test.skipIf(!available)('any selection of 8+ characters in a seed item resolves back to the same range', () => {
    roundTrip(parse(seedText), 200)
  })

  test.skipIf(!available)('the seed with its quote styles swapped and 양자 컴퓨팅 respaced: every sentence highlight still lands', () => {
    const seed = parse(seedText)
    const made: Highlight[] = []
    for (const it of allItems(seed)) {
      const lines = itemText(it).raw.split('\n').filter((l) => squeeze(l).length >= 12)
      lines.slice(0, 6).forEach((line, k) => made.push(highlight(seed, `${it.section}-${it.number}`, line.slice(0, 60), `${it.id}#${k}`)))
    }
    expect(made.length).toBeGreaterThan(30)
    const changedText = seedText
      .replace(/'/g, '’')
      .replace(/양자 컴퓨팅/g, '양자컴퓨팅')
      .replace(/양자컴퓨팅/g, (m, at: number) => (at % 2 ? '양자 컴퓨팅' : m))
    expect(changedText).not.toBe(seedText)
    const changed = parse(changedText)
    const placed = resolveAll(made, changed)
    const counts: Record<string, number> = {}
    placed.forEach((p, k) => {
      counts[p.status] = (counts[p.status] ?? 0) + 1
      expect(p.status, made[k].id).not.toBe('orphan')
      expect(p.itemId).toBe(made[k].itemId)
      expect(squeeze(placedText(changed, p))).toBe(squeeze(made[k].text))
    })
    expect(counts.exact).toBeGreaterThan(0)
    // and re-anchored, everything is exact the next time
    const { annotations } = reanchor(made, changed)
    expect(resolveAll(annotations, changed).every((p) => p.status === 'exact')).toBe(true)
  })
})

test('anchorText is the item text, computed once per item object', () => {
  const it = item(base, 'I-01')
  expect(anchorText(it)).toBe(anchorText(it))
  expect(anchorText(it)).toEqual(itemText(it))
})
