import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { normaliseTitle, postId, publisherSlug, titleHash, weeklyId } from '../../../archive/import/identity.ts'
import { readHtml } from '../../../archive/import/html.ts'
import { parseDocument } from '../../../archive/import/layouts/index.ts'
import { briefingId } from '../../../archive/model/ids.ts'
import { allItems } from '../../../archive/model/briefing.ts'
import { parseBriefing } from '../../../archive/parser/parse-briefing.ts'

const SAMPLES = join(import.meta.dirname, '../../../archive/sample/briefings')
const ctx = { fileName: 'x', sourceHash: '0'.repeat(64), importDate: '2026-01-02' }

describe('weekly issues: series and date, the ids the archive has always given', () => {
  test('the KOSTEC series', () => {
    expect(weeklyId('중국 과학기술 정책 주간동향', '2023-04-07')).toBe('kostec-weekly-2023-04-07')
    expect(weeklyId('중국 과학기술 정책 주간동향', '2023-04-07')).toBe(briefingId('중국 과학기술 정책 주간동향', '2023-04-07'))
  })

  test.each(readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')))('%s keeps its id through the registry', (name) => {
    const text = readFileSync(join(SAMPLES, name), 'utf8')
    const before = parseBriefing(text, { fileName: name })
    if (!before.ok) throw new Error(before.error)
    const b = parseDocument({ format: 'text', text, meta: {}, notes: [] }, { ...ctx, fileName: name })
    expect(b.id).toBe(before.briefing.id)
    expect(b.id).toBe(weeklyId(b.series, b.published))
    expect(allItems(b).map((i) => i.id)).toEqual(allItems(before.briefing).map((i) => i.id))
  })
})

describe('posts: publisher, date and the normalised title', () => {
  const title = '中 과기부, ‘공개 연구데이터 공유 지침’ 발표'

  test('the form of the id', () => {
    expect(postId('한중과학기술협력센터', '2025-12-22', title)).toBe(`kostec-2025-12-22-${titleHash(title)}`)
    expect(titleHash(title)).toMatch(/^[0-9a-f]{8}$/)
  })

  test('the same title written differently gives the same id', () => {
    const variants = [
      title,
      '中 과기부, "공개 연구데이터 공유 지침" 발표',
      '中과기부 공개연구데이터 공유지침 발표',
      '[中] 과기부 ‘공개 연구데이터 공유 지침’ 발표.',
      title.normalize('NFD'),
      '中　과기부，「공개 연구데이터 공유 지침」 발표',
      '  中 과기부,\n‘공개 연구데이터 공유 지침’   발표  '
    ]
    const ids = new Set(variants.map((v) => postId('한중과학기술협력센터', '2025-12-22', v)))
    expect(ids.size).toBe(1)
    expect(normaliseTitle('ＡＩ 기반 Ｒ＆Ｄ')).toBe(normaliseTitle('AI기반 R&D'))
  })

  test('two posts of one day never collapse; one post on two days is two posts', () => {
    const a = postId('KOSTEC', '2025-12-22', title)
    const b = postId('KOSTEC', '2025-12-22', '中 과기부, ‘연구윤리 심사 지침’ 발표')
    expect(a).not.toBe(b)
    expect(postId('KOSTEC', '2025-12-23', title)).not.toBe(a)
  })

  test('a publisher’s every spelling has one slug; an unknown one an ASCII slug or post', () => {
    expect(['한중과학기술협력센터', 'KOSTEC', '한중과기협력센터', 'https://www.kostec.re.kr'].map(publisherSlug)).toEqual(['kostec', 'kostec', 'kostec', 'kostec'])
    expect(publisherSlug('중국한국상회')).toBe('embassy-china')
    expect(publisherSlug('Some Institute')).toBe('some-institute')
    expect(publisherSlug('어느 연구소')).toBe('post')
  })

  test('the same post from its web page and from a PDF of it gets the same id', async () => {
    const html = await readHtml(readFileSync(join(import.meta.dirname, '../../fixtures/import/html/kostec-board.html')), 'post.html')
    const fromHtml = parseDocument(html, { ...ctx, fileName: 'post.html' })
    const pdfText = [
      '톈진시, 수소 연료전지 상용차 보급 계획 발표',
      '등록일 2024.03.15',
      '□ 톈진시는 2025년까지 수소 연료전지 상용차 1,000대를 보급하는 계획을 발표(3.12)',
      '○ (충전소) 시내 물류 거점에 충전소 10곳을 새로 건설',
      '한중과학기술협력센터'
    ].join('\n')
    const fromPdf = parseDocument({ format: 'pdf', text: pdfText, meta: {}, notes: [] }, { ...ctx, fileName: 'post.pdf', sourceHash: '1'.repeat(64) })
    expect(fromPdf.format).toBe('pdf')
    expect(fromHtml.format).toBe('html')
    expect(fromPdf.id).toBe(fromHtml.id)
    expect(allItems(fromPdf).map((i) => i.id)).toEqual(allItems(fromHtml).map((i) => i.id))
  })

  test('parsing again gives the same ids and the same briefing', () => {
    const text = readFileSync(join(import.meta.dirname, '../../fixtures/import/layouts/kostec-contents-oneline.txt'), 'utf8')
    const doc = { format: 'text' as const, text, meta: {}, notes: [] }
    expect(parseDocument(doc, ctx)).toEqual(parseDocument(doc, ctx))
    expect(allItems(parseDocument(doc, ctx)).map((i) => i.id.split('/')[1])).toEqual(['I-00', 'I-01', 'I-02', 'I-03'])
  })
})
