/**
 * scripts/chromium.ts: the order in which the browser is found, what the set-up installs and when, and the
 * lines it prints, all on a fake machine (nothing here installs or launches anything).
 */
import { describe, expect, it } from 'vitest'
import {
  badChromiumPathMessage,
  chromiumPathOrThrow,
  findChromium,
  isDebianLike,
  needsChromiumMessage,
  setUpChromium,
  windowsPaths
} from '../../../scripts/chromium.ts'
import type { ResolveDeps, SetupDeps } from '../../../scripts/chromium.ts'

const PW = '/home/u/.cache/ms-playwright/chromium-1/chrome-linux64/chrome'
const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n'

interface Machine {
  platform?: NodeJS.Platform
  env?: Record<string, string | undefined>
  /** Executable files. */
  files?: string[]
  /** name → path of executables on PATH. */
  onPath?: Record<string, string>
  playwright?: string | (() => string)
}

function resolveDeps(m: Machine): ResolveDeps {
  const files = new Set(m.files ?? [])
  return {
    env: m.env ?? {},
    platform: m.platform ?? 'linux',
    isExecutable: (path) => files.has(path),
    which: (name) => m.onPath?.[name],
    playwrightChromiumPath: () => (typeof m.playwright === 'function' ? m.playwright() : m.playwright)
  }
}

interface FakeSetup extends SetupDeps {
  calls: string[]
  lines: string[]
}

/**
 * A fake machine for the set-up. `installs` maps a command line's install step to what it puts on the
 * machine (a PATH name and path), so a later lookup finds it; `fails` lists command lines that exit 1.
 */
function setupDeps(
  m: Machine & {
    root?: boolean
    osRelease?: string
    debs?: string[]
    sudoOk?: boolean
    aptGives?: Record<string, string>
    aptFails?: boolean
    playwrightGives?: string
  }
): FakeSetup {
  const onPath = { ...(m.onPath ?? {}) }
  const files = [...(m.files ?? [])]
  const calls: string[] = []
  const lines: string[] = []
  const machine: Machine = { ...m, onPath, files }
  const deps: FakeSetup = {
    calls,
    lines,
    get env() {
      return machine.env ?? {}
    },
    platform: m.platform ?? 'linux',
    isExecutable: (path) => files.includes(path),
    which: (name) => onPath[name],
    playwrightChromiumPath: () => (typeof machine.playwright === 'function' ? machine.playwright() : machine.playwright),
    isRoot: m.root ?? false,
    osRelease: () => m.osRelease,
    debInstalled: (pkg) => (m.debs ?? []).includes(pkg),
    run(command, args) {
      const line = [command, ...args].join(' ')
      calls.push(line)
      if (line === 'sudo -n true') return m.sudoOk ? 0 : 1
      if (m.aptFails && line.includes('apt-get')) return 100
      if (line.includes('apt-get install')) Object.assign(onPath, m.aptGives ?? {})
      return 0
    },
    async playwrightInstall() {
      calls.push('playwright install chromium')
      if (!m.playwrightGives) return 1
      files.push(m.playwrightGives)
      machine.playwright = m.playwrightGives
      return 0
    },
    log: (line) => lines.push(line)
  }
  return deps
}

