import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import type { Blockquote, Heading, Nodes, Root, RootContent, Table } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown, gfmToMarkdown } from 'mdast-util-gfm'
import { defaultHandlers, toMarkdown, type Options as ToMarkdownOptions } from 'mdast-util-to-markdown'
import { toString } from 'mdast-util-to-string'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, test } from 'vitest'
import type { Block, Briefing, Item } from '../../../archive/model/briefing.ts'
import {
  exportBriefingMarkdown,
  isInertText,
  mergeMarkdown,
  parseExport,
  plainParagraphs,
  yamlString,
  type ManagedRegion,
  type MarkdownExportInput,
  userMarkdown
} from '../../../archive/notes/export-markdown.ts'
import { itemText } from '../../../archive/notes/item-text.ts'
import {
  DEFAULT_COLOR_MEANINGS,
  type Bookmark,
  type Highlight,
  type ItemNote,
  type Placement
} from '../../../archive/notes/model.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'
import { readSeedText, seedAvailable } from '../../helpers/seed.ts'

const HERE = dirname(fileURLToPath(import.meta.url))
const REPO = join(HERE, '../../..')
const GOLDEN = join(REPO, 'tests/fixtures/notes/sample-weekly-2025-11-14.md')
const EXPORTED = '2026-04-12T09:30:00+09:00'

// ---------------------------------------------------------------------------------------------------------
// helpers

function parseFile(text: string, fileName: string): Briefing {
  const result = parseBriefing(text, { fileName })
  if (!result.ok) throw new Error(`${fileName} did not parse`)
  return result.briefing
}

function sampleBriefing(): Briefing {
  const name = 'sample-weekly-2025-11-14.txt'
  return parseFile(readFileSync(join(REPO, 'archive/sample/briefings', name), 'utf8'), name)
}

function findItem(briefing: Briefing, ref: string): Item {
  const item = briefing.sections.flatMap((s) => s.items).find((i) => `${i.section}-${i.number}` === ref)
  if (!item) throw new Error(`no item ${ref}`)
  return item
}

/** The raw range of `quote` in the item's text (the nth occurrence). */
function rangeOf(item: Item, quote: string, nth = 0): { start: number; end: number } {
  const raw = itemText(item).raw
  let at = -1
  for (let k = 0; k <= nth; k++) at = raw.indexOf(quote, at + 1)
  if (at < 0) throw new Error(`"${quote}" is not in ${item.id}`)
  return { start: at, end: at + quote.length }
}

const stamp = (day: string, time = '10:00:00'): string => `${day}T${time}+09:00`

function highlight(id: string, briefingId: string, item: Pick<Item, 'id' | 'title'>, quote: string, more: Partial<Highlight> = {}): Highlight {
  return {
    id,
    kind: 'highlight',
    briefingId,
    itemId: item.id,
    itemTitle: item.title,
    quote: { exact: quote, prefix: '', suffix: '' },
    text: quote,
    normalizer: 1,
    color: 'yellow',
    comment: '',
    created: stamp('2026-04-01'),
    modified: stamp('2026-04-01'),
    tags: [],
    ...more
  }
}

function note(id: string, briefingId: string, item: Pick<Item, 'id' | 'title'>, text: string, more: Partial<ItemNote> = {}): ItemNote {
  return {
    id,
    kind: 'note',
    briefingId,
    itemId: item.id,
    itemTitle: item.title,
    text,
    created: stamp('2026-04-02'),
    modified: stamp('2026-04-02'),
    tags: [],
    ...more
  }
}

function bookmark(id: string, briefingId: string, item: Pick<Item, 'id' | 'title'> | null, more: Partial<Bookmark> = {}): Bookmark {
  return {
    id,
    kind: 'bookmark',
    briefingId,
    ...(item ? { itemId: item.id, itemTitle: item.title } : {}),
    reason: '',
    state: 'unread',
    created: stamp('2026-04-03'),
    modified: stamp('2026-04-03'),
    tags: [],
    ...more
  }
}

const exact = (id: string, itemId: string, range?: { start: number; end: number }): Placement => ({
  id,
  status: 'exact',
  itemId,
  ...(range ?? {})
})

function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
}

/** The Markdown after the front matter. */
function bodyOf(markdown: string): string {
  const end = markdown.indexOf('\n---\n', 4)
  return markdown.slice(end + 5)
}

/** The front matter's top-level keys, in order. */
function frontMatterKeys(markdown: string): string[] {
  const end = markdown.indexOf('\n---\n', 4)
  return markdown
    .slice(4, end)
    .split('\n')
    .flatMap((line) => /^([a-z]+):/.exec(line)?.[1] ?? [])
}

function nodesOfType<T extends Nodes['type']>(tree: Nodes, type: T): Array<Extract<Nodes, { type: T }>> {
  const out: Nodes[] = []
  const walk = (node: Nodes): void => {
    if (node.type === type) out.push(node)
    if ('children' in node) for (const child of node.children as Nodes[]) walk(child)
  }
  walk(tree)
  return out as Array<Extract<Nodes, { type: T }>>
}

/** The Markdown inside the note region with this id (without its marker lines). */
function noteRegion(markdown: string, id: string): string {
  const region = parseExport(markdown).segments.find((s) => s.type === 'region' && s.region.kind === 'note' && s.region.id === id)
  if (!region || region.type !== 'region') throw new Error(`no note region ${id}`)
  return region.region.text.split('\n').slice(1, -2).join('\n')
}

const regionsOf = (markdown: string): ManagedRegion[] =>
  parseExport(markdown).segments.flatMap((s) => (s.type === 'region' ? [s.region] : []))

// ---------------------------------------------------------------------------------------------------------
// the fictional briefing's export (golden)

