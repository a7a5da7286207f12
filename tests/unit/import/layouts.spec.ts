import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import type { Block, Briefing, Item } from '../../../archive/model/briefing.ts'
import { allItems, itemReferences } from '../../../archive/model/briefing.ts'
import { parseDocument, pickLayout, rankLayouts } from '../../../archive/import/layouts/index.ts'
import { datesIn, trailingEventDate } from '../../../archive/import/layouts/dates.ts'
import type { ExtractedDocument } from '../../../archive/import/types.ts'
import { missingCharacters } from './layouts-invariant.ts'

const DIR = join(import.meta.dirname, '../../fixtures/import/layouts')
const IMPORT_DATE = '2026-01-02'

function docOf(name: string): ExtractedDocument {
  return { format: 'text', text: readFileSync(join(DIR, name), 'utf8'), meta: {}, notes: [] }
}
function parse(name: string): Briefing {
  return parseDocument(docOf(name), { fileName: name, sourceHash: 'f'.repeat(64), importDate: IMPORT_DATE })
}
const blocks = (item: Item, kind: Block['kind']): Block[] => item.blocks.filter((b) => b.kind === kind)
const texts = (item: Item, kind: 'bullet' | 'paragraph' | 'headline' | 'footnote'): string[] =>
  item.blocks.flatMap((b) => (b.kind === kind ? [b.text] : []))

describe('every post carries its layout, format, kind, title and a post id', () => {
  const files = [
    'kostec-post-flattened.txt', 'kostec-contents-oneline.txt', 'kistep-metadata.txt', 'kistep-metadata-oneline.txt',
    'kiep-csf-circled.txt', 'embassy-jamo.txt', 'kosen-slash-date.txt', 'images-and-tables.txt', 'no-date.txt', 'board-menus.txt'
  ]
  test.each(files)('%s', (name) => {
    const b = parse(name)
    expect(b.kind).toBe('post')
    expect(b.format).toBe('text')
    expect(b.layout?.name).toBe(pickLayout(docOf(name)).name)
    expect(b.layout?.version).toBeGreaterThanOrEqual(1)
    expect(b.title).toBeTruthy()
    expect(b.id).toMatch(/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/)
    for (const item of allItems(b)) expect(item.id).toBe(`${b.id}/${item.section}-${item.number}`)
    expect(b.sourceFile).toBe(name)
  })
})

