import { fromMarkdown } from 'mdast-util-from-markdown'
import { toString } from 'mdast-util-to-string'
import { describe, expect, test } from 'vitest'
import { exportNotesDigest } from '../../../archive/notes/export-digest.ts'
import { DEFAULT_COLOR_MEANINGS, type Annotation } from '../../../archive/notes/model.ts'
import type { AnnotationView } from '../../../archive/notes/query-notes.ts'

const T = '2026-04-12T09:30:00+09:00'
function view(annotation: Partial<Annotation> & Pick<Annotation, 'kind'>, extra: Partial<AnnotationView>): AnnotationView {
  return {
    annotation: { id: `urn:uuid:${Math.random()}`, briefingId: 'b', created: T, modified: T, tags: [], ...annotation } as Annotation,
    status: 'exact',
    briefing: { id: 'sample-weekly-2026-03-06', series: '샘플 과학기술 정책 주간동향', published: '2026-03-06' },
    itemId: 'sample-weekly-2026-03-06/I-01',
    item: { id: 'sample-weekly-2026-03-06/I-01', section: 'I', number: '01', title: '과기부, 지침 공개', category: '기술전략', regions: [] },
    order: 0,
    ...extra
  }
}

describe('notes digest', () => {
  const views = [
    view({ kind: 'highlight', color: 'red', comment: '**확인**', text: '바이두*는 연맹 설립', tags: ['양자'] } as never, { quote: '바이두*는 연맹 설립' }),
    view({ kind: 'note', text: '- 후속 질의', tags: [] } as never, { item: undefined, itemId: undefined, briefing: { id: 'x', series: '시리즈', published: '2025-01-03' } }),
    view({ kind: 'bookmark', state: 'review', reason: '회의 안건', tags: ['양자', '후속'] } as never, {})
  ]

  test('grouped by briefing: newest first, each note under its briefing, quotes escaped', () => {
    const md = exportNotesDigest({ views, groupBy: 'briefing', colorMeanings: DEFAULT_COLOR_MEANINGS, lang: 'ko', exported: T, title: '모든 메모' })
    expect(md.startsWith('---\ntitle: "모든 메모"\n')).toBe(true)
    expect(md.endsWith('\n')).toBe(true)
    expect(md).toContain('바이두\\*는')
    const tree = fromMarkdown(md.slice(md.indexOf('---', 3) + 4))
    const h2 = tree.children.filter((n) => n.type === 'heading' && n.depth === 2).map((n) => toString(n))
    expect(h2).toEqual(['2026-03-06 샘플 과학기술 정책 주간동향', '2025-01-03 시리즈'])
    const quote = tree.children.find((n) => n.type === 'blockquote')
    expect(quote && toString(quote)).toBe('바이두*는 연맹 설립')
    expect(md).toContain('검토 필요 · #양자 · 2026-04-12 · [앱에서 열기](briefing-reader://item/sample-weekly-2026-03-06/I-01)')
    expect(md).toContain('북마크 · 검토 필요 · 회의 안건 · #양자 #후속')
  })

  test('grouped by tag: a note with two tags under both, untagged last', () => {
    const md = exportNotesDigest({ views, groupBy: 'tag', colorMeanings: DEFAULT_COLOR_MEANINGS, lang: 'en', exported: T, title: 'All notes' })
    const tree = fromMarkdown(md.slice(md.indexOf('---', 3) + 4))
    const h2 = tree.children.filter((n) => n.type === 'heading' && n.depth === 2).map((n) => toString(n))
    expect(h2).toEqual(['#양자', '#후속', '(none)'])
    expect(md).toContain('Bookmark · Needs review')
  })
})
