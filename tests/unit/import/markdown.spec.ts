import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import iconv from 'iconv-lite'
import { frontMatterDate, htmlText, markdownToLines, readMarkdown } from '../../../archive/import/markdown.ts'
import { ImportError } from '../../../archive/import/types.ts'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('readMarkdown', () => {
  test('the fixture: front matter to meta, the body in the line convention', () => {
    const doc = readMarkdown(readFileSync('tests/fixtures/import/md/post-front-matter.md'))
    expect(doc.format).toBe('markdown')
    expect(doc.encoding).toBe('utf-8')
    expect(doc.meta).toEqual({ title: '중국 반도체 지원 정책 동향 (가상 예시)', publisher: '예시 연구원', published: '2024-10-11' })
    expect(doc.notes).toEqual([])
    expect(doc.text).toBe(
      [
        '# 중국 반도체 지원 정책 동향',
        '',
        '## 배경',
        '',
        '중국 정부는 반도체 자급률을 높이기 위한 지원책을 발표함(가상 내용). 이 문단은 두 줄로 나뉘어 있음.',
        '',
        '- 지원 대상: 설계, 제조, 장비',
        '  - 세부: 14nm 이하 공정 우선',
        '- 예산: 1,000억 위안 예산 그래프',
        '',
        '| 구분 | 2023 | 2024 |',
        '|---|---|---|',
        '| 설계 | 10 | 12 |',
        '| 제조 a\\|b | 20 | 25 |',
        '',
        '출처: [예시 뉴스](https://example.org/news) https://example.org/raw',
        '',
        '원문 HTML 블록'
      ].join('\n')
    )
    expect(doc.text).not.toMatch(/<[a-z]/i)
  })

  test('ordered lists keep their numbers, task items their box, hard breaks start a line, code stays', () => {
    const md = '3. 셋\n4. 넷\n\n- [x] 완료\n- [ ] 남음\n\n첫 줄\\\n둘째 줄\n\n```\ncode <b>x</b>\n```\n'
    expect(markdownToLines(md)).toBe('3. 셋\n4. 넷\n\n- [x] 완료\n- [ ] 남음\n\n첫 줄\n둘째 줄\n\ncode <b>x</b>')
  })

  test('reference links resolve; a link whose text is its URL is the URL; images are their alt text', () => {
    expect(markdownToLines('[원문][r] 과 <https://a.kr> ![대체 텍스트](i.png)\n\n[r]: https://r.kr\n')).toBe(
      '[원문](https://r.kr) 과 https://a.kr 대체 텍스트'
    )
  })

  test('raw HTML becomes its text, scripts and styles dropped, <br> a line break', () => {
    expect(htmlText('<div>가<script>bad()</script><style>p{}</style>나</div>')).toBe('가나')
    expect(markdownToLines('<table><tr><td>셀</td></tr></table>\n')).toBe('셀')
    expect(markdownToLines('가<br>나\n')).toBe('가\n나')
  })

  test('front matter: date or published, any date form; unknown keys ignored; bad YAML kept as text', () => {
    expect(readMarkdown(enc('---\npublished: 2024/3/5\nfoo: [1]\n---\n본문')).meta).toEqual({ published: '2024-03-05' })
    expect(readMarkdown(enc('---\ndate: 2024-10-11T09:00:00+09:00\n---\n본문')).meta).toEqual({ published: '2024-10-11' })
    const odd = readMarkdown(enc('---\ndate: 내일\n---\n본문'))
    expect(odd.meta).toEqual({})
    expect(odd.notes).toEqual(['front matter date not understood: 내일'])
    const bad = readMarkdown(enc('---\ntitle: [unclosed\n---\n본문'))
    expect(bad.meta).toEqual({})
    expect(bad.notes[0]).toMatch(/^front matter is not valid YAML/)
    expect(bad.text).toContain('title: [unclosed')
    expect(frontMatterDate('2024-02-30')).toBeUndefined()
    expect(frontMatterDate(new Date(Date.UTC(2024, 0, 2)))).toBe('2024-01-02')
  })

  test('CP949 Markdown decodes like any text', () => {
    const doc = readMarkdown(iconv.encode('---\ntitle: 똠방각하\n---\n# 제목\n\n본문', 'cp949'))
    expect(doc).toMatchObject({ encoding: 'cp949', meta: { title: '똠방각하' }, text: '# 제목\n\n본문' })
  })

  test('a Markdown file with nothing in it is refused', () => {
    expect(() => readMarkdown(enc('---\nfoo: 1\n---\n\n'))).toThrow(ImportError)
  })
})