describe('KOSTEC site posts', () => {
  test('a post flattened onto one line, with the board chrome in front', () => {
    const b = parse('kostec-post-flattened.txt')
    expect(b.layout?.name).toBe('kostec-post')
    expect(b.title).toBe('中 과기부, ‘공개 연구데이터 공유 지침’ 발표')
    expect(b.publisher).toBe('한중과학기술협력센터')
    expect(b.published).toBe('2025-12-22')
    expect(b.publishedFrom).toBe('document')
    const [item] = allItems(b)
    expect(allItems(b)).toHaveLength(1)
    expect(item.date).toBe('2025-12-19')
    expect(texts(item, 'headline')).toEqual(['중국 과기부가 ‘공개 연구데이터 공유 지침’을 발표하고, 국가 연구과제 데이터의 공개 범위와 절차를 정비(25.12.19)'])
    expect(texts(item, 'footnote')[0]).toMatch(/^공개 연구데이터는/)
    expect(item.blocks.flatMap((x) => (x.kind === 'bullet' ? [[x.level, x.text.slice(0, 8).trim()]] : []))).toEqual([
      [1, '(발표 배경)'],
      [1, '(주요 내용)'],
      [2, '공개 유예 기간'],
      [1, '(향후 계획)']
    ])
    expect(itemReferences(item)).toEqual([
      { title: '(25.12.19, 科技部) 公开科研数据共享指引', url: 'https://www.example.gov.cn/kjbgz/202512/t20251219_1.html' },
      { title: '(24.03.02, 中国科学院) 科研数据开放研究', url: 'http://bulletin.example.cn/2024/3/20240302.htm' }
    ])
    expect(b.warnings.map((w) => w.text).sort()).toEqual(['동향 게시판', '게시글 제목, 작성일, 조회수, 내용을 포함합니다.', '등록일2025.12.22', '조회수57'].sort())
  })

  test('[목차] 1. … 2. … on one line is the contents; the 1. 2. 3. subheads are the items', () => {
    const b = parse('kostec-contents-oneline.txt')
    expect(b.layout?.name).toBe('kostec-post')
    expect(b.published).toBe('2020-02-14')
    expect(b.contents.map((c) => [c.number, c.title])).toEqual([
      ['1', '과기부, 감염병 대응 긴급 연구과제 착수'],
      ['2', '국가자연과학기금 신청 규정 개정'],
      ['3', '연구기관 평가 결과 공개']
    ])
    expect(allItems(b).map((i) => [i.number, i.title, i.date])).toEqual([
      ['00', '격주간동향 2020년 02월 14일', undefined],
      ['01', '과기부, 감염병 대응 긴급 연구과제 착수', '2020-02-03'],
      ['02', '국가자연과학기금 신청 규정 개정', '2020-02-07'],
      ['03', '연구기관 평가 결과 공개', undefined]
    ])
    expect(texts(allItems(b)[0], 'paragraph')).toEqual(['2020년 02월 14일의 격주간 동향 내용은 다음과 같습니다.'])
  })

  test('site menus and board chrome on their own lines; 목록 / 이전글 / 다음글 are not the post', () => {
    const b = parse('board-menus.txt')
    expect(b.layout?.name).toBe('kostec-post')
    expect(b.title).toBe('베이징시, 양자 컴퓨팅 산업단지 조성 계획 발표')
    expect(b.published).toBe('2024-10-11')
    const [item] = allItems(b)
    expect(item.blocks.map((x) => x.kind)).toEqual(['headline', 'bullet'])
    expect(item.date).toBe('2024-10-09')
    const left = b.warnings.map((w) => w.text)
    for (const chrome of ['정책동향', '이슈리포트', '통계DB', 'KOSTEC 주간동향 구독하기', '목록', '이전글 상하이시, 인공지능 거버넌스 시범구 지정', '다음글 광둥성, 반도체 인재 유치 정책 발표']) {
      expect(left).toContain(chrome)
    }
  })
})

describe('KISTEP', () => {
  test('the metadata list (국가 / 생성기관 / 원문발표일 / 주제분류) is a table and dates the post; □ ○ - levels, * and ※', () => {
    const b = parse('kistep-metadata.txt')
    expect(b.layout?.name).toBe('kistep')
    expect(b.publisher).toBe('한국과학기술기획평가원')
    expect(b.title).toBe('중국 국무원, 차세대 배터리 산업 육성 의견 발표')
    expect(b.published).toBe('2024-05-01')
    const [item] = allItems(b)
    const [table] = blocks(item, 'table')
    expect(table.kind === 'table' && table.table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['국가', '중국'],
      ['생성기관', '국무원 판공청'],
      ['원문발표일', '2024-05-01'],
      ['주제분류', '에너지·소재']
    ])
    expect(item.blocks.flatMap((x) => (x.kind === 'bullet' ? [x.level] : []))).toEqual([1, 2, 3, 1, 2])
    expect(item.blocks.flatMap((x) => (x.kind === 'footnote' ? [x.marker] : []))).toEqual(['*', '※'])
  })

  test('the metadata list flattened onto one line', () => {
    const b = parse('kistep-metadata-oneline.txt')
    expect(b.layout?.name).toBe('kistep')
    expect(b.title).toBe('중국 과학기술부, 연구윤리 심사 강화 방안 마련')
    expect(b.published).toBe('2023-11-20')
    const [table] = blocks(allItems(b)[0], 'table')
    expect(table.kind === 'table' && table.table.rows.map((r) => r[0].text)).toEqual(['국가', '생성기관', '원문발표일', '주제분류'])
  })
})

