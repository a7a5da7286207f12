import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, test } from 'vitest'
import { readHtml } from '../../../archive/import/html.ts'
import { ImportError } from '../../../archive/import/types.ts'

const DIR = join(import.meta.dirname, '../../fixtures/import/html')
const fixture = (name: string): Uint8Array => readFileSync(join(DIR, name))
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('readHtml on a KOSTEC board page', async () => {
  const doc = await readHtml(fixture('kostec-board.html'), 'kostec-board.html')

  test('metadata: og:title, the known publisher for og:site_name, 등록일 from the chrome, canonical URL', () => {
    expect(doc.format).toBe('html')
    expect(doc.encoding).toBe('utf-8')
    expect(doc.meta).toEqual({
      title: '톈진시, 수소 연료전지 상용차 보급 계획 발표',
      publisher: '한중과학기술협력센터',
      published: '2024-03-15',
      url: 'https://www.kostec.re.kr/sub0603/view/id/90001'
    })
  })

  test('the article only: no menus, aside, chrome, previous/next, related posts, footer, script or style', () => {
    for (const chrome of ['정책동향', '이슈리포트', '주요활동', '조회수', '이전글', '다음글', '관련 게시물', 'Copyright', '추적', 'dataLayer', 'font-family', 'KOSTEC 로고']) {
      expect(doc.text, chrome).not.toContain(chrome)
    }
    expect(doc.text).not.toMatch(/<(?!br>)[a-z/]/i)
  })

  test('paragraphs and <br> become lines, glyphs kept', () => {
    const lines = doc.text.split('\n')
    expect(lines[0]).toBe('□ 톈진시는 2025년까지 수소 연료전지 상용차 1,000대를 보급하는 계획을 발표(3.12)')
    expect(lines).toContain('○ (충전소) 시내 물류 거점에 충전소 10곳을 새로 건설')
    expect(lines).toContain('○ (보조금) 차량 1대당 최대 20만 위안 지원')
  })

  test('an image is its alt text, or nothing when the alt is a file name', () => {
    expect(doc.text).toContain('연도별 보급 목표')
    expect(doc.text).not.toContain('1-1.PNG')
    expect(doc.notes).toContain('image name left out: 1-1.PNG')
  })

  test('headings as #, lists as bullets, links as [text](url) or the bare URL', () => {
    const lines = doc.text.split('\n')
    expect(lines).toContain('#### 연도별 목표')
    expect(lines).toContain('- 관련 기업: 톈진 수소에너지 그룹')
    expect(lines).toContain('- 문의: [톈진시 발전개혁위원회](https://www.example.org/tianjin-h2)')
    expect(lines).toContain('원문: https://www.example.org/news/20240312.html')
  })

  test('a table as pipe rows: colspan leaves an empty cell, rowspan repeats the text, | is escaped', () => {
    const rows = doc.text.split('\n').filter((l) => l.startsWith('|'))
    expect(rows).toEqual([
      '| 구분 | 보급 대수 | |',
      '|---|---|---|',
      '| 상용차 | 2024년 | 400대 |',
      '| 상용차 | 2025년 | 600대 \\| 누적 |'
    ])
  })
})