describe('findChromium: resolution order', () => {
  const everything: Machine = {
    env: { CHROMIUM_PATH: '/opt/my/chrome' },
    files: ['/opt/my/chrome', PW],
    playwright: PW,
    onPath: { chromium: '/usr/bin/chromium', 'google-chrome': '/usr/bin/google-chrome' }
  }

  it('takes CHROMIUM_PATH first when it is an executable', () => {
    expect(findChromium(resolveDeps(everything))).toEqual({ found: true, path: '/opt/my/chrome', source: 'CHROMIUM_PATH' })
  })

  it('stops with an error naming CHROMIUM_PATH when it points at nothing, even if other browsers exist', () => {
    const r = findChromium(resolveDeps({ ...everything, env: { CHROMIUM_PATH: '/nope/chrome' } }))
    expect(r).toEqual({ found: false, error: badChromiumPathMessage('/nope/chrome') })
    expect(badChromiumPathMessage('/nope/chrome')).toContain('CHROMIUM_PATH=/nope/chrome')
  })

  it('treats an empty CHROMIUM_PATH as unset', () => {
    const r = findChromium(resolveDeps({ ...everything, env: { CHROMIUM_PATH: '' } }))
    expect(r).toEqual({ found: true, path: PW, source: 'playwright' })
  })

  it("then Playwright's own Chromium, only when its file exists", () => {
    const noEnv = { ...everything, env: {} }
    expect(findChromium(resolveDeps(noEnv))).toEqual({ found: true, path: PW, source: 'playwright' })
    const notInstalled = { ...noEnv, files: [] }
    expect(findChromium(resolveDeps(notInstalled))).toEqual({ found: true, path: '/usr/bin/chromium', source: 'system' })
  })

  it('survives a Playwright that cannot say where its browser is', () => {
    const m: Machine = {
      playwright: () => {
        throw new Error('unsupported platform')
      },
      onPath: { 'chromium-browser': '/usr/bin/chromium-browser' }
    }
    expect(findChromium(resolveDeps(m))).toEqual({ found: true, path: '/usr/bin/chromium-browser', source: 'system' })
  })

  it('then PATH in the order chromium, chromium-browser, google-chrome, google-chrome-stable', () => {
    const all = {
      chromium: '/a/chromium',
      'chromium-browser': '/a/chromium-browser',
      'google-chrome': '/a/google-chrome',
      'google-chrome-stable': '/a/google-chrome-stable'
    }
    const order: string[] = []
    let remaining: Record<string, string> = { ...all }
    while (Object.keys(remaining).length > 0) {
      const r = findChromium(resolveDeps({ onPath: remaining }))
      if (!r.found) throw new Error('expected a browser')
      order.push(r.path)
      remaining = Object.fromEntries(Object.entries(remaining).filter(([, p]) => p !== r.path))
    }
    expect(order).toEqual(['/a/chromium', '/a/chromium-browser', '/a/google-chrome', '/a/google-chrome-stable'])
  })

  it('then the macOS applications, Chromium before Chrome, only on macOS', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    const chromium = '/Applications/Chromium.app/Contents/MacOS/Chromium'
    expect(findChromium(resolveDeps({ platform: 'darwin', files: [chrome, chromium] }))).toEqual({
      found: true,
      path: chromium,
      source: 'system'
    })
    expect(findChromium(resolveDeps({ platform: 'darwin', files: [chrome] }))).toMatchObject({ path: chrome })
    expect(findChromium(resolveDeps({ platform: 'linux', files: [chrome] }))).toEqual({ found: false })
  })

  it('then the Windows install folders, Chrome in Program Files first, with any case of the variable names', () => {
    const env = {
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local'
    }
    expect(windowsPaths({ env, platform: 'win32' })).toEqual([
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\u\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files\\Chromium\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Chromium\\Application\\chrome.exe',
      'C:\\Users\\u\\AppData\\Local\\Chromium\\Application\\chrome.exe'
    ])
    const local = 'C:\\Users\\u\\AppData\\Local\\Chromium\\Application\\chrome.exe'
    expect(findChromium(resolveDeps({ platform: 'win32', env, files: [local] }))).toEqual({ found: true, path: local, source: 'system' })
    // CHROMIUM_PATH is found whatever its case on Windows
    expect(findChromium(resolveDeps({ platform: 'win32', env: { chromium_path: 'D:\\c.exe' }, files: ['D:\\c.exe'] }))).toMatchObject({
      source: 'CHROMIUM_PATH'
    })
  })

  it('finds nothing on an empty machine, and chromiumPathOrThrow says what to install', () => {
    expect(findChromium(resolveDeps({}))).toEqual({ found: false })
    expect(() => chromiumPathOrThrow(resolveDeps({}))).toThrow(needsChromiumMessage('npm run test:e2e'))
    expect(() => chromiumPathOrThrow(resolveDeps({ env: { CHROMIUM_PATH: '/x' } }))).toThrow('CHROMIUM_PATH=/x')
    expect(chromiumPathOrThrow(resolveDeps({ onPath: { chromium: '/usr/bin/chromium' } }))).toBe('/usr/bin/chromium')
  })
})

