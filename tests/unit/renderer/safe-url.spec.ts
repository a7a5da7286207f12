import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { isExternalWebUrl } from '../../../electron/shared/external-url.ts'
import { displayHost, isSafeExternalUrl } from '../../../renderer/lib/safe-url.ts'

describe('isSafeExternalUrl', () => {
  const cases: { name: string; url: unknown; expected: boolean }[] = [
    { name: 'https with a query', url: 'https://baijiahao.baidu.com/s?id=1&wfr=spider&for=pc', expected: true },
    { name: 'http', url: 'http://www.kostec.re.kr', expected: true },
    { name: 'an upper-case scheme', url: 'HTTPS://example.com/', expected: true },
    { name: 'javascript:', url: 'javascript:alert(1)', expected: false },
    { name: 'data:', url: 'data:text/html,<script>alert(1)</script>', expected: false },
    { name: 'file:', url: 'file:///etc/passwd', expected: false },
    { name: 'mailto:', url: 'mailto:a@b.c', expected: false },
    { name: 'a relative path', url: '/index.html', expected: false },
    { name: 'a bare host', url: 'www.example.com', expected: false },
    { name: 'credentials', url: 'https://user:pw@example.com/', expected: false },
    { name: 'leading whitespace', url: ' https://example.com/', expected: false },
    { name: 'an embedded newline', url: 'https://example.com/\njavascript:x', expected: false },
    { name: 'an embedded tab', url: 'java\tscript:alert(1)', expected: false },
    { name: 'the empty string', url: '', expected: false },
    { name: 'a non-string', url: 42, expected: false },
    { name: 'a huge URL', url: `https://example.com/${'a'.repeat(9000)}`, expected: false }
  ]
  for (const { name, url, expected } of cases) {
    test(`${expected ? 'allows' : 'refuses'} ${name}`, () => {
      expect(isSafeExternalUrl(url)).toBe(expected)
    })
  }

  // The renderer keeps its own copy (it may not import electron/ at run time); it must say what main says.
  test('agrees with the main process on every URL', () => {
    const urls = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.webUrl().map((u) => u.replace('://', '://user:pw@')),
      fc.string(),
      fc.constantFrom('file:///x', 'javascript:alert(1)', 'smb://s/x', 'app://renderer/', 'https://', 'http://a b/', ' https://a/'),
      fc.tuple(fc.webUrl(), fc.string({ maxLength: 3 })).map(([u, s]) => u + s)
    )
    fc.assert(
      fc.property(urls, (url) => {
        expect(isSafeExternalUrl(url)).toBe(isExternalWebUrl(url))
      }),
      { numRuns: 5000 }
    )
    for (const { url } of cases) expect(isSafeExternalUrl(url)).toBe(isExternalWebUrl(url))
  })
})

describe('displayHost', () => {
  test('shows the host without www', () => {
    expect(displayHost('http://www.kostec.re.kr/a/b')).toBe('kostec.re.kr')
  })
  test('returns an unparseable input unchanged', () => {
    expect(displayHost('not a url')).toBe('not a url')
  })
})
