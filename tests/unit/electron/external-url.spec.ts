import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { isExternalWebUrl } from '../../../electron/shared/external-url.ts'

describe('isExternalWebUrl', () => {
  const cases: { name: string; url: unknown; expected: boolean }[] = [
    { name: 'https', url: 'https://www.most.gov.cn/xxgk/index.html', expected: true },
    { name: 'http with query and fragment', url: 'http://www.gov.cn/a?b=1#c', expected: true },
    { name: 'an IDN host', url: 'https://例子.中国/', expected: true },
    { name: 'file:', url: 'file:///etc/passwd', expected: false },
    { name: 'a UNC path', url: '\\\\server\\share\\x.exe', expected: false },
    { name: 'smb:', url: 'smb://server/share', expected: false },
    { name: 'javascript:', url: 'javascript:alert(1)', expected: false },
    { name: 'data:', url: 'data:text/html,<script>alert(1)</script>', expected: false },
    { name: 'mailto:', url: 'mailto:a@b.c', expected: false },
    { name: 'our own scheme', url: 'app://renderer/index.html', expected: false },
    { name: 'a custom handler scheme', url: 'ms-msdt:/id PCWDiagnostic', expected: false },
    { name: 'a relative URL', url: '/index.html', expected: false },
    { name: 'credentials', url: 'https://user:pw@example.com/', expected: false },
    { name: 'leading whitespace', url: ' https://example.com/', expected: false },
    { name: 'an embedded newline', url: 'https://example.com/\nfile:///x', expected: false },
    { name: 'the empty string', url: '', expected: false },
    { name: 'a non-string', url: 42, expected: false },
    { name: 'a huge URL', url: `https://example.com/${'a'.repeat(9000)}`, expected: false }
  ]
  for (const { name, url, expected } of cases) {
    test(`${expected ? 'allows' : 'refuses'} ${name}`, () => {
      expect(isExternalWebUrl(url)).toBe(expected)
    })
  }

  test('never allows a URL whose parsed protocol is not http(s)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl(), fc.string(), fc.constantFrom('file:', 'javascript:', 'smb:', 'app:')), (s) => {
        if (!isExternalWebUrl(s)) return
        expect(['http:', 'https:']).toContain(new URL(s).protocol)
      }),
      { numRuns: 5000 }
    )
  })

  test('allows every generated http(s) URL without credentials', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        expect(isExternalWebUrl(url)).toBe(true)
      }),
      { numRuns: 1000 }
    )
  })
})
