import { describe, expect, test } from 'vitest'
import {
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  securityHeaders,
  withSecurityHeaders
} from '../../../electron/main/security/csp.ts'

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/)
      return [name, values] as [string, string[]]
    })
  )
}

describe('CONTENT_SECURITY_POLICY', () => {
  const policy = directives(CONTENT_SECURITY_POLICY)
  const expected: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['object-src', ["'none'"]]
  ]
  for (const [name, values] of expected) {
    test(`sets ${name} to ${values.join(' ')}`, () => {
      expect(policy.get(name)).toEqual(values)
    })
  }
  test('never allows eval or inline scripts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/)
  })
})

describe('contentSecurityPolicy', () => {
  test('is the fixed policy without a dev server', () => {
    expect(contentSecurityPolicy()).toBe(CONTENT_SECURITY_POLICY)
  })
  test('adds only the dev server websocket in development', () => {
    const dev = directives(contentSecurityPolicy('http://localhost:5173'))
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173'])
    expect(dev.get('script-src')).toEqual(["'self'"])
  })
  test('ignores a malformed dev server URL', () => {
    expect(contentSecurityPolicy('::nonsense')).toBe(CONTENT_SECURITY_POLICY)
  })
})

describe('withSecurityHeaders', () => {
  test('replaces an existing policy whatever its case and keeps other headers', () => {
    const merged = withSecurityHeaders(
      { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] },
      CONTENT_SECURITY_POLICY
    )
    expect(merged['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
    expect(merged['content-security-policy']).toBeUndefined()
    expect(merged['Content-Type']).toEqual(['text/html'])
    expect(merged['X-Content-Type-Options']).toEqual(['nosniff'])
  })
  test('works when the response had no headers', () => {
    expect(Object.keys(withSecurityHeaders(undefined, 'x'))).toEqual(Object.keys(securityHeaders('x')))
  })
})
