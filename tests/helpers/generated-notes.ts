/**
 * Made-up annotations of realistic size (Korean titles, quotes with 32 characters of context, comments,
 * tags) for store tests and measurements: highlights, item notes and bookmarks in a fixed mix, the same
 * for the same `seed`.
 */
import { COLORS, type Annotation } from '../../archive/notes/model.ts'

const WORDS = ['반도체', '인공지능', '베이징', '상하이', '지식재산권', '양자', '과학기술부', '정책', '연구개발', '표준화', '데이터', '전략', '혁신', '산업', '地方政府', '科技']

function words(next: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ')
}

export function generatedAnnotations(count: number, seed = 1): Annotation[] {
  let state = seed >>> 0 || 1
  const next = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
  const out: Annotation[] = []
  for (let i = 0; i < count; i++) {
    const briefingId = `kostec-weekly-2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0')}`
    const itemId = `${briefingId}/I-${String(1 + (i % 20)).padStart(2, '0')}`
    const time = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString()
    const common = {
      id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      briefingId,
      created: time,
      modified: time,
      tags: i % 3 === 0 ? ['반도체', `tag${i % 40}`] : []
    }
    const title = words(next, 5)
    const kind = i % 10 < 7 ? 'highlight' : i % 10 < 9 ? 'note' : 'bookmark'
    if (kind === 'highlight') {
      const exact = words(next, 8)
      out.push({
        ...common,
        kind,
        itemId,
        itemTitle: title,
        quote: { exact, prefix: words(next, 5).slice(0, 32), suffix: words(next, 5).slice(0, 32) },
        text: exact,
        position: { start: 100 + (i % 500), end: 100 + (i % 500) + exact.length },
        itemHash: 'a'.repeat(64),
        normalizer: 1,
        color: COLORS[i % COLORS.length],
        comment: i % 2 === 0 ? `**${words(next, 3)}** ${words(next, 12)}` : ''
      })
    } else if (kind === 'note') {
      out.push({ ...common, kind, itemId, itemTitle: title, text: `${words(next, 30)}\n\n- ${words(next, 6)}` })
    } else {
      out.push({ ...common, kind, itemId, itemTitle: title, reason: words(next, 4), state: 'review' })
    }
  }
  return out
}