describe('KIEP CSF', () => {
  test('발행일 : …; ①②③ subheads are items; (배경)/(목표) kept; <참고자료> without URLs', () => {
    const b = parse('kiep-csf-circled.txt')
    expect(b.layout?.name).toBe('kiep-csf')
    expect(b.publisher).toBe('대외경제정책연구원 중국전문가포럼')
    expect(b.published).toBe('2024-05-03')
    expect(allItems(b).map((i) => [i.number, i.title])).toEqual([
      ['01', '추진 현황'],
      ['02', '주요 쟁점'],
      ['03', '전망']
    ])
    expect(texts(allItems(b)[0], 'paragraph')).toEqual(['(배경) 소액 결제 수요가 늘면서 시범 지역을 확대', '(목표) 2025년까지 26개 도시로 확대'])
    expect(itemReferences(allItems(b)[2])).toEqual([
      { title: '중국인민은행 보도자료 (2024.4.28)', url: '' },
      { title: '국무원 발전연구중심 보고서', url: '' }
    ])
  })
})

describe('the embassy (via KOCHAM)', () => {
  test('ㅇ and l bullets, ’18.11.26, (11.20), the masthead line is not the title', () => {
    const b = parse('embassy-jamo.txt')
    expect(b.layout?.name).toBe('embassy')
    expect(b.publisher).toBe('주중국 대한민국 대사관')
    expect(b.title).toBe('’18.11.26 중국 과학기술 동향')
    expect(b.colophon.issuer).toBe('주중국 대한민국 대사관 과학기술정보통신관')
    expect(b.published).toBe('2018-11-26')
    const [item] = allItems(b)
    expect(item.date).toBe('2018-11-20')
    expect(item.blocks.flatMap((x) => (x.kind === 'bullet' ? [[x.level, x.text.slice(0, 6)]] : []))).toEqual([
      [1, '과기부, 국'],
      [2, '인공지능, '],
      [2, '과제 신청은'],
      [1, '중국과학원,']
    ])
    expect(texts(item, 'footnote')).toEqual(['상세 내용은 첨부 자료 참조'])
  })
})

describe('KOSEN', () => {
  test('2017 / 06 / 01; 1) subheads split the post, the 1. lines inside stay', () => {
    const b = parse('kosen-slash-date.txt')
    expect(b.layout?.name).toBe('kosen')
    expect(b.published).toBe('2017-06-01')
    expect(allItems(b).map((i) => [i.number, i.title])).toEqual([
      ['00', '중국 고속철도 기술 표준화 동향'],
      ['01', '표준화 추진 체계'],
      ['02', '해외 진출 현황']
    ])
    expect(texts(allItems(b)[1], 'paragraph')).toContain('1. 설계 표준 254건')
  })
})

describe('the generic layout', () => {
  test('image names and ![]() remnants are left out (listed), alt text kept; a pipe table with an escaped |', () => {
    const b = parse('images-and-tables.txt')
    expect(b.layout?.name).toBe('generic')
    expect(b.publisher).toBe('')
    expect(b.published).toBe('2024-10-11')
    const [item] = allItems(b)
    const all = JSON.stringify(item.blocks)
    for (const gone of ['1-1.PNG', '%E3%85%81.PNG', '![]()', 'factory.jpg']) expect(all).not.toContain(gone)
    expect(b.warnings.map((w) => w.text)).toEqual(expect.arrayContaining(['1-1.PNG', '%E3%85%81.PNG', '![]()']))
    expect(texts(item, 'paragraph')).toContain('공장 자동화 설비')
    const [table] = blocks(item, 'table')
    expect(table.kind === 'table' && table.table).toEqual({
      columns: ['구분', '지원 한도', '비고'],
      rows: [
        [{ text: '대기업' }, { text: '500만 위안' }, { text: '매칭 50%' }],
        [{ text: '중소기업' }, { text: '200만 위안' }, { text: '매칭 30% | 우대' }]
      ]
    })
  })

  test('a document with no date is published on the import date, marked as such', () => {
    const b = parse('no-date.txt')
    expect(b.published).toBe(IMPORT_DATE)
    expect(b.publishedFrom).toBe('import-date')
    expect(b.title).toBe('연구실 안전 관리 개선 메모')
    expect(texts(allItems(b)[0], 'bullet')).toEqual(['화학물질 보관함 잠금 장치 교체', '비상 샤워기 작동 점검'])
  })

  test('the title and date from the format’s metadata, the publisher from a known name', () => {
    const doc: ExtractedDocument = {
      format: 'markdown',
      text: '# 쑤저우시 바이오 의약 펀드 조성\n\n쑤저우시가 100억 위안 규모의 펀드를 조성한다.\n\n출처: 한중과학기술협력센터',
      meta: { title: '쑤저우시 바이오 의약 펀드 조성', published: '2025-03-04' },
      notes: []
    }
    const b = parseDocument(doc, { fileName: 'a.md', sourceHash: 'a'.repeat(64), importDate: IMPORT_DATE })
    expect(b.format).toBe('markdown')
    expect(b.title).toBe('쑤저우시 바이오 의약 펀드 조성')
    expect(b.published).toBe('2025-03-04')
    expect(b.publisher).toBe('한중과학기술협력센터')
    expect(texts(allItems(b)[0], 'paragraph')[0]).toBe('쑤저우시가 100억 위안 규모의 펀드를 조성한다.')
  })

  test('headings split a document into items when there are two or more', () => {
    const doc: ExtractedDocument = { format: 'markdown', text: '# 제목\n\n## 가\n\n첫 문단\n\n## 나\n\n둘째 문단', meta: {}, notes: [] }
    const b = parseDocument(doc, { fileName: 'h.md', sourceHash: 'a'.repeat(64), importDate: IMPORT_DATE })
    expect(b.title).toBe('제목')
    expect(allItems(b).map((i) => [i.title, texts(i, 'paragraph')])).toEqual([
      ['가', ['첫 문단']],
      ['나', ['둘째 문단']]
    ])
  })
})

