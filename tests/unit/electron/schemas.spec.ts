import { describe, expect, test } from 'vitest'
import { API_SCHEMAS, isApiMethod } from '../../../electron/main/ipc/schemas.ts'
import { API_METHODS } from '../../../electron/shared/ipc-contract.ts'

describe('API_SCHEMAS', () => {
  test('has one schema per contract method and nothing else', () => {
    expect(Object.keys(API_SCHEMAS).sort()).toEqual([...API_METHODS].sort())
  })

  const accepted = [
    { method: 'listBriefings', input: {} },
    { method: 'getBriefing', input: { id: 'kostec-weekly-2023-04-07' } },
    { method: 'openExternal', input: { url: 'https://news.sciencenet.cn/htmlnews/2023/3/497002.shtm' } },
    { method: 'openExternal', input: { url: 'http://www.kostec.re.kr' } },
    { method: 'getSettings', input: {} },
    { method: 'updateSettings', input: {} },
    { method: 'updateSettings', input: { locale: 'en', theme: 'dark', zoom: 1.25 } },
    { method: 'getAppInfo', input: {} }
  ] as const
  for (const c of accepted) {
    test(`accepts ${c.method} ${JSON.stringify(c.input)}`, () => {
      expect(API_SCHEMAS[c.method].safeParse(c.input).success).toBe(true)
    })
  }

  const rejected = [
    { name: 'an extra key on an empty input', method: 'listBriefings', input: { year: 2023 } },
    { name: 'no input at all', method: 'listBriefings', input: undefined },
    { name: 'an array', method: 'getSettings', input: [] },
    { name: 'an extra key next to id', method: 'getBriefing', input: { id: 'a', path: '/etc/passwd' } },
    { name: 'a numeric id', method: 'getBriefing', input: { id: 42 } },
    { name: 'an empty id', method: 'getBriefing', input: { id: '' } },
    { name: 'a path-like id', method: 'getBriefing', input: { id: '../../secrets' } },
    { name: 'an overlong id', method: 'getBriefing', input: { id: 'a'.repeat(201) } },
    { name: 'a javascript: URL', method: 'openExternal', input: { url: 'javascript:alert(1)' } },
    { name: 'a file: URL', method: 'openExternal', input: { url: 'file:///etc/passwd' } },
    { name: 'a data: URL', method: 'openExternal', input: { url: 'data:text/html,<script>1</script>' } },
    { name: 'a relative URL', method: 'openExternal', input: { url: '/api/getSettings' } },
    { name: 'a URL with credentials', method: 'openExternal', input: { url: 'https://user:pw@example.com/' } },
    { name: 'an overlong URL', method: 'openExternal', input: { url: `https://e.com/${'a'.repeat(9000)}` } },
    { name: 'a URL with a control character', method: 'openExternal', input: { url: 'https://e.com/\n' } },
    { name: 'a URL that is not a string', method: 'openExternal', input: { url: ['https://e.com'] } },
    { name: 'an unknown locale', method: 'updateSettings', input: { locale: 'fr' } },
    { name: 'a zoom out of range', method: 'updateSettings', input: { zoom: 10 } },
    { name: 'a zoom given as text', method: 'updateSettings', input: { zoom: '2' } },
    { name: 'an unknown setting', method: 'updateSettings', input: { fontFamily: 'Comic Sans' } }
  ] as const
  for (const c of rejected) {
    test(`rejects ${c.name} (${c.method})`, () => {
      expect(API_SCHEMAS[c.method].safeParse(c.input).success).toBe(false)
    })
  }
})

describe('isApiMethod', () => {
  test('knows the contract methods and not inherited names', () => {
    expect(isApiMethod('getBriefing')).toBe(true)
    for (const name of ['__proto__', 'toString', 'constructor', 'hasOwnProperty', '']) expect(isApiMethod(name)).toBe(false)
  })
})
