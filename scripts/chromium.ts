/**
 * Which Chromium the end-to-end journeys drive, and the set-up `npm test` does when there is none.
 *
 * Resolution order (`findChromium`):
 *   1. `CHROMIUM_PATH`, when set: it must be an executable file, or resolution stops with an error naming it;
 *   2. Playwright's own Chromium (`chromium.executablePath()`), when that file exists;
 *   3. a system Chromium or Chrome: `chromium`, `chromium-browser`, `google-chrome`, `google-chrome-stable`
 *      on PATH, then the usual macOS or Windows install paths.
 *
 * Set-up (`setUpChromium`, run by scripts/run-tests.ts before any suite): when nothing is found, install
 * one — on Debian/Ubuntu as root or with passwordless sudo, `apt-get install chromium fonts-noto-cjk xvfb`;
 * otherwise (or when apt fails) `playwright install chromium` — and when that fails too, return the one line
 * saying what to install. As root on Debian it also installs fonts-noto-cjk (CJK screenshots) and xvfb (the
 * Electron smoke test's xvfb-run) when missing, even if a browser was found.
 *
 * Everything that touches the machine comes in through `ResolveDeps`/`SetupDeps`, so the order and the
 * messages are unit-tested with fakes (tests/unit/scripts/chromium.spec.ts); `realResolveDeps` and
 * `realSetupDeps` are the real ones.
 */
import { spawn, spawnSync } from 'node:child_process'
import { accessSync, constants, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, posix, resolve, win32 } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What resolution reads from the machine. */
export interface ResolveDeps {
  env: Record<string, string | undefined>
  platform: NodeJS.Platform
  /** Whether `path` is an executable file. */
  isExecutable(path: string): boolean
  /** The first executable named `name` on PATH, if any. */
  which(name: string): string | undefined
  /** Where Playwright's own Chromium would be (it may not be installed); undefined when unknown. */
  playwrightChromiumPath(): string | undefined
}

export type ChromiumSource = 'CHROMIUM_PATH' | 'playwright' | 'system'
export type Resolution = { found: true; path: string; source: ChromiumSource } | { found: false; error?: string }

/** Names of a system Chromium or Chrome looked up on PATH, in this order. */
export const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']

export const MAC_PATHS = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
]

/** The Debian packages the journeys use: the browser, CJK fonts for screenshots, xvfb-run for Electron. */
export const DEBIAN_PACKAGES = ['chromium', 'fonts-noto-cjk', 'xvfb']

/** The line `npm test` stops with when no browser can be found or installed. */
export function needsChromiumMessage(who = 'npm test'): string {
  return (
    `${who} needs Chromium or Chrome: install it (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk xvfb; ` +
    'macOS: brew install --cask chromium; Windows: install Google Chrome; or set CHROMIUM_PATH=/path/to/chrome)'
  )
}

export function badChromiumPathMessage(value: string): string {
  return `CHROMIUM_PATH=${value} is set, but there is no executable file there: point it at a Chromium or Chrome binary, or unset it`
}

/** An environment variable; on Windows names are case-insensitive (`ProgramFiles` is `PROGRAMFILES`). */
function envValue(deps: Pick<ResolveDeps, 'env' | 'platform'>, name: string): string | undefined {
  if (deps.platform !== 'win32') return deps.env[name] || undefined
  const key = Object.keys(deps.env).find((k) => k.toUpperCase() === name.toUpperCase())
  return key === undefined ? undefined : deps.env[key] || undefined
}

/** Chrome and Chromium in their Windows install folders. */
export function windowsPaths(deps: Pick<ResolveDeps, 'env' | 'platform'>): string[] {
  const roots = ['PROGRAMFILES', 'PROGRAMFILES(X86)', 'LOCALAPPDATA']
    .map((name) => envValue(deps, name))
    .filter((root): root is string => root !== undefined)
  const browsers = [
    ['Google', 'Chrome', 'Application', 'chrome.exe'],
    ['Chromium', 'Application', 'chrome.exe']
  ]
  return browsers.flatMap((parts) => roots.map((root) => win32.join(root, ...parts)))
}