/** Every kind of note on the fictional sample briefing, given out of order. */
function sampleExport(lang: 'ko' | 'en' = 'ko', change: (input: MarkdownExportInput) => void = () => {}): MarkdownExportInput {
  const b = sampleBriefing()
  const i01 = findItem(b, 'I-01')
  const i02 = findItem(b, 'I-02')
  const iii01 = findItem(b, 'III-01')
  const h1 = highlight('urn:uuid:00000000-0000-4000-8000-000000000001', b.id, i01, '분야별 과학 기반모델* 개발', {
    color: 'yellow',
    comment: '**핵심** 과제. 근거는 [원문](https://example.org/policy) 참고.\n\n- 연산력 배정\n- 데이터 개방\n\n<b>raw html</b>',
    tags: ['AI', '연산력']
  })
  const h2 = highlight('urn:uuid:00000000-0000-4000-8000-000000000002', b.id, i01, '과학 기반모델: 대규모 실험·관측 데이터로 학습해', {
    color: 'green',
    comment: '정의 인용',
    created: stamp('2026-04-01', '11:00:00')
  })
  const h3 = highlight('urn:uuid:00000000-0000-4000-8000-000000000003', b.id, i01, '국가 연산력 플랫폼 자원의 30%', {
    color: 'purple',
    tags: ['수치']
  })
  const cross = '2027년까지 분야별 기반모델 10종 개발을 추진(11.6)\n과기부는 물리·화학·생명·재료·지구과학 등 5대 기초 분야를 중심으로'
  const h4 = highlight('urn:uuid:00000000-0000-4000-8000-000000000004', b.id, i01, cross, { color: 'blue' })
  const h5 = highlight('urn:uuid:00000000-0000-4000-8000-000000000005', b.id, i02, "'양자정보 산업 클러스터 육성방안('26~'28)'", {
    color: 'orange',
    comment: '후속: 2027년 중간 점검 결과 확인',
    tags: ['양자', '후속조사']
  })
  const n1 = note('urn:uuid:00000000-0000-4000-8000-000000000006', b.id, i01, '보고서 2장에 인용.\n\n| 항목 | 값 |\n| - | - |\n| 기반모델 | 10종 |', {
    tags: ['보고서']
  })
  const bm1 = bookmark('urn:uuid:00000000-0000-4000-8000-000000000007', b.id, i01, { state: 'review', reason: '주간 회의 안건' })
  const bm2 = bookmark('urn:uuid:00000000-0000-4000-8000-000000000008', b.id, iii01, { state: 'done' })
  const bm3 = bookmark('urn:uuid:00000000-0000-4000-8000-000000000009', b.id, null, { reason: '11월 둘째 주 정리' })
  const gone = { id: `${b.id}/I-09`, title: '가상시, 폐지된 시범사업 재개' }
  const o1 = highlight('urn:uuid:00000000-0000-4000-8000-00000000000a', b.id, gone, '시범사업을 *재개*', {
    color: 'red',
    comment: '새 판에서 문장이 사라짐',
    tags: ['확인']
  })
  const o2 = note('urn:uuid:00000000-0000-4000-8000-00000000000b', b.id, gone, '이 항목은 정정판에서 빠졌다.')
  const elsewhere = highlight('urn:uuid:00000000-0000-4000-8000-00000000000c', 'sample-weekly-2026-01-09', i01, '다른 브리핑')

  const placements = new Map<string, Placement>([
    [h1.id, exact(h1.id, i01.id, rangeOf(i01, h1.quote.exact))],
    [h2.id, exact(h2.id, i01.id, rangeOf(i01, h2.quote.exact))],
    [h3.id, exact(h3.id, i01.id, rangeOf(i01, h3.quote.exact))],
    [h4.id, { ...exact(h4.id, i01.id, rangeOf(i01, cross)), status: 'moved' }],
    [h5.id, { ...exact(h5.id, i02.id, rangeOf(i02, h5.quote.exact)), status: 'fuzzy', score: 0.93 }],
    [n1.id, exact(n1.id, i01.id)],
    [bm1.id, exact(bm1.id, i01.id)],
    [bm2.id, exact(bm2.id, iii01.id)],
    [bm3.id, { id: bm3.id, status: 'exact' }],
    [o1.id, { id: o1.id, status: 'orphan' }],
    [o2.id, { id: o2.id, status: 'orphan' }]
  ])
  const input: MarkdownExportInput = {
    briefing: b,
    annotations: [o2, bm1, h3, elsewhere, n1, h5, h2, bm3, o1, h4, bm2, h1],
    placements,
    colorMeanings: { ...DEFAULT_COLOR_MEANINGS, purple: '수치·통계' },
    lang,
    exported: EXPORTED
  }
  change(input)
  return input
}

