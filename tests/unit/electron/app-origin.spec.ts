import { describe, expect, test } from 'vitest'
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  isAppUrl,
  isTrustedSender
} from '../../../electron/main/security/app-origin.ts'

const DEV = 'http://localhost:5173'

describe('isAppUrl', () => {
  const cases = [
    { name: 'the entry page', url: APP_ENTRY_URL, dev: undefined, expected: true },
    { name: 'a deep path with hash', url: `${APP_ORIGIN}/index.html#/briefing/x`, dev: undefined, expected: true },
    { name: 'an upper-case host (hosts are case-insensitive)', url: 'app://RENDERER/index.html', dev: undefined, expected: true },
    { name: 'another host on the app scheme', url: 'app://other/index.html', dev: undefined, expected: false },
    { name: 'a host that only starts with ours', url: 'app://renderer.evil/index.html', dev: undefined, expected: false },
    { name: 'credentials in the URL', url: 'app://user:pw@renderer/index.html', dev: undefined, expected: false },
    { name: 'file://', url: 'file:///work/main/out/renderer/index.html', dev: undefined, expected: false },
    { name: 'https', url: 'https://renderer/index.html', dev: undefined, expected: false },
    { name: 'about:blank', url: 'about:blank', dev: undefined, expected: false },
    { name: 'garbage', url: 'not a url', dev: undefined, expected: false },
    { name: 'the empty string', url: '', dev: undefined, expected: false },
    { name: 'the dev server when given', url: `${DEV}/index.html`, dev: DEV, expected: true },
    { name: 'the dev server when not given', url: `${DEV}/index.html`, dev: undefined, expected: false },
    { name: 'another port of the dev host', url: 'http://localhost:5174/', dev: DEV, expected: false },
    { name: 'a look-alike dev host', url: 'http://localhost:5173.evil.com/', dev: DEV, expected: false },
    { name: 'a non-http dev server URL is ignored', url: 'file:///x', dev: 'file:///x', expected: false }
  ]
  for (const { name, url, dev, expected } of cases) {
    test(`${expected ? 'accepts' : 'refuses'} ${name}`, () => {
      expect(isAppUrl(url, dev)).toBe(expected)
    })
  }
})

describe('isTrustedSender', () => {
  test('trusts our top-level frame', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: null })).toBe(true)
  })
  test('refuses an iframe even on our origin', () => {
    expect(isTrustedSender({ url: APP_ENTRY_URL, parent: { url: APP_ENTRY_URL } })).toBe(false)
  })
  test('refuses a frame that is gone', () => {
    expect(isTrustedSender(null)).toBe(false)
    expect(isTrustedSender(undefined)).toBe(false)
  })
  test('refuses a top-level frame on a foreign origin', () => {
    expect(isTrustedSender({ url: 'https://example.com/', parent: null })).toBe(false)
  })
  test('trusts the dev server only in development', () => {
    expect(isTrustedSender({ url: `${DEV}/`, parent: null }, DEV)).toBe(true)
    expect(isTrustedSender({ url: `${DEV}/`, parent: null })).toBe(false)
  })
})
