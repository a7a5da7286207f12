import { describe, expect, it } from 'vitest'
import { playwrightCounts, playwrightFailures, vitestCounts, vitestFailures } from '../../../scripts/test-report.ts'

describe('npm test reads the runners’ reports', () => {
  it('names each failed unit test with its file and the first line of its message, and a file that did not load', () => {
    const report = {
      numPassedTests: 3,
      numFailedTests: 1,
      numPendingTests: 1,
      numTodoTests: 0,
      testResults: [
        {
          name: '/repo/tests/unit/a.spec.ts',
          assertionResults: [
            { status: 'passed', fullName: 'a works', failureMessages: [] },
            { status: 'failed', fullName: 'a › keeps order', failureMessages: ['\u001b[31mAssertionError: expected 1 to be 2\u001b[39m\n    at x.ts:1'] }
          ]
        },
        { name: '/repo/tests/unit/b.spec.ts', message: 'Failed to load url ./missing.ts\nmore', assertionResults: [] },
        { name: '/repo/tests/unit/c.spec.ts', assertionResults: [{ status: 'skipped', fullName: 'c', failureMessages: [] }] }
      ]
    }
    expect(vitestCounts(report)).toEqual({ passed: 3, failed: 1, skipped: 1 })
    expect(vitestFailures(report, '/repo')).toEqual([
      'tests/unit/a.spec.ts › a › keeps order: AssertionError: expected 1 to be 2',
      'tests/unit/b.spec.ts: Failed to load url ./missing.ts'
    ])
  })

  it('names each unexpected journey result, in nested suites, and counts a flaky one as passed', () => {
    const report = {
      stats: { expected: 2, unexpected: 1, flaky: 1, skipped: 1 },
      suites: [
        {
          title: 'search.e2e.ts',
          file: 'search.e2e.ts',
          specs: [{ title: 'finds', line: 10, tests: [{ status: 'expected', results: [{}] }] }],
          suites: [
            {
              title: 'a damaged file',
              specs: [
                {
                  title: 'is set aside',
                  line: 42,
                  tests: [{ status: 'unexpected', results: [{ error: { message: 'Error: expect(locator).toBeVisible() failed\n\nLocator: x' } }] }]
                },
                { title: 'retried', line: 50, tests: [{ status: 'flaky', results: [{ error: { message: 'once' } }, {}] }] }
              ]
            }
          ]
        }
      ]
    }
    expect(playwrightCounts(report)).toEqual({ passed: 3, failed: 1, skipped: 1 })
    expect(playwrightFailures(report)).toEqual(['search.e2e.ts:42 › is set aside: Error: expect(locator).toBeVisible() failed'])
  })
})
