/**
 * `npm test`: set-up (a Chromium for the journeys, installed when missing: scripts/chromium.ts), type-check,
 * unit tests, build, end-to-end tests in Chromium, then the Electron smoke test, streaming each tool's output.
 * When no browser can be found or installed it stops before any step with one line saying what to install.
 * `RUN_TESTS_SETUP_ONLY=1` runs the set-up alone. Counts come from the JSON reports (a type-check or the build counts as one
 * check; a skipped test is never a pass), the failed tests are named after the summary, and the last line is
 * `N passed, N failed`. Exits 1 on any failure.
 *
 * Every tool runs on this Node (process.execPath, Node 24 under npm) rather than the system `node`.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { realSetupDeps, setUpChromium } from './chromium.ts'
import { type Counts, playwrightCounts, playwrightFailures, vitestCounts, vitestFailures } from './test-report.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const RESULTS = join(ROOT, 'test-results')
const bin = (path: string): string => join(ROOT, 'node_modules', path)

interface Step {
  name: string
  /** Script run with this Node, and its arguments. */
  script: string
  args: string[]
  /** A JSON report to count tests from; without one the step is one check. */
  report?: { file: string; read: (json: unknown) => Counts; failures: (json: unknown) => string[] }
  /** Why the step cannot run, if it cannot. */
  skipIf?: () => string | undefined
  /** Steps this one needs to have passed. */
  needs?: string[]
  /** Runs the command under `xvfb-run` when there is no display and xvfb-run exists. */
  display?: boolean
}

const hasDisplay = (): boolean => Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY'])
// looked up when needed: the set-up may just have installed it
const xvfbRun = (): string | undefined => ['/usr/bin/xvfb-run', '/bin/xvfb-run'].find((p) => existsSync(p))

const STEPS: Step[] = [
  { name: 'eslint', script: bin('eslint/bin/eslint.js'), args: ['.', '--max-warnings=0', '-f', 'unix'] },
  { name: 'tsc', script: bin('typescript/bin/tsc'), args: ['-p', 'tsconfig.json'] },
  { name: 'tsc (e2e, with the DOM)', script: bin('typescript/bin/tsc'), args: ['-p', 'tests/e2e/tsconfig.json'] },
  {
    name: 'svelte-check',
    script: bin('svelte-check/bin/svelte-check'),
    args: ['--tsconfig', 'renderer/tsconfig.json', '--threshold', 'error']
  },
  // the build comes before the unit tests: some of them load the built main process and preload
  { name: 'build', script: bin('electron-vite/bin/electron-vite.js'), args: ['build', '-c', 'electron.config.ts'] },
  {
    name: 'vitest',
    script: bin('vitest/vitest.mjs'),
    args: ['run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json'],
    report: { file: join(RESULTS, 'unit.json'), read: vitestCounts, failures: (json) => vitestFailures(json, ROOT) }
  },
  {
    name: 'e2e (Chromium)',
    script: bin('@playwright/test/cli.js'),
    args: ['test', '-c', 'tests/playwright.config.ts'],
    report: { file: join(RESULTS, 'e2e.json'), read: playwrightCounts, failures: playwrightFailures },
    needs: ['build']
  },
  {
    name: 'e2e (Electron smoke)',
    script: bin('@playwright/test/cli.js'),
    args: ['test', '-c', 'tests/electron/playwright.config.ts', '--pass-with-no-tests'],
    report: { file: join(RESULTS, 'electron.json'), read: playwrightCounts, failures: playwrightFailures },
    skipIf: () => (existsSync(join(ROOT, 'tests/electron/playwright.config.ts')) ? undefined : 'tests/electron/playwright.config.ts not found'),
    needs: ['build'],
    display: true
  }
]

function run(step: Step, env: NodeJS.ProcessEnv): Promise<number> {
  let command = process.execPath
  let args = [step.script, ...step.args]
  const xvfb = step.display && !hasDisplay() ? xvfbRun() : undefined
  if (xvfb) {
    args = ['-a', '-s', '-screen 0 1280x960x24', command, ...args]
    command = xvfb
  }
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env })
    child.on('error', (error) => {
      console.error(`run-tests: ${step.name} could not start: ${error.message}`)
      resolvePromise(127)
    })
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 128 : 1)))
  })
}

function countStep(step: Step, exitCode: number, failures: string[]): Counts {
  if (!step.report) return exitCode === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 }
  let counts: Counts
  try {
    const json: unknown = JSON.parse(readFileSync(step.report.file, 'utf8'))
    counts = step.report.read(json)
    failures.push(...step.report.failures(json).map((f) => `${step.name}: ${f}`))
  } catch (error) {
    console.error(`run-tests: ${step.name}: no readable report at ${step.report.file} (${String(error)})`)
    return { passed: 0, failed: 1, skipped: 0 }
  }
  // A runner that failed without a failing test (crash, no tests, bad config) is still a failure.
  if (exitCode !== 0 && counts.failed === 0) counts.failed = 1
  return counts
}

async function main(): Promise<number> {
  const started = Date.now()
  const browser = await setUpChromium(realSetupDeps())
  if (!browser.ok) {
    console.error(browser.message)
    return 1
  }
  console.log(`set-up: Chromium ${browser.path} (${browser.source})`)
  if (process.env['RUN_TESTS_SETUP_ONLY'] === '1') return 0
  // the journeys' fixture (tests/e2e/fixtures.ts) launches this one
  const env: NodeJS.ProcessEnv = { ...process.env, CHROMIUM_PATH: browser.path }
  const total: Counts = { passed: 0, failed: 0, skipped: 0 }
  const failedSteps = new Set<string>()
  const lines: string[] = []
  const failures: string[] = []
  for (const step of STEPS) {
    const blocked = step.needs?.find((n) => failedSteps.has(n))
    const reason = blocked ? `${blocked} failed` : step.skipIf?.()
    if (reason) {
      console.log(`\n=== ${step.name}: skipped (${reason})`)
      lines.push(`${step.name}: skipped (${reason})`)
      total.skipped += 1
      if (blocked) failedSteps.add(step.name)
      continue
    }
    if (step.report) rmSync(step.report.file, { force: true })
    console.log(`\n=== ${step.name}`)
    const t0 = Date.now()
    const code = await run(step, env)
    const counts = countStep(step, code, failures)
    if (counts.failed > 0) failedSteps.add(step.name)
    total.passed += counts.passed
    total.failed += counts.failed
    total.skipped += counts.skipped
    const secs = ((Date.now() - t0) / 1000).toFixed(1)
    lines.push(`${step.name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${secs}s)`)
  }
  console.log(`\n=== summary (${((Date.now() - started) / 1000).toFixed(0)}s)`)
  for (const line of lines) console.log(`  ${line}`)
  // named again here, at the end, where a log cut to its last lines still shows them
  if (failures.length > 0) console.log(`failed:\n${failures.map((f) => `  ${f}`).join('\n')}`)
  console.log(`${total.skipped} skipped`)
  console.log(`${total.passed} passed, ${total.failed} failed`)
  return total.failed > 0 ? 1 : 0
}

process.exitCode = await main()