describe('needsChromiumMessage', () => {
  it('is one line naming what to install on each system and CHROMIUM_PATH', () => {
    const line = needsChromiumMessage()
    expect(line).not.toContain('\n')
    expect(line).toBe(
      'npm test needs Chromium or Chrome: install it (Debian/Ubuntu: sudo apt-get install chromium fonts-noto-cjk xvfb; ' +
        'macOS: brew install --cask chromium; Windows: install Google Chrome; or set CHROMIUM_PATH=/path/to/chrome)'
    )
  })
})

describe('isDebianLike', () => {
  const which = (names: string[]) => (n: string) => (names.includes(n) ? `/usr/bin/${n}` : undefined)
  it('reads ID and ID_LIKE from /etc/os-release, or falls back to apt-get on PATH', () => {
    expect(isDebianLike({ osRelease: () => DEBIAN, which: which([]) })).toBe(true)
    expect(isDebianLike({ osRelease: () => 'ID=ubuntu\nID_LIKE=debian\n', which: which([]) })).toBe(true)
    expect(isDebianLike({ osRelease: () => 'ID=linuxmint\nID_LIKE="ubuntu debian"\n', which: which([]) })).toBe(true)
    expect(isDebianLike({ osRelease: () => 'ID=fedora\n', which: which([]) })).toBe(false)
    expect(isDebianLike({ osRelease: () => undefined, which: which(['apt-get']) })).toBe(true)
    expect(isDebianLike({ osRelease: () => undefined, which: which([]) })).toBe(false)
  })
})

