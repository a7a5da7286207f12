import { describe, expect, test } from 'vitest'
import { briefingDeepLink, citationLine, itemDeepLink } from '../../../renderer/lib/citation.ts'
import { itemLink, briefingLink } from '../../../archive/notes/model.ts'
import { neighbourIssue } from '../../../renderer/lib/issues.ts'
import { VisitHistory } from '../../../renderer/lib/visit-history.ts'

describe('citation and links', () => {
  test('the citation line names publisher, series, date, item and title', () => {
    const briefing = { publisher: '한중과학기술협력센터', series: '중국 과학기술 정책 주간동향', published: '2023-04-07' }
    expect(citationLine(briefing, { section: 'I', number: '01', title: '베이징·우시, 지식재산권 서비스 강화' })).toBe(
      '한중과학기술협력센터, 「중국 과학기술 정책 주간동향」 2023-04-07, I-01 「베이징·우시, 지식재산권 서비스 강화」'
    )
    expect(citationLine(briefing)).toBe('한중과학기술협력센터, 「중국 과학기술 정책 주간동향」 2023-04-07')
  })

  test('the deep links are the archive’s', () => {
    expect(itemDeepLink('kostec-weekly-2023-04-07/I-01')).toBe(itemLink('kostec-weekly-2023-04-07/I-01'))
    expect(briefingDeepLink('kostec-weekly-2023-04-07')).toBe(briefingLink('kostec-weekly-2023-04-07'))
  })
})

describe('neighbourIssue', () => {
  const b = (id: string, published: string, extra: object = {}) =>
    ({ id, series: 'S', publisher: 'P', published, itemCount: 1, summaryLine: '', sample: false, warningCount: 0, sourceHash: '', ...extra })
  const list = [b('c', '2023-03-03'), b('a', '2023-01-06'), b('x', '2023-02-01', { series: 'T' }), b('b', '2023-02-03'), b('p', '2023-02-04', { kind: 'post' })]
  test('steps through the same series by date, none past either end', () => {
    expect(neighbourIssue(list, list[3], -1)?.id).toBe('a')
    expect(neighbourIssue(list, list[3], 1)?.id).toBe('c')
    expect(neighbourIssue(list, list[1], -1)).toBeNull()
    expect(neighbourIssue(list, list[0], 1)).toBeNull()
    expect(neighbourIssue(list, list[4], 1)).toBeNull()
  })
})

describe('VisitHistory', () => {
  test('goes back and forward; a new visit drops the forward list', () => {
    const h = new VisitHistory()
    h.visit({ kind: 'briefing', id: 'a' })
    h.visit({ kind: 'briefing', id: 'b' })
    expect(h.back()).toEqual({ kind: 'briefing', id: 'a' })
    expect(h.back()).toEqual({ kind: 'home' })
    expect(h.back()).toBeNull()
    expect(h.forward()).toEqual({ kind: 'briefing', id: 'a' })
    h.visit({ kind: 'briefing', id: 'c' })
    expect(h.forward()).toBeNull()
    expect(h.back()).toEqual({ kind: 'briefing', id: 'a' })
  })
})