describe('readHtml: charsets', () => {
  test('an EUC-KR page (http-equiv) is decoded as CP949, so 똠 and 햏 survive', async () => {
    const source = readFileSync(join(DIR, 'kistep-euckr.src.html'), 'utf8')
    const bytes = iconv.encode(source, 'cp949')
    expect(new TextDecoder('utf-8', { fatal: false }).decode(bytes)).not.toContain('똠')
    const doc = await readHtml(bytes, 'kistep.html')
    expect(doc.encoding).toBe('cp949')
    expect(doc.meta.title).toBe('중국 과학원, 똠방각하 위성 발사 계획 공개')
    expect(doc.meta.publisher).toBe('한국과학기술기획평가원')
    expect(doc.meta.published).toBe('2022-08-30')
    expect(doc.text.split('\n')).toEqual(['□ 중국과학원은 햏빛 관측 위성 2기를 2023년 상반기에 발사할 계획', '○ 관측 자료는 국제 공동연구에 공개할 예정'])
    expect(doc.text).not.toContain('KISTEP 발간물')
  })

  test('<meta charset="euc-kr"> also means CP949', async () => {
    const bytes = iconv.encode('<html><head><meta charset="EUC-KR"><title>똠</title></head><body><article><p>햏 힣</p></article></body></html>', 'cp949')
    const doc = await readHtml(bytes, 'x.html')
    expect(doc.encoding).toBe('cp949')
    expect(doc.text).toBe('햏 힣')
  })

  test('a UTF-8 BOM without a meta tag; <h2> headings; the .view_body container', async () => {
    const doc = await readHtml(fixture('bom-no-meta.html'), 'bom.html')
    expect(doc.encoding).toBe('utf-8-bom')
    expect(doc.meta.publisher).toBe('KOSEN')
    expect(doc.text.split('\n').filter(Boolean)).toEqual([
      '## 1) 관측망 현황',
      '남중국해에 부이 30기를 배치하였다.',
      '## 2) 향후 계획',
      '2026년까지 50기로 확대할 예정이다.'
    ])
  })

  test('a saved copy re-encoded as UTF-8 that still says euc-kr is read as UTF-8, and says so', async () => {
    const doc = await readHtml(utf8('<html><head><meta charset="euc-kr"></head><body><article><p>똠방각하</p></article></body></html>'), 'saved.html')
    expect(doc.encoding).toBe('utf-8')
    expect(doc.text).toBe('똠방각하')
    expect(doc.notes).toContain('declared euc-kr but the bytes are UTF-8: read as UTF-8')
  })

  test('no declared charset and not UTF-8: CP949', async () => {
    const doc = await readHtml(iconv.encode('<p>한중과학기술협력센터 똠방각하</p>', 'cp949'), 'legacy.htm')
    expect(doc.encoding).toBe('cp949')
    expect(doc.text).toBe('한중과학기술협력센터 똠방각하')
  })
})

describe('readHtml: finding the article', () => {
  test('an unknown site: readability finds the article; menus and sidebar are left out', async () => {
    const doc = await readHtml(fixture('unknown-site-readability.html'), 'blog.html')
    expect(doc.notes).toContain('article found by readability')
    expect(doc.meta.published).toBe('2023-09-05')
    const lines = doc.text.split('\n').filter(Boolean)
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^청두시는 9월 4일/)
    for (const chrome of ['인기 글', '다른 글', '태그', '어느 블로그']) expect(doc.text).not.toContain(chrome)
  })

  test('the embassy post via KOCHAM: title from the board, publisher from the host, ㅇ and l kept as written', async () => {
    const doc = await readHtml(fixture('kocham-table-layout.html'), 'kocham.html')
    expect(doc.meta.title).toBe('[대사관] 중국 과학기술 동향(’18.11.26)')
    expect(doc.meta.publisher).toBe('주중국 대한민국 대사관')
    expect(doc.text.split('\n')).toEqual([
      'ㅇ 과기부, 인공지능 혁신 발전 시범구 2곳 추가 지정(11.22)',
      'l 시범구는 정책 실험과 인재 유치에 중점',
      'ㅇ 국가지식재산권국, 특허 심사 기간 단축 방안 발표(11.23)',
      '※ 출처: 주중국 대한민국 대사관 과학기술정보통신관'
    ])
  })

  test('nested lists are indented under their item; ordered lists are numbered', async () => {
    const doc = await readHtml(utf8('<article><ol><li>첫째<ul><li>세부 가</li></ul></li><li>둘째</li></ol></article>'), 'l.html')
    expect(doc.text.split('\n')).toEqual(['1. 첫째', '  - 세부 가', '2. 둘째'])
  })

  test('a one-column layout table is read as blocks, not a pipe table', async () => {
    const doc = await readHtml(utf8('<div class="view_content"><table><tr><td><p>□ 첫 문단</p><p>○ 둘째 문단</p></td></tr></table></div>'), 't.html')
    expect(doc.text.split('\n').filter(Boolean)).toEqual(['□ 첫 문단', '○ 둘째 문단'])
  })

  test('javascript: links keep their text only; relative links resolve against the canonical URL', async () => {
    const html = '<head><link rel="canonical" href="https://www.kosen21.org/a/1"></head><article><p><a href="javascript:go()">열기</a> <a href="/files/r.pdf">보고서</a></p></article>'
    const doc = await readHtml(utf8(html), 'k.html')
    expect(doc.text).toBe('열기 [보고서](https://www.kosen21.org/files/r.pdf)')
  })

  test('a page with no readable text is refused in one line', async () => {
    await expect(readHtml(utf8('<html><head><script>var a = 1</script></head><body> </body></html>'), 'e.html')).rejects.toThrow(ImportError)
    await expect(readHtml(new Uint8Array(0), 'e.html')).rejects.toThrow('the page is empty')
  })
})
