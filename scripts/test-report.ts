/**
 * Reading the test runners' JSON reports for `npm test` (scripts/run-tests.ts): how many passed, failed and were
 * skipped, and which failed, one line each, so a log cut to its last lines still names them.
 */

export interface Counts {
  passed: number
  failed: number
  skipped: number
}

/** Vitest's JSON reporter (Jest format). */
export function vitestCounts(json: unknown): Counts {
  const r = json as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + (r.numTodoTests ?? 0) }
}

/** The failed tests in Vitest's JSON report, each as `file › name: first line of its message`. */
export function vitestFailures(json: unknown, root?: string): string[] {
  const r = json as {
    testResults: { name: string; message?: string; assertionResults: { status: string; fullName: string; failureMessages: string[] }[] }[]
  }
  const out: string[] = []
  for (const file of r.testResults) {
    const name = root && file.name.startsWith(root) ? file.name.slice(root.length + 1) : file.name
    const failed = file.assertionResults.filter((a) => a.status === 'failed')
    for (const a of failed) out.push(`${name} › ${a.fullName}: ${firstLine(a.failureMessages[0])}`)
    // a file that failed to load has no failed test of its own
    if (failed.length === 0 && file.message) out.push(`${name}: ${firstLine(file.message)}`)
  }
  return out
}

interface PlaywrightSuite {
  title: string
  file?: string
  specs?: { title: string; line: number; tests: { status: string; results: { error?: { message?: string } }[] }[] }[]
  suites?: PlaywrightSuite[]
}

/** The unexpected results in Playwright's JSON report, each as `file:line › title: first line of its error`. */
export function playwrightFailures(json: unknown): string[] {
  const out: string[] = []
  const walk = (suite: PlaywrightSuite, file: string): void => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status !== 'unexpected') continue
        const error = test.results.find((r) => r.error)?.error?.message
        out.push(`${file}:${spec.line} › ${spec.title}: ${firstLine(error)}`)
      }
    }
    for (const child of suite.suites ?? []) walk(child, child.file ?? file)
  }
  for (const suite of (json as { suites?: PlaywrightSuite[] }).suites ?? []) walk(suite, suite.file ?? suite.title)
  return out
}

const firstLine = (message: string | undefined): string => (message ?? '').replace(/\u001b\[[0-9;]*m/g, '').trim().split('\n')[0]!.slice(0, 300)

/** Playwright's JSON reporter: `flaky` passed on retry and counts as passed. */
export function playwrightCounts(json: unknown): Counts {
  const s = (json as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped }
}