describe('setUpChromium', () => {
  const APT_UPDATE = 'env DEBIAN_FRONTEND=noninteractive apt-get update -qq'
  const aptInstall = (pkgs: string, sudo = false) =>
    `${sudo ? 'sudo -n ' : ''}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${pkgs}`

  it('uses a browser that is there and installs nothing when fonts and xvfb are there too', async () => {
    const deps = setupDeps({
      root: true,
      osRelease: DEBIAN,
      onPath: { chromium: '/usr/bin/chromium', 'xvfb-run': '/usr/bin/xvfb-run' },
      debs: ['chromium', 'fonts-noto-cjk', 'xvfb']
    })
    expect(await setUpChromium(deps)).toEqual({ ok: true, path: '/usr/bin/chromium', source: 'system' })
    expect(deps.calls).toEqual([])
  })

  it('as root on Debian, installs missing fonts-noto-cjk and xvfb even when a browser exists', async () => {
    const deps = setupDeps({ root: true, osRelease: DEBIAN, onPath: { chromium: '/usr/bin/chromium' } })
    expect(await setUpChromium(deps)).toEqual({ ok: true, path: '/usr/bin/chromium', source: 'system' })
    expect(deps.calls).toEqual([APT_UPDATE, aptInstall('fonts-noto-cjk xvfb')])
  })

  it('goes on with the browser it has when installing the extras fails', async () => {
    const deps = setupDeps({ root: true, osRelease: DEBIAN, onPath: { chromium: '/usr/bin/chromium' }, aptFails: true })
    expect(await setUpChromium(deps)).toEqual({ ok: true, path: '/usr/bin/chromium', source: 'system' })
    expect(deps.lines).toContain('set-up: could not install fonts-noto-cjk xvfb; going on without them')
  })

  it('does not sudo for the extras when a browser exists', async () => {
    const deps = setupDeps({ sudoOk: true, onPath: { chromium: '/usr/bin/chromium', sudo: '/usr/bin/sudo' }, osRelease: DEBIAN })
    expect(await setUpChromium(deps)).toMatchObject({ ok: true })
    expect(deps.calls).toEqual([])
  })

  it('as root on Debian without a browser, installs chromium, fonts-noto-cjk and xvfb with apt-get', async () => {
    const deps = setupDeps({ root: true, osRelease: DEBIAN, aptGives: { chromium: '/usr/bin/chromium' } })
    expect(await setUpChromium(deps)).toEqual({ ok: true, path: '/usr/bin/chromium', source: 'apt' })
    expect(deps.calls).toEqual([APT_UPDATE, aptInstall('chromium fonts-noto-cjk xvfb')])
    expect(deps.lines).toEqual(['set-up: installing chromium fonts-noto-cjk xvfb (apt-get)'])
  })

  it('installs only the packages that are missing', async () => {
    const deps = setupDeps({
      root: true,
      osRelease: DEBIAN,
      debs: ['fonts-noto-cjk'],
      onPath: { 'xvfb-run': '/usr/bin/xvfb-run' },
      aptGives: { chromium: '/usr/bin/chromium' }
    })
    expect(await setUpChromium(deps)).toMatchObject({ ok: true, source: 'apt' })
    expect(deps.calls).toEqual([APT_UPDATE, aptInstall('chromium')])
  })

  it('with passwordless sudo, installs through sudo -n', async () => {
    const deps = setupDeps({ sudoOk: true, osRelease: DEBIAN, onPath: { sudo: '/usr/bin/sudo' }, aptGives: { chromium: '/usr/bin/chromium' } })
    expect(await setUpChromium(deps)).toMatchObject({ ok: true, source: 'apt' })
    expect(deps.calls).toEqual([
      'sudo -n true',
      `sudo -n ${APT_UPDATE}`,
      aptInstall('chromium fonts-noto-cjk xvfb', true)
    ])
  })

  it('without root or sudo on Debian, tries playwright install chromium', async () => {
    const deps = setupDeps({ osRelease: DEBIAN, onPath: { sudo: '/usr/bin/sudo' }, sudoOk: false, playwrightGives: PW })
    expect(await setUpChromium(deps)).toEqual({ ok: true, path: PW, source: 'playwright install' })
    expect(deps.calls).toEqual(['sudo -n true', 'playwright install chromium'])
  })

  it('when apt-get fails, falls back to playwright install chromium', async () => {
    const deps = setupDeps({ root: true, osRelease: DEBIAN, aptFails: true, playwrightGives: PW })
    expect(await setUpChromium(deps)).toEqual({ ok: true, path: PW, source: 'playwright install' })
    expect(deps.calls).toEqual([APT_UPDATE, 'playwright install chromium'])
  })

  it('off Debian (macOS, Windows, Fedora), uses playwright install chromium and never apt-get', async () => {
    for (const m of [
      { platform: 'darwin' as const },
      { platform: 'win32' as const },
      { platform: 'linux' as const, osRelease: 'ID=fedora\n', root: true }
    ]) {
      const deps = setupDeps({ ...m, playwrightGives: PW })
      expect(await setUpChromium(deps)).toEqual({ ok: true, path: PW, source: 'playwright install' })
      expect(deps.calls).toEqual(['playwright install chromium'])
    }
  })

  it('when nothing works, returns the one line saying what to install, having run no suite', async () => {
    const deps = setupDeps({ root: true, osRelease: DEBIAN, aptFails: true })
    expect(await setUpChromium(deps)).toEqual({ ok: false, message: needsChromiumMessage() })
    const mac = setupDeps({ platform: 'darwin' })
    expect(await setUpChromium(mac)).toEqual({ ok: false, message: needsChromiumMessage() })
    // nothing else printed: the message is the one line
    expect(mac.lines).toEqual([])
  })

  it('a CHROMIUM_PATH that points at nothing stops the set-up at once, installing nothing', async () => {
    const deps = setupDeps({ root: true, osRelease: DEBIAN, env: { CHROMIUM_PATH: '/gone/chrome' }, playwrightGives: PW })
    expect(await setUpChromium(deps)).toEqual({ ok: false, message: badChromiumPathMessage('/gone/chrome') })
    expect(deps.calls).toEqual([])
  })
})
