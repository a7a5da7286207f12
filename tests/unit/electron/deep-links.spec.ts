import { describe, expect, test } from 'vitest'
import { linkFromArgv } from '../../../electron/main/deep-links.ts'

describe('linkFromArgv', () => {
  test('finds the link a second instance was started with, after Electron\'s own arguments', () => {
    const argv = ['/opt/Briefing Reader/briefing-reader', '--no-sandbox', 'briefing-reader://item/kostec-weekly-2023-04-07/I-01']
    expect(linkFromArgv(argv)).toEqual({ kind: 'item', id: 'kostec-weekly-2023-04-07/I-01' })
  })

  test('ignores other arguments and malformed links', () => {
    expect(linkFromArgv(['electron', '.', '--flag', 'https://example.com'])).toBeNull()
    expect(linkFromArgv(['briefing-reader://item/../../x', 'briefing-reader://note/urn:uuid:1'])).toEqual({ kind: 'note', id: 'urn:uuid:1' })
  })
})