/** The system browsers looked for after PATH, on this platform. */
function installPaths(deps: ResolveDeps): string[] {
  if (deps.platform === 'darwin') return MAC_PATHS
  if (deps.platform === 'win32') return windowsPaths(deps)
  return []
}

/** The browser to use, without installing anything. */
export function findChromium(deps: ResolveDeps): Resolution {
  const configured = envValue(deps, 'CHROMIUM_PATH')
  if (configured !== undefined) {
    return deps.isExecutable(configured)
      ? { found: true, path: configured, source: 'CHROMIUM_PATH' }
      : { found: false, error: badChromiumPathMessage(configured) }
  }
  let own: string | undefined
  try {
    own = deps.playwrightChromiumPath()
  } catch {
    own = undefined
  }
  if (own && deps.isExecutable(own)) return { found: true, path: own, source: 'playwright' }
  for (const name of PATH_NAMES) {
    const path = deps.which(name)
    if (path) return { found: true, path, source: 'system' }
  }
  for (const path of installPaths(deps)) {
    if (deps.isExecutable(path)) return { found: true, path, source: 'system' }
  }
  return { found: false }
}

/** `findChromium`'s path, or an Error carrying its message (for the Playwright fixture, which installs nothing). */
export function chromiumPathOrThrow(deps: ResolveDeps = realResolveDeps(), who = 'npm run test:e2e'): string {
  const r = findChromium(deps)
  if (r.found) return r.path
  throw new Error(r.error ?? needsChromiumMessage(who))
}

/** What the set-up may do to the machine, besides what resolution reads. */
export interface SetupDeps extends ResolveDeps {
  isRoot: boolean
  /** /etc/os-release, or undefined when there is none. */
  osRelease(): string | undefined
  /** Whether a Debian package is installed (dpkg-query). */
  debInstalled(pkg: string): boolean
  /**
   * Runs a command to its end with the terminal attached (or silently when `quiet`); returns its exit status,
   * or a non-zero number when it could not start.
   */
  run(command: string, args: string[], options?: { quiet?: boolean }): number
  /** Runs `playwright install chromium` quietly (saying so only if it takes a while); resolves to its exit status. */
  playwrightInstall(): Promise<number>
  log(line: string): void
}

export type SetupResult = { ok: true; path: string; source: ChromiumSource | 'apt' | 'playwright install' } | { ok: false; message: string }

/** Debian, Ubuntu or a derivative: /etc/os-release says so, or apt-get is on PATH. */
export function isDebianLike(deps: Pick<SetupDeps, 'osRelease' | 'which'>): boolean {
  const release = deps.osRelease()
  if (release !== undefined) {
    const field = (name: string): string[] => {
      const m = new RegExp(`^${name}=["']?([^"'\\n]*)["']?\\s*$`, 'm').exec(release)
      return m ? m[1].toLowerCase().split(/\s+/) : []
    }
    const ids = [...field('ID'), ...field('ID_LIKE')]
    if (ids.includes('debian') || ids.includes('ubuntu')) return true
  }
  return deps.which('apt-get') !== undefined
}

/** How apt runs here: as root directly, with passwordless sudo, or not at all. */
function aptPrefix(deps: SetupDeps): string[] | undefined {
  if (deps.platform !== 'linux' || !isDebianLike(deps)) return undefined
  if (deps.isRoot) return []
  if (deps.which('sudo') && deps.run('sudo', ['-n', 'true'], { quiet: true }) === 0) return ['sudo', '-n']
  return undefined
}