describe('exportBriefingMarkdown: the fictional briefing', () => {
  test('equals the golden file', () => {
    const markdown = exportBriefingMarkdown(sampleExport())
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, markdown)
    expect(markdown).toBe(readFileSync(GOLDEN, 'utf8'))
  })

  test('is UTF-8 text in NFC with LF line ends, no BOM, ending with exactly one newline', () => {
    const markdown = exportBriefingMarkdown(sampleExport())
    expect(markdown.normalize('NFC')).toBe(markdown)
    expect(markdown).not.toContain('\r')
    expect(markdown.startsWith('\ufeff')).toBe(false)
    expect(markdown.endsWith('\n')).toBe(true)
    expect(markdown.endsWith('\n\n')).toBe(false)
  })

  test('front matter: the keys in order, strings quoted, notes counts the unplaced, tags of the whole file', () => {
    const markdown = exportBriefingMarkdown(sampleExport())
    expect(markdown.startsWith('---\n')).toBe(true)
    expect(frontMatterKeys(markdown)).toEqual(['title', 'series', 'briefing', 'published', 'publisher', 'link', 'exported', 'notes', 'tags'])
    expect(markdown).toContain('\nbriefing: "sample-weekly-2025-11-14"\n')
    expect(markdown).toContain('\npublished: "2025-11-14"\n')
    expect(markdown).toContain('\nlink: "briefing-reader://briefing/sample-weekly-2025-11-14"\n')
    expect(markdown).toContain(`\nexported: "${EXPORTED}"\n`)
    expect(markdown).toContain('\nnotes: 11\n')
    expect(markdown).toContain('\ntags:\n  - "AI"\n  - "보고서"\n  - "수치"\n  - "양자"\n  - "연산력"\n  - "확인"\n  - "후속조사"\n---\n')
  })

  test('headings: the issue, sections and items with notes only, the unplaced section last', () => {
    const tree = parseMarkdown(bodyOf(exportBriefingMarkdown(sampleExport())))
    const headings = nodesOfType(tree, 'heading').map((h: Heading) => `${'#'.repeat(h.depth)} ${toString(h)}`)
    expect(headings).toEqual([
      '# 샘플 과학기술 정책 주간동향 — 2025-11-14',
      '## I. 정책동향',
      "### I-01 과기부, '인공지능+ 과학연구 행동지침' 발표",
      "### I-02 허페이, 양자정보 산업 클러스터 육성방안('26~'28) 발표",
      '## III. 단신동향',
      '### III-01 항저우, 2025 글로벌 디지털무역 박람회 개최',
      '## 위치를 찾지 못한 메모'
    ])
  })

  test('item line: category, event date and the deep link', () => {
    const markdown = exportBriefingMarkdown(sampleExport())
    expect(markdown).toContain('\n기술전략 · 2025-11-06 · [앱에서 열기](briefing-reader://item/sample-weekly-2025-11-14/I-01)\n')
    // a short news item has no category
    expect(markdown).toContain('\n2025-11-08 · [앱에서 열기](briefing-reader://item/sample-weekly-2025-11-14/III-01)\n')
  })

  test('an item\'s notes in document order: highlights by position, then item notes, then the bookmark', () => {
    const ids = regionsOf(exportBriefingMarkdown(sampleExport()))
      .filter((r) => r.kind === 'note' && r.attrs.in === 'sample-weekly-2025-11-14/I-01')
      .map((r) => r.id.slice(-1))
    expect(ids).toEqual(['4', '1', '2', '3', '6', '7'])
  })

  test('a highlight is its quote, its comment as Markdown, then colour meaning, tags and date', () => {
    const markdown = exportBriefingMarkdown(sampleExport())
    expect(noteRegion(markdown, 'urn:uuid:00000000-0000-4000-8000-000000000001')).toBe(
      [
        '',
        '> 분야별 과학 기반모델\\* 개발',
        '',
        '**핵심** 과제. 근거는 [원문](https://example.org/policy) 참고.',
        '',
        '- 연산력 배정',
        '- 데이터 개방',
        '',
        '\\<b>raw html\\</b>',
        '',
        '중요 · #AI #연산력 · 2026-04-01',
        ''
      ].join('\n')
    )
  })

  test('a highlight across blocks quotes one paragraph per block; a footnote keeps its marker', () => {
    const markdown = exportBriefingMarkdown(sampleExport())
    const cross = parseMarkdown(noteRegion(markdown, 'urn:uuid:00000000-0000-4000-8000-000000000004'))
    const quote = cross.children[0] as Blockquote
    expect(quote.type).toBe('blockquote')
    expect(quote.children.map((p) => toString(p))).toEqual([
      '2027년까지 분야별 기반모델 10종 개발을 추진(11.6)',
      '과기부는 물리·화학·생명·재료·지구과학 등 5대 기초 분야를 중심으로'
    ])
    expect(noteRegion(markdown, 'urn:uuid:00000000-0000-4000-8000-000000000002')).toContain(
      '\n> \\* 과학 기반모델: 대규모 실험·관측 데이터로 학습해\n'
    )
  })

  test('a highlight in a table cell is a GFM table of the header row and that row, the highlighted part in bold', () => {
    const markdown = exportBriefingMarkdown(sampleExport())
    const region = noteRegion(markdown, 'urn:uuid:00000000-0000-4000-8000-000000000003')
    expect(region).toContain(
      '\n| 구분 | 영역 | 주요 내용 |\n| - | - | - |\n| 3 | 연산력 | **국가 연산력 플랫폼 자원의 30%를** 과학연구에 배정 대학·연구소 대상 연산력 바우처 지급 |\n'
    )
    const table = parseMarkdown(region).children[0] as Table
    expect(table.type).toBe('table')
    expect(table.children.map((row) => row.children.map((cell) => toString(cell)))).toEqual([
      ['구분', '영역', '주요 내용'],
      ['3', '연산력', '국가 연산력 플랫폼 자원의 30%를 과학연구에 배정 대학·연구소 대상 연산력 바우처 지급']
    ])
    expect(region).toContain('\n수치·통계 · #수치 · 2026-04-01\n')
  })

  test('item notes as Markdown paragraphs, bookmarks as a line with state and reason, references as links', () => {
    const markdown = exportBriefingMarkdown(sampleExport())
    expect(noteRegion(markdown, 'urn:uuid:00000000-0000-4000-8000-000000000006')).toBe(
      '\n보고서 2장에 인용.\n\n| 항목 | 값 |\n| - | - |\n| 기반모델 | 10종 |\n\n메모 · #보고서 · 2026-04-02\n'
    )
    expect(noteRegion(markdown, 'urn:uuid:00000000-0000-4000-8000-000000000007')).toBe('\n북마크 · 검토 필요 · 주간 회의 안건 · 2026-04-03\n')
    expect(noteRegion(markdown, 'urn:uuid:00000000-0000-4000-8000-000000000009')).toBe(
      '\n북마크 (브리핑 전체) · 읽지 않음 · 11월 둘째 주 정리 · 2026-04-03\n'
    )
    expect(markdown).toContain(
      '\n참고자료\n\n- [科技部印发《人工智能+科学研究行动指引》的通知](https://example.org/policy/202511/t20251106_0000101.shtml)\n- [解讀：AI for Science 如何改變科研範式](https://example.com/a/ai4s-guide-2025)\n'
    )
    expect(markdown).toContain('\n출처\n\n- [신화망 (2025-11-08)](https://example.com/news/2025/1108/hz-dtexpo.html)\n')
  })

  test('unplaced notes come last with their stored quote, comment and the item they were on', () => {
    const markdown = exportBriefingMarkdown(sampleExport())
    const regions = regionsOf(markdown)
    expect(regions.slice(-3).map((r) => `${r.kind}:${r.attrs.in ?? ''}`)).toEqual(['unplaced:', 'note:unplaced', 'note:unplaced'])
    expect(noteRegion(markdown, 'urn:uuid:00000000-0000-4000-8000-00000000000a')).toBe(
      [
        '',
        '> 시범사업을 \\*재개\\*',
        '',
        '새 판에서 문장이 사라짐',
        '',
        '검토 필요 · #확인 · 2026-04-01',
        '',
        '원래 항목: I-09 가상시, 폐지된 시범사업 재개 · [앱에서 열기](briefing-reader://note/urn%3Auuid%3A00000000-0000-4000-8000-00000000000a)',
        ''
      ].join('\n')
    )
  })

  test('notes of other briefings are left out; a highlight without a placement is unplaced, never guessed', () => {
    const markdown = exportBriefingMarkdown(
      sampleExport('ko', (input) => {
        const placements = new Map(input.placements)
        placements.delete('urn:uuid:00000000-0000-4000-8000-000000000003')
        placements.delete('urn:uuid:00000000-0000-4000-8000-000000000007')
        input.placements = placements
      })
    )
    expect(markdown).not.toContain('다른 브리핑')
    const where = Object.fromEntries(regionsOf(markdown).filter((r) => r.kind === 'note').map((r) => [r.id.slice(-1), r.attrs.in]))
    expect(where['3']).toBe('unplaced')
    // a bookmark follows its item id when there is no placement
    expect(where['7']).toBe('sample-weekly-2025-11-14/I-01')
  })

  test('a highlight placed on another item (moved) is shown there', () => {
    const markdown = exportBriefingMarkdown(
      sampleExport('ko', (input) => {
        const b = input.briefing
        const i03 = findItem(b, 'I-03')
        const placements = new Map(input.placements)
        const id = 'urn:uuid:00000000-0000-4000-8000-000000000003'
        placements.set(id, { id, status: 'moved', itemId: i03.id, ...rangeOf(i03, '드론') })
        input.placements = placements
      })
    )
    expect(regionsOf(markdown).find((r) => r.id.endsWith('003'))?.attrs.in).toBe('sample-weekly-2025-11-14/I-03')
    expect(markdown).toContain('\n### I-03 선전, 저고도경제 드론 시범구역 확대\n')
    expect(noteRegion(markdown, 'urn:uuid:00000000-0000-4000-8000-000000000003')).toContain('\n> 드론\n')
  })

  test('a briefing without notes is the front matter and the title', () => {
    const markdown = exportBriefingMarkdown(sampleExport('ko', (input) => (input.annotations = [])))
    expect(markdown).toContain('\nnotes: 0\ntags: []\n---\n')
    expect(regionsOf(markdown).map((r) => r.kind)).toEqual(['title'])
  })

  test('refuses an export time without an offset', () => {
    expect(() => exportBriefingMarkdown(sampleExport('ko', (input) => (input.exported = '2026-04-12T09:30:00')))).toThrow(RangeError)
  })
})

