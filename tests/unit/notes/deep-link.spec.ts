import { describe, expect, test } from 'vitest'
import { briefingLink, itemLink, noteLink, parseDeepLink } from '../../../archive/notes/model.ts'

describe('deep links', () => {
  test('read back what the link helpers write', () => {
    expect(parseDeepLink(itemLink('kostec-weekly-2023-04-07/I-01'))).toEqual({ kind: 'item', id: 'kostec-weekly-2023-04-07/I-01' })
    expect(parseDeepLink(briefingLink('kostec-weekly-2023-04-07'))).toEqual({ kind: 'briefing', id: 'kostec-weekly-2023-04-07' })
    expect(parseDeepLink(noteLink('urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e'))).toEqual({
      kind: 'note',
      id: 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e'
    })
  })

  test('accept a trailing slash and upper-case scheme, refuse everything else', () => {
    expect(parseDeepLink('BRIEFING-READER://briefing/sample-weekly-2026-01-09/')).toEqual({ kind: 'briefing', id: 'sample-weekly-2026-01-09' })
    for (const bad of [
      'https://item/x',
      'briefing-reader://settings/x',
      'briefing-reader://item/',
      'briefing-reader://item/../../etc/passwd',
      'briefing-reader://briefing/Bad Id',
      'briefing-reader://note/%E0%A4%A',
      'briefing-reader://item/a/I-01?x=<script>'
    ]) {
      expect(parseDeepLink(bad), bad).toBeNull()
    }
  })
})