describe('the registry', () => {
  test('the most confident layout wins; generic is always the last resort', () => {
    const ranked = rankLayouts(docOf('kistep-metadata.txt'))
    expect(ranked[0].layout.name).toBe('kistep')
    expect(ranked.at(-1)?.layout.name).toBe('generic')
    expect(rankLayouts({ format: 'text', text: 'abc', meta: {}, notes: [] }).map((r) => r.layout.name)).toEqual(['generic'])
  })

  test('a page’s host decides its family', () => {
    const doc: ExtractedDocument = { format: 'html', text: '□ 본문', meta: { url: 'https://csf.kiep.go.kr/x/1', title: '제목' }, notes: [] }
    expect(pickLayout(doc).name).toBe('kiep-csf')
  })

  test('a KOSTEC weekly structure without its colophon date falls back without an exception', () => {
    const text = '중국 과학기술 정책 주/간/동/향\n\nCONTENTS\n\n1. 정책동향\n\n요약\n\n- 요약 문장\n\nI 정책동향\n\n01 어떤 제목\n\n■ 본문(3.27)\n'
    const b = parseDocument({ format: 'text', text, meta: {}, notes: [] }, { fileName: 'w.txt', sourceHash: 'a'.repeat(64), importDate: IMPORT_DATE })
    expect(b.kind).toBe('post')
    expect(b.publishedFrom).toBe('import-date')
    expect(missingCharacters(text, b)).toEqual([])
  })
})

describe('dates as other publishers write them', () => {
  test.each([
    ['’18.11.26', '2018-11-26'],
    ["'18.11.26", '2018-11-26'],
    ['‘18.11.26', '2018-11-26'],
    ['`18.11.26', '2018-11-26'],
    ['2017 / 06 / 01', '2017-06-01'],
    ['발행일 : 2024. 5. 3', '2024-05-03'],
    ['등록일2024.10.11', '2024-10-11'],
    ['2024년 5월 3일', '2024-05-03'],
    ['(25.12.19)', '2025-12-19']
  ])('%s → %s', (text, date) => {
    expect(datesIn(text)[0]?.date).toBe(date)
  })

  test('(6.14) is resolved against the post’s year; a December date in a January post is last year’s', () => {
    expect(trailingEventDate('성과 발표(6.14)', '2018-11-26')).toBe('2018-06-14')
    expect(trailingEventDate('성과 발표(12.30)', '2026-01-09')).toBe('2025-12-30')
    expect(trailingEventDate('성과 발표(13.40)', '2026-01-09')).toBeUndefined()
  })
})