describe('exportBriefingMarkdown: English labels', () => {
  test('labels, default colour meanings and bookmark states in English; the briefing\'s own words stay', () => {
    const markdown = exportBriefingMarkdown(sampleExport('en'))
    expect(markdown).toContain('[Open in app](briefing-reader://item/sample-weekly-2025-11-14/I-01)')
    expect(markdown).toContain('\n## Unplaced notes\n')
    expect(markdown).toContain('\nReferences\n')
    expect(markdown).toContain('\nSources\n')
    expect(markdown).toContain('\nImportant · #AI #연산력 · 2026-04-01\n')
    expect(markdown).toContain('\nQuote · 2026-04-01\n')
    // a meaning the user named is theirs
    expect(markdown).toContain('\n수치·통계 · #수치 · 2026-04-01\n')
    expect(markdown).toContain('\nBookmark · Needs review · 주간 회의 안건 · 2026-04-03\n')
    expect(markdown).toContain('\nBookmark (whole briefing) · Unread · 11월 둘째 주 정리 · 2026-04-03\n')
    expect(markdown).toContain('\nNote · #보고서 · 2026-04-02\n')
    expect(markdown).toContain('\nWas on: I-09 가상시, 폐지된 시범사업 재개 · [Open in app](')
    expect(markdown).toContain('\n## I. 정책동향\n')
    expect(markdown).not.toMatch(/앱에서 열기|위치를 찾지 못한 메모|참고자료|북마크|원래 항목/)
  })
})

// ---------------------------------------------------------------------------------------------------------
// escaping

/** A hand-built briefing whose item holds the given blocks. */
function briefingWith(blocks: Block[], title = '시험 항목'): Briefing {
  return {
    id: 'test-weekly-2026-01-02',
    series: '시험 "주간" 동향: *특집*',
    published: '2026-01-02',
    publisher: '가상 편집부 #1',
    issuer: '홍길동',
    contents: [],
    summary: [],
    sections: [
      {
        number: 'I',
        title: '정책동향',
        items: [{ id: 'test-weekly-2026-01-02/I-01', section: 'I', number: '01', title, regions: [], blocks, category: '기술전략', date: '2026-01-01' }]
      }
    ],
    colophon: {},
    sourceHash: '0'.repeat(64),
    warnings: []
  }
}

/** The export of one highlight over the whole of each given block's text. */
function exportBlocks(blocks: Block[], title?: string): { markdown: string; quote: Blockquote | undefined } {
  const briefing = briefingWith(blocks, title)
  const item = briefing.sections[0].items[0]
  const t = itemText(item)
  const first = t.spans.find((s) => s.block === 0)
  const last = [...t.spans].reverse().find((s) => s.block >= 0)
  const h = highlight('urn:uuid:e', briefing.id, item, 'q')
  const markdown = exportBriefingMarkdown({
    briefing,
    annotations: [h],
    placements: new Map([[h.id, exact(h.id, item.id, { start: first?.start ?? 0, end: last?.end ?? 1 })]]),
    colorMeanings: DEFAULT_COLOR_MEANINGS,
    lang: 'ko',
    exported: EXPORTED
  })
  const tree = parseMarkdown(noteRegion(markdown, h.id))
  return { markdown, quote: tree.children.find((n): n is Blockquote => n.type === 'blockquote') }
}