function aptInstall(deps: SetupDeps, prefix: string[], packages: string[]): boolean {
  deps.log(`set-up: installing ${packages.join(' ')} (apt-get)`)
  const [command, ...rest] = [...prefix, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get']
  if (deps.run(command, [...rest, 'update', '-qq']) !== 0) return false
  return deps.run(command, [...rest, 'install', '-y', '-qq', '--no-install-recommends', ...packages]) === 0
}

/** fonts-noto-cjk and xvfb, when missing. */
function missingExtras(deps: SetupDeps): string[] {
  const missing: string[] = []
  if (!deps.debInstalled('fonts-noto-cjk')) missing.push('fonts-noto-cjk')
  if (!deps.which('xvfb-run')) missing.push('xvfb')
  return missing
}

/** Finds a browser, installing one when there is none; never throws. */
export async function setUpChromium(deps: SetupDeps, who = 'npm test'): Promise<SetupResult> {
  const first = findChromium(deps)
  if (!first.found && first.error) return { ok: false, message: first.error }

  if (first.found) {
    // the extras only as root (the CI machine): never a sudo prompt for fonts on a developer's machine
    const extras = deps.isRoot && aptPrefix(deps) !== undefined ? missingExtras(deps) : []
    if (extras.length > 0 && !aptInstall(deps, [], extras)) {
      deps.log(`set-up: could not install ${extras.join(' ')}; going on without them`)
    }
    return { ok: true, path: first.path, source: first.source }
  }

  const prefix = aptPrefix(deps)
  if (prefix !== undefined) {
    if (aptInstall(deps, prefix, ['chromium', ...missingExtras(deps)])) {
      const after = findChromium(deps)
      if (after.found) return { ok: true, path: after.path, source: 'apt' }
    }
    deps.log('set-up: apt-get did not give a Chromium; trying playwright install chromium')
  }
  if ((await deps.playwrightInstall()) === 0) {
    const after = findChromium(deps)
    if (after.found) return { ok: true, path: after.path, source: 'playwright install' }
  }
  return { ok: false, message: needsChromiumMessage(who) }
}

// ---- the real machine ----

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const requireHere = createRequire(import.meta.url)

function isExecutableFile(path: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false
    if (platform !== 'win32') accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

export function realResolveDeps(env: Record<string, string | undefined> = process.env): ResolveDeps {
  const platform = process.platform
  const isExecutable = (path: string): boolean => isExecutableFile(path, platform)
  return {
    env,
    platform,
    isExecutable,
    which(name) {
      const pathVar = (platform === 'win32' ? Object.entries(env).find(([k]) => k.toUpperCase() === 'PATH')?.[1] : env['PATH']) ?? ''
      const exts = platform === 'win32' ? (env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';') : ['']
      const join2 = platform === 'win32' ? win32.join : posix.join
      for (const dir of pathVar.split(platform === 'win32' ? ';' : ':')) {
        if (!dir) continue
        for (const ext of exts) {
          const candidate = join2(dir, name + ext.toLowerCase())
          if (isExecutable(candidate)) return candidate
        }
      }
      return undefined
    },
    playwrightChromiumPath() {
      // Loaded only here, so the unit tests of the logic above never load Playwright.
      const { chromium } = requireHere('@playwright/test') as { chromium: { executablePath(): string } }
      return chromium.executablePath()
    }
  }
}

export function realSetupDeps(env: Record<string, string | undefined> = process.env): SetupDeps {
  const base = realResolveDeps(env)
  const run: SetupDeps['run'] = (command, args, options) => {
    const r = spawnSync(command, args, { stdio: options?.quiet ? 'ignore' : 'inherit', env: env as NodeJS.ProcessEnv })
    return r.status ?? 1
  }
  return {
    ...base,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    osRelease() {
      try {
        return readFileSync('/etc/os-release', 'utf8')
      } catch {
        return undefined
      }
    },
    debInstalled(pkg) {
      const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' })
      return r.status === 0 && r.stdout.includes('ok installed')
    },
    run,
    playwrightInstall: () =>
      new Promise((resolvePromise) => {
        // quiet: where the download cannot work its retries print screens of stack traces before the one line
        const cli = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js')
        const child = spawn(process.execPath, [cli, 'install', 'chromium'], { env: env as NodeJS.ProcessEnv, stdio: 'ignore' })
        const notice = setTimeout(() => console.log('set-up: no Chromium or Chrome found; downloading one (playwright install chromium)…'), 5000)
        const done = (status: number): void => {
          clearTimeout(notice)
          resolvePromise(status)
        }
        child.on('error', () => done(1))
        child.on('exit', (code) => done(code ?? 1))
      }),
    log: (line) => console.log(line)
  }
}