describe('exportBriefingMarkdown: every Markdown-active character of a quote is escaped', () => {
  const hazards = [
    ['바이두*는 양자컴퓨팅', '바이두\\*는 양자컴퓨팅'],
    ['snake_case _강조_', 'snake_case \\_강조\\_'],
    ['- 줄머리 하이픈', '\\- 줄머리 하이픈'],
    ['+ 줄머리 더하기', '\\+ 줄머리 더하기'],
    ['# 제목 아님', '\\# 제목 아님'],
    ['1. 번호 아님', '1\\. 번호 아님'],
    ['[링크 아님](x)', '\\[링크 아님]\\(x)'],
    ['`코드 아님`', '\\`코드 아님\\`'],
    ['<ul><li>표 안 HTML</li></ul>', '\\<ul>\\<li>표 안 HTML\\</li>\\</ul>'],
    ['> 인용 아님', '\\> 인용 아님'],
    ['~~취소선 아님~~', '\\~\\~취소선 아님\\~\\~'],
    ['<!-- briefing-reader:note id=x -->', '\\<!-- briefing-reader:note id=x -->']
  ] as const

  test.each(hazards)('%s', (value, escaped) => {
    const { markdown, quote } = exportBlocks([{ kind: 'paragraph', text: value }])
    expect(markdown).toContain(`\n> ${escaped}\n`)
    expect(quote?.children).toHaveLength(1)
    expect(toString(quote)).toBe(value)
  })

  test('decomposed text is exported composed (NFC), escapes included', () => {
    const { markdown, quote } = exportBlocks([{ kind: 'paragraph', text: '>\u0338 한글 \u1112\u1161\u11ab *' }])
    expect(markdown).toContain('\n> ≯ 한글 한 \\*\n')
    expect(toString(quote)).toBe('≯ 한글 한 *')
  })

  test('a footnote line keeps its `* ` and `** ` markers, escaped', () => {
    const { markdown, quote } = exportBlocks([
      { kind: 'footnote', marker: '*', text: '바이두 양자컴퓨팅연구소는 특허를 출원', level: 1 },
      { kind: 'footnote', marker: '**', text: '8대 회원기관의 출원량', level: 1 }
    ])
    expect(markdown).toContain('\n> \\* 바이두 양자컴퓨팅연구소는 특허를 출원\n>\n> \\*\\* 8대 회원기관의 출원량\n')
    expect(quote?.children.map((p) => toString(p))).toEqual(['* 바이두 양자컴퓨팅연구소는 특허를 출원', '** 8대 회원기관의 출원량'])
  })

  test('titles, reasons and tags are escaped too; the front matter quotes its strings', () => {
    const briefing = briefingWith([{ kind: 'paragraph', text: '본문' }], '*강조* 아닌 [제목]')
    const item = briefing.sections[0].items[0]
    const b = bookmark('urn:uuid:b', briefing.id, item, { reason: '- 목록 아님 `코드`', tags: ['a_b_', '*'] })
    const markdown = exportBriefingMarkdown({
      briefing,
      annotations: [b],
      placements: new Map(),
      colorMeanings: DEFAULT_COLOR_MEANINGS,
      lang: 'ko',
      exported: EXPORTED
    })
    expect(markdown).toContain('\n### I-01 \\*강조\\* 아닌 \\[제목]\n')
    // an underscore inside a word cannot start emphasis and is left as it is
    expect(markdown).toContain('\n북마크 · 읽지 않음 · - 목록 아님 \\`코드\\` · #a_b\\_ #\\* · 2026-04-03\n')
    expect(markdown).toContain('\ntitle: "시험 \\"주간\\" 동향: *특집* — 2026-01-02"\n')
    expect(markdown).toContain('\n# 시험 "주간" 동향: \\*특집\\* — 2026-01-02\n')
    expect(markdown).toContain('\npublisher: "가상 편집부 #1"\n')
  })

  test('yamlString escapes quotes, backslashes, control characters and lone surrogates', () => {
    expect(yamlString('a "b" \\ c: #d')).toBe('"a \\"b\\" \\\\ c: #d"')
    expect(yamlString('줄\n바꿈\t탭\u0001\u2028')).toBe('"줄\\n바꿈\\t탭\\x01\\L"')
    expect(yamlString('\ud800x')).toBe('"\\uFFFDx"')
    expect(yamlString('😀')).toBe('"😀"')
  })

  test('property: any one-line text quoted reads back as that text, inside one blockquote paragraph', () => {
    const char = fc.oneof(
      fc.constantFrom(...'*_-+#1.)[]()`<>!&|~\\:@/ \t가나다漢字wW'.split('')),
      fc.string({ unit: 'grapheme', maxLength: 1 })
    )
    const line = fc
      .array(char, { minLength: 1, maxLength: 40 })
      .map((cs) => cs.join('').replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' '))
      .filter((s) => s.trim() !== '')
    fc.assert(
      fc.property(line, (value) => {
        const { quote } = exportBlocks([{ kind: 'paragraph', text: value }])
        expect(quote?.children).toHaveLength(1)
        expect(quote?.children[0].type).toBe('paragraph')
        // GFM autolink literals (www.…, https://…) cannot be escaped away; their text is kept all the same
        const inline = (quote?.children[0] as { children: RootContent[] }).children
        expect(inline.every((n) => n.type === 'text' || n.type === 'link')).toBe(true)
        // the file is NFC (compatibility ideographs such as U+F900 become their unified forms)
        expect(toString(quote)).toBe(value.normalize('NFC'))
      }),
      { numRuns: 300 }
    )
  })
})

// ---------------------------------------------------------------------------------------------------------
// the two fast paths give what the parser and the escaper would

describe('fast paths', () => {
  const withoutPositions = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'position' ? undefined : v)))
  // mostly characters that leave text plain, some that do not
  const plainish = fc
    .array(
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...'가나다 라마 漢字 abc 123 .,:;()\'"?%/$^{}-+=#>\n\n  \u3000\u00a0'.split('')) },
        { weight: 1, arbitrary: fc.constantFrom(...'*_[]`<&|~!@\\\t'.split('')) },
        { weight: 1, arbitrary: fc.constantFrom('1. ', '- ', '    ', '---', '===', 'www.', 'https://', '\n\n# ', '  \n') }
      ),
      { maxLength: 30 }
    )
    .map((parts) => parts.join(''))

  test('plain comments: the paragraphs the Markdown parser reads', () => {
    let plain = 0
    fc.assert(
      fc.property(plainish, (value) => {
        if (value.trim() === '' || plainParagraphs(value) === null) return
        plain++
        const parsed = fromMarkdown(value, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }).children
        expect(withoutPositions(plainParagraphs(value))).toEqual(withoutPositions(parsed))
        expect(userMarkdown(value)).toEqual(plainParagraphs(value))
      }),
      { numRuns: 2000 }
    )
    expect(plain).toBeGreaterThan(400)
  })

  test('inert text: what the escaper would write, in every context', () => {
    const standard: ToMarkdownOptions = { extensions: [gfmToMarkdown({ tablePipeAlign: false })] }
    const fast: ToMarkdownOptions = {
      ...standard,
      handlers: { text: (node, parent, state, info) => (isInertText(node.value) ? node.value : defaultHandlers.text(node, parent, state, info)) }
    }
    type P = import('mdast').PhrasingContent
    const t = (value: string): P => ({ type: 'text', value })
    const contexts: Array<(v: string) => Root> = [
      (v) => ({ type: 'root', children: [{ type: 'paragraph', children: [t(v)] }] }),
      (v) => ({ type: 'root', children: [{ type: 'heading', depth: 3, children: [t(v)] }] }),
      (v) => ({ type: 'root', children: [{ type: 'blockquote', children: [{ type: 'paragraph', children: [t(v)] }] }] }),
      (v) => ({ type: 'root', children: [{ type: 'list', children: [{ type: 'listItem', children: [{ type: 'paragraph', children: [t(v)] }] }] }] }),
      (v) => ({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'strong', children: [t('x')] }, t(v), { type: 'emphasis', children: [t('y')] }] }] }),
      (v) => ({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'strong', children: [t(v)] }] }] }),
      (v) => ({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'link', url: 'u', children: [t('x')] }, t(v), { type: 'link', url: 'u', children: [t(v)] }] }] }),
      (v) => ({ type: 'root', children: [{ type: 'paragraph', children: [{ type: 'linkReference', identifier: 'a', label: 'a', referenceType: 'shortcut', children: [t('a')] }, t(v)] }] }),
      (v) => ({ type: 'root', children: [{ type: 'paragraph', children: [t('1'), t(v), { type: 'break' }, t(v), { type: 'inlineCode', value: 'c' }, t(v)] }] }),
      (v) => ({ type: 'root', children: [{ type: 'paragraph', children: [t('https'), t(v), t('www'), t(v)] }] }),
      (v) => ({
        type: 'root',
        children: [{ type: 'table', children: [{ type: 'tableRow', children: [{ type: 'tableCell', children: [t(v)] }, { type: 'tableCell', children: [{ type: 'strong', children: [t(v)] }, t(v)] }] }] }]
      })
    ]
    const anyText = fc
      .array(fc.oneof(fc.constantFrom(...'가 나.다(라)마:바-사+아=자#차>카 1 2 9 w W . , \' " / % ? ; $ ^ { } 漢\u3000'.split('')), fc.string({ maxLength: 2 })), {
        minLength: 1,
        maxLength: 16
      })
      .map((parts) => parts.join(''))
    let inert = 0
    fc.assert(
      fc.property(anyText, (value) => {
        if (isInertText(value)) inert++
        for (const context of contexts) expect(toMarkdown(context(value), fast)).toBe(toMarkdown(context(value), standard))
      }),
      { numRuns: 1500 }
    )
    // the property is about something: many of the values took the fast path
    expect(inert).toBeGreaterThan(300)
  })
})

// ---------------------------------------------------------------------------------------------------------
// merging into an existing file

describe('mergeMarkdown', () => {
  const current = (): string => exportBriefingMarkdown(sampleExport())

  test('merging an export into itself changes nothing', () => {
    const markdown = current()
    expect(mergeMarkdown(markdown, markdown)).toBe(markdown)
  })

  test('an unedited old export merged with a new one gives the new one (notes added, removed, edited, moved)', () => {
    const old = exportBriefingMarkdown(
      sampleExport('ko', (input) => {
        input.exported = '2026-04-01T08:00:00+09:00'
        input.annotations = input.annotations.filter((a) => !a.id.endsWith('005') && !a.id.endsWith('008'))
      })
    )
    const fresh = exportBriefingMarkdown(
      sampleExport('ko', (input) => {
        input.annotations = input.annotations
          .filter((a) => !a.id.endsWith('006') && !a.id.endsWith('00b'))
          .map((a) => (a.id.endsWith('001') && a.kind === 'highlight' ? { ...a, comment: '고친 코멘트' } : a))
        const placements = new Map(input.placements)
        const id = 'urn:uuid:00000000-0000-4000-8000-000000000002'
        placements.set(id, { id, status: 'orphan' })
        input.placements = placements
      })
    )
    expect(mergeMarkdown(old, fresh)).toBe(fresh)
  })

  test('keeps the user\'s text between regions, rewrites the regions and inserts a new note at its item', () => {
    const mine = '\n내 생각: 이 과제는 **내년** 예산과 연결된다.\n'
    const top = '\n> 회의 전에 읽을 것\n'
    const end = '\n## 나의 결론\n\n- 하나\n'
    const old = exportBriefingMarkdown(sampleExport('ko', (input) => (input.annotations = input.annotations.filter((a) => !a.id.endsWith('003')))))
      .replace('\n<!-- briefing-reader:title -->', top + '\n<!-- briefing-reader:title -->')
    const afterHighlight = '<!-- /briefing-reader:note -->\n'
    const at = old.indexOf(afterHighlight, old.indexOf('id=urn:uuid:00000000-0000-4000-8000-000000000001')) + afterHighlight.length
    const edited = old.slice(0, at) + mine + old.slice(at) + end
    const fresh = current()
    const merged = mergeMarkdown(edited, fresh)
    expect(merged).toContain(mine)
    expect(merged).toContain(top)
    expect(merged.endsWith(end)).toBe(true)
    // the new highlight (003) comes after the user's text under 001 and before the next note
    const order = ['id=urn:uuid:00000000-0000-4000-8000-000000000001', mine, 'id=urn:uuid:00000000-0000-4000-8000-000000000002', 'id=urn:uuid:00000000-0000-4000-8000-000000000003']
    const positions = order.map((s) => merged.indexOf(s))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    // everything managed is the new export's
    expect(regionsOf(merged)).toEqual(regionsOf(fresh))
    expect(merged.slice(0, merged.indexOf('\n---\n') + 5)).toBe(fresh.slice(0, fresh.indexOf('\n---\n') + 5))
  })

  test('text the user typed inside a region is the exporter\'s and is rewritten; a broken region is kept as text', () => {
    const fresh = current()
    const inside = fresh.replace('\n정의 인용\n', '\n정의 인용 (내가 고침)\n')
    expect(mergeMarkdown(inside, fresh)).toBe(fresh)
    // the user deleted the end line of a region: its start line and body count as their text
    const id = 'id=urn:uuid:00000000-0000-4000-8000-000000000002'
    const startAt = fresh.indexOf(id)
    const endLine = '<!-- /briefing-reader:note -->\n'
    const endAt = fresh.indexOf(endLine, startAt)
    const broken = fresh.slice(0, endAt) + fresh.slice(endAt + endLine.length)
    const merged = mergeMarkdown(broken, fresh)
    expect(merged).toContain(fresh.slice(fresh.lastIndexOf('\n', startAt) + 1, endAt))
    expect(regionsOf(merged).map((r) => r.id)).toEqual(regionsOf(fresh).map((r) => r.id))
  })

  test('keys the user added to the front matter are kept after ours; ours are rewritten', () => {
    const old = current().replace('---\ntitle:', '---\n# 내 메모\ntitle:').replace('\ntags:\n', '\naliases:\n  - "11월 AI"\ncssclasses: wide\ntags:\n  - "내태그"\n')
    const fresh = exportBriefingMarkdown(sampleExport('ko', (input) => (input.exported = '2026-05-01T09:00:00+09:00')))
    const merged = mergeMarkdown(old, fresh)
    const frontMatter = merged.slice(0, merged.indexOf('\n---\n') + 5)
    expect(frontMatter).toContain('exported: "2026-05-01T09:00:00+09:00"')
    expect(frontMatter).not.toContain('내태그')
    expect(frontMatter.endsWith('\n  - "후속조사"\n# 내 메모\naliases:\n  - "11월 AI"\ncssclasses: wide\n---\n')).toBe(true)
    expect(merged.slice(frontMatter.length)).toBe(fresh.slice(fresh.indexOf('\n---\n') + 5))
  })

  test('a file without any of our regions gets them after its front matter, before the user\'s text', () => {
    const fresh = current()
    const merged = mergeMarkdown('내가 먼저 쓴 글\n', fresh)
    expect(merged.startsWith(fresh.replace(/\n$/, ''))).toBe(true)
    expect(merged.endsWith('\n\n내가 먼저 쓴 글\n')).toBe(true)
    expect(mergeMarkdown('', fresh)).toBe(fresh)
  })

  test('CRLF text of the user is kept as it is', () => {
    const fresh = current()
    const edited = fresh + '\r\n메모 한 줄\r\n'
    expect(mergeMarkdown(edited, fresh)).toBe(edited)
  })

  test('property: the user\'s text inserted anywhere outside the regions survives a re-export byte for byte', () => {
    const full = sampleExport()
    const ids = full.annotations.map((a) => a.id)
    const subset = fc.subarray(ids, { minLength: 0 })
    const userLine = fc
      .array(fc.constantFrom(...'가나 다*_-#>[]`<!|1.\\ ab'.split('')), { minLength: 1, maxLength: 12 })
      .map((cs) => cs.join(''))
      .filter((s) => s.trim() !== '')
    const userBlock = fc.array(userLine, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n') + '\n')
    fc.assert(
      fc.property(subset, subset, fc.array(fc.tuple(fc.nat(), userBlock), { minLength: 1, maxLength: 6 }), (before, after, inserts) => {
        const exportOf = (keep: string[], exported: string): string =>
          exportBriefingMarkdown({ ...full, annotations: full.annotations.filter((a) => keep.includes(a.id)), exported })
        const old = exportOf(before, '2026-04-01T08:00:00+09:00')
        const fresh = exportOf(after, '2026-04-20T08:00:00+09:00')
        // line starts outside the front matter and the regions
        const parsed = parseExport(old)
        const points: number[] = []
        let offset = parsed.frontMatter?.length ?? 0
        for (const segment of parsed.segments) {
          if (segment.type === 'text') {
            for (let k = 0; k <= segment.text.length; k++) if (k === 0 || segment.text[k - 1] === '\n') points.push(offset + k)
            offset += segment.text.length
          } else offset += segment.region.text.length
        }
        const chosen = inserts.map(([n, block], k) => ({ at: points[n % points.length], block: `[${k}] ${block}` })).sort((a, b) => a.at - b.at)
        let edited = ''
        let last = 0
        for (const { at, block } of chosen) {
          edited += old.slice(last, at) + block
          last = at
        }
        edited += old.slice(last)
        const merged = mergeMarkdown(edited, fresh)
        // every block survives, in the same order
        let from = 0
        for (const { block } of chosen) {
          const found = merged.indexOf(block, from)
          expect(found).toBeGreaterThanOrEqual(0)
          from = found + block.length
        }
        // and the managed parts are exactly the new export's
        expect(regionsOf(merged)).toEqual(regionsOf(fresh))
        expect(merged.slice(0, merged.indexOf('\n---\n') + 5)).toBe(fresh.slice(0, fresh.indexOf('\n---\n') + 5))
        // re-exporting again changes nothing
        expect(mergeMarkdown(merged, fresh)).toBe(merged)
      }),
      { numRuns: 150 }
    )
  })

  test('property: the user\'s text stays between the same surviving regions of the file', () => {
    const full = sampleExport()
    const ids = full.annotations.map((a) => a.id)
    fc.assert(
      fc.property(fc.subarray(ids), fc.subarray(ids), fc.nat(), (before, after, pick) => {
        const exportOf = (keep: string[]): string =>
          exportBriefingMarkdown({ ...full, annotations: full.annotations.filter((a) => keep.includes(a.id)) })
        const old = exportOf(before)
        const fresh = exportOf(after)
        const regions = regionsOf(old)
        const k = pick % regions.length
        const at = old.indexOf(regions[k].text) + regions[k].text.length
        const mine = '\n사용자 메모 ✍\n'
        const merged = mergeMarkdown(old.slice(0, at) + mine + old.slice(at), fresh)
        const survivor = (r: ManagedRegion): ManagedRegion | undefined =>
          regionsOf(fresh).find((f) => f.kind === r.kind && f.id === r.id && f.attrs.in === r.attrs.in)
        const previous = regions.slice(0, k + 1).map(survivor).filter((r) => r !== undefined).at(-1)
        const next = regions.slice(k + 1).map(survivor).find((r) => r !== undefined)
        const where = merged.indexOf(mine)
        expect(where).toBeGreaterThanOrEqual(0)
        if (previous) expect(merged.indexOf(previous.text)).toBeLessThan(where)
        if (next) expect(merged.indexOf(next.text)).toBeGreaterThan(where)
        // right after the region it followed, unless new regions were added after that one
        if (previous === survivor(regions[k]) && previous && next) {
          const between = merged.slice(merged.indexOf(previous.text) + previous.text.length, where)
          expect(regionsOf(between)).toEqual([])
        }
      }),
      { numRuns: 150 }
    )
  })
})

// ---------------------------------------------------------------------------------------------------------
// the seed briefing (outside the repository): checked structurally, never stored here

describe.skipIf(!seedAvailable())('exportBriefingMarkdown: the seed briefing (structure)', () => {
  test('quotes with `바이두*는`, a `* ` footnote line and a table cell; an item note, a bookmark and an orphan', () => {
    const seed = readSeedText()
    const b = parseFile(seed, 'kostec-weekly-2023-04-07.txt')
    const i01 = findItem(b, 'I-01')
    const i03 = findItem(b, 'I-03')
    const bullet = i01.blocks.find((x): x is Extract<Block, { kind: 'bullet' }> => x.kind === 'bullet' && x.text.includes('바이두*는'))
    const footnote = i01.blocks.find((x): x is Extract<Block, { kind: 'footnote' }> => x.kind === 'footnote' && x.marker === '*')
    const table = i03.blocks.find((x): x is Extract<Block, { kind: 'table' }> => x.kind === 'table')
    if (!bullet || !footnote || !table) throw new Error('the seed changed: I-01 bullet/footnote or the I-03 table is missing')
    const t03 = itemText(i03)
    const cellSpan = t03.spans.find((s) => s.cell?.row === 1 && s.cell.column === table.table.columns.length - 1)
    if (!cellSpan) throw new Error('no cell span')
    const cellRange = { start: cellSpan.start, end: Math.min(cellSpan.end, cellSpan.start + 12) }

    const h1 = highlight('urn:uuid:5eed0000-0000-4000-8000-000000000001', b.id, i01, bullet.text, { comment: '연맹 주도 기업', tags: ['양자'] })
    const h2 = highlight('urn:uuid:5eed0000-0000-4000-8000-000000000002', b.id, i01, footnote.text, { color: 'blue' })
    const h3 = highlight('urn:uuid:5eed0000-0000-4000-8000-000000000003', b.id, i03, t03.raw.slice(cellRange.start, cellRange.end), { color: 'purple' })
    const n1 = note('urn:uuid:5eed0000-0000-4000-8000-000000000004', b.id, i01, '특허풀 **8개 기관** 확인')
    const bm = bookmark('urn:uuid:5eed0000-0000-4000-8000-000000000005', b.id, i03, { state: 'review', reason: '경제권 비교' })
    const orphan = highlight('urn:uuid:5eed0000-0000-4000-8000-000000000006', b.id, { id: `${b.id}/I-08`, title: '없는 항목' }, '사라진 문장')
    const markdown = exportBriefingMarkdown({
      briefing: b,
      annotations: [orphan, bm, n1, h3, h2, h1],
      placements: new Map<string, Placement>([
        [h1.id, exact(h1.id, i01.id, rangeOf(i01, bullet.text))],
        [h2.id, exact(h2.id, i01.id, rangeOf(i01, footnote.text))],
        [h3.id, exact(h3.id, i03.id, cellRange)],
        [n1.id, exact(n1.id, i01.id)],
        [bm.id, exact(bm.id, i03.id)],
        [orphan.id, { id: orphan.id, status: 'orphan' }]
      ]),
      colorMeanings: DEFAULT_COLOR_MEANINGS,
      lang: 'ko',
      exported: EXPORTED
    })

    expect(frontMatterKeys(markdown)).toEqual(['title', 'series', 'briefing', 'published', 'publisher', 'link', 'exported', 'notes', 'tags'])
    expect(markdown).toContain('\nnotes: 6\n')
    expect(markdown).toContain('\n> 바이두\\*는 ')
    expect(markdown).toContain('\n> \\* 바이두 양자컴퓨팅연구소는')

    const tree = parseMarkdown(bodyOf(markdown))
    const headings = nodesOfType(tree, 'heading').map((h: Heading) => `${'#'.repeat(h.depth)} ${toString(h)}`)
    expect(headings[0]).toBe('# 중국 과학기술 정책 주간동향 — 2023-04-07')
    expect(headings.slice(1)).toEqual([
      '## I. 정책동향',
      '### I-01 베이징·우시, 지식재산권 서비스 강화',
      `### I-03 ${i03.title}`,
      '## 위치를 찾지 못한 메모'
    ])
    // the unplaced section is the last thing in the file: its heading, then the orphan's quote
    const lastHeading = tree.children.findLastIndex((n) => n.type === 'heading')
    expect(toString(tree.children[lastHeading])).toBe('위치를 찾지 못한 메모')
    expect(tree.children.slice(lastHeading).some((n) => n.type === 'blockquote' && toString(n) === '사라진 문장')).toBe(true)

    // the quotes read back as the seed's own lines (bullet glyph aside)
    const seedLines = seed.split(/\r?\n/)
    const quotes = nodesOfType(tree, 'blockquote').map((q) => toString(q))
    const bulletLine = seedLines.find((l) => l.includes('바이두*는'))?.replace(/^\s*●\s*/, '')
    const footnoteLine = seedLines.find((l) => l.startsWith('* 바이두 양자컴퓨팅연구소'))?.trim()
    expect(quotes).toContain(bulletLine)
    expect(quotes).toContain(footnoteLine)

    // the table-cell highlight: the header row and that row, nothing else
    const tables = nodesOfType(tree, 'table')
    expect(tables).toHaveLength(1)
    const rows = tables[0].children.map((row) => row.children.map((cell) => toString(cell)))
    const norm = (s: string): string => s.replace(/\s+/g, ' ').trim()
    expect(rows.map((r) => r.map(norm))).toEqual([
      table.table.columns.map(norm),
      table.table.rows[1].map((c) => norm(c.text))
    ])
    expect(nodesOfType(tables[0], 'strong')).toHaveLength(1)

    // the item note and the bookmark
    expect(nodesOfType(tree, 'strong').some((s) => toString(s) === '8개 기관')).toBe(true)
    expect(nodesOfType(tree, 'paragraph').some((p) => toString(p) === '북마크 · 검토 필요 · 경제권 비교 · 2026-04-03')).toBe(true)

    // and a re-export into it keeps a line the user added
    const edited = markdown + '\n검토 완료: 4월 회의\n'
    expect(mergeMarkdown(edited, markdown)).toBe(edited)
  })
})
