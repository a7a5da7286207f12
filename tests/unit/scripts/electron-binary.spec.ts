/**
 * scripts/electron-binary.ts: when Electron's binary counts as installed, what `npm start` does when it is
 * not, and the one line it prints when it cannot be fetched, on a fake node_modules/electron (nothing here
 * downloads anything).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  binaryState,
  commandName,
  electronPlatformPath,
  ensureElectron,
  failureReason,
  installEnv,
  missingMessage
} from '../../../scripts/electron-binary.ts'
import type { ElectronDeps } from '../../../scripts/electron-binary.ts'

const CWD = '/repo'
const PKG = join(CWD, 'node_modules', 'electron')
const DIST = join(PKG, 'dist')
const VERSION = '45.5.0'

interface Fake extends ElectronDeps {
  files: Map<string, string>
  lines: string[]
  installs: Array<Record<string, string | undefined>>
}

function fake(opts: {
  files?: Record<string, string>
  env?: Record<string, string | undefined>
  platform?: string
  arch?: string
  /** What install.js does: the files it writes and its exit status and stderr. */
  install?: { writes?: Record<string, string>; status: number; stderr?: string }
}): Fake {
  const files = new Map(Object.entries(opts.files ?? {}))
  const lines: string[] = []
  const installs: Array<Record<string, string | undefined>> = []
  return {
    files,
    lines,
    installs,
    env: opts.env ?? {},
    platform: opts.platform ?? 'linux',
    arch: opts.arch ?? 'x64',
    cwd: CWD,
    pkg: { dir: PKG, version: VERSION },
    exists: (path) => files.has(path),
    readFile: (path) => files.get(path),
    writeFile: (path, text) => void files.set(path, text),
    async runInstall(env) {
      installs.push(env)
      const install = opts.install ?? { status: 1, stderr: 'TypeError: fetch failed\n' }
      for (const [path, text] of Object.entries(install.writes ?? {})) files.set(path, text)
      return { status: install.status, stderr: install.stderr ?? '' }
    },
    error: (line) => lines.push(line)
  }
}

const INSTALLED = {
  [join(DIST, 'electron')]: '',
  [join(DIST, 'version')]: VERSION,
  [join(PKG, 'path.txt')]: 'electron'
}

describe('binaryState', () => {
  it('is installed when dist holds this version and path.txt points at the executable', () => {
    expect(binaryState(fake({ files: INSTALLED }))).toEqual({ installed: true, path: join(DIST, 'electron') })
  })

  it('accepts a dist/version written with a v and a newline', () => {
    const files = { ...INSTALLED, [join(DIST, 'version')]: `v${VERSION}\n` }
    expect(binaryState(fake({ files }))).toMatchObject({ installed: true })
  })

  it('is installed, with path.txt to write, when the zip was unzipped into dist by hand', () => {
    const files = { [join(DIST, 'electron')]: '', [join(DIST, 'version')]: VERSION }
    expect(binaryState(fake({ files }))).toEqual({ installed: true, path: join(DIST, 'electron'), writePathTxt: 'electron' })
  })

  it('uses the platform path: Electron.app on macOS, electron.exe on Windows', () => {
    expect(electronPlatformPath('darwin')).toBe('Electron.app/Contents/MacOS/Electron')
    expect(electronPlatformPath('win32')).toBe('electron.exe')
    expect(electronPlatformPath('linux')).toBe('electron')
    expect(electronPlatformPath('aix')).toBeUndefined()
    const mac = join(DIST, 'Electron.app/Contents/MacOS/Electron')
    const files = { [mac]: '', [join(DIST, 'version')]: VERSION, [join(PKG, 'path.txt')]: 'Electron.app/Contents/MacOS/Electron' }
    expect(binaryState(fake({ files, platform: 'darwin', arch: 'arm64' }))).toEqual({ installed: true, path: mac })
  })

  it('is missing, to download, with no dist or another version in it', () => {
    expect(binaryState(fake({}))).toEqual({ installed: false, download: true })
    const old = { ...INSTALLED, [join(DIST, 'version')]: '44.0.0' }
    expect(binaryState(fake({ files: old }))).toEqual({
      installed: false,
      download: true,
      reason: 'node_modules/electron/dist holds Electron 44.0.0'
    })
  })

  it('takes ELECTRON_OVERRIDE_DIST_PATH as the folder, never downloading into it', () => {
    const env = { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }
    expect(binaryState(fake({ env, files: { '/opt/electron/electron': '' } }))).toEqual({
      installed: true,
      path: '/opt/electron/electron',
      writePathTxt: 'electron'
    })
    expect(binaryState(fake({ env }))).toEqual({
      installed: false,
      download: false,
      reason: 'ELECTRON_OVERRIDE_DIST_PATH=/opt/electron has no electron'
    })
  })

  it('has no build to fetch on a platform Electron does not support', () => {
    expect(binaryState(fake({ platform: 'aix' }))).toEqual({ installed: false, download: false, reason: 'Electron has no build for aix' })
  })
})

describe('missingMessage', () => {
  it('is one line naming the version, the cause and the proxy, mirror and manual-download fixes', () => {
    const line = missingMessage({
      command: 'npm start',
      version: VERSION,
      platform: 'linux',
      arch: 'x64',
      distDir: 'node_modules/electron/dist',
      downloaded: true,
      reason: 'fetch failed'
    })
    expect(line).not.toContain('\n')
    expect(line).toBe(
      "npm start: Electron 45.5.0's binary is not installed and could not be downloaded (fetch failed). " +
        'To fix it: behind a proxy, set HTTPS_PROXY=http://host:port; ' +
        'or set ELECTRON_MIRROR to a mirror of the releases (e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/); ' +
        'or download https://github.com/electron/electron/releases/download/v45.5.0/electron-v45.5.0-linux-x64.zip by hand ' +
        'and unzip it into node_modules/electron/dist (or anywhere, and set ELECTRON_OVERRIDE_DIST_PATH to that folder); ' +
        'then run npm start again.'
    )
  })

  it('names the command the user typed', () => {
    expect(commandName({ npm_lifecycle_event: 'start' })).toBe('npm start')
    expect(commandName({ npm_lifecycle_event: 'dev' })).toBe('npm run dev')
    expect(commandName({})).toBe('npm start')
  })
})

describe('failureReason', () => {
  it("takes the error's first line without its class name or stack", () => {
    expect(failureReason('TypeError: fetch failed\n    at node:internal/deps/undici:1:1\n')).toBe('fetch failed')
    expect(failureReason('HTTPError: Response code 404 (Not Found) for https://m/v45.5.0/electron.zip\n')).toBe(
      'Response code 404 (Not Found) for https://m/v45.5.0/electron.zip'
    )
    expect(failureReason('\n')).toBeUndefined()
  })
})

describe('installEnv', () => {
  it('turns on proxy support when HTTPS_PROXY or HTTP_PROXY is set, and only then', () => {
    expect(installEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin' })
    expect(installEnv({ https_proxy: 'http://p:3128' })).toEqual({
      https_proxy: 'http://p:3128',
      ELECTRON_GET_USE_PROXY: '1',
      NODE_USE_ENV_PROXY: '1'
    })
    expect(installEnv({ HTTP_PROXY: 'http://p:3128', ELECTRON_GET_USE_PROXY: '' })).toMatchObject({ ELECTRON_GET_USE_PROXY: '' })
  })
})

describe('ensureElectron', () => {
  it('does nothing when the binary is installed', async () => {
    const deps = fake({ files: INSTALLED })
    expect(await ensureElectron(deps)).toBe(0)
    expect(deps.installs).toEqual([])
    expect(deps.lines).toEqual([])
  })

  it('writes path.txt for a dist unzipped by hand, without downloading', async () => {
    const deps = fake({ files: { [join(DIST, 'electron')]: '', [join(DIST, 'version')]: VERSION } })
    expect(await ensureElectron(deps)).toBe(0)
    expect(deps.files.get(join(PKG, 'path.txt'))).toBe('electron')
    expect(deps.installs).toEqual([])
  })

  it("runs the electron package's install when the binary is missing, and succeeds when it lands", async () => {
    const deps = fake({ install: { status: 0, writes: INSTALLED } })
    expect(await ensureElectron(deps)).toBe(0)
    expect(deps.installs).toHaveLength(1)
    expect(deps.lines).toEqual([])
  })

  it('prints one line and exits 1, never the stack, when the download fails', async () => {
    const deps = fake({ install: { status: 1, stderr: 'TypeError: fetch failed\n    at async downloadArtifact (x.js:1:1)\n' } })
    expect(await ensureElectron(deps)).toBe(1)
    expect(deps.lines).toHaveLength(1)
    expect(deps.lines[0]).toMatch(/^npm start: Electron 45\.5\.0's binary is not installed and could not be downloaded \(fetch failed\)\. /)
    expect(deps.lines[0]).not.toContain(' at ')
    expect(deps.lines[0]).toContain('electron-v45.5.0-linux-x64.zip')
  })

  it('names the zip for the platform and arch install.js would fetch', async () => {
    const deps = fake({ platform: 'darwin', arch: 'arm64', env: { npm_lifecycle_event: 'dev' } })
    expect(await ensureElectron(deps)).toBe(1)
    expect(deps.lines[0]).toMatch(/^npm run dev: /)
    expect(deps.lines[0]).toContain('electron-v45.5.0-darwin-arm64.zip')
    const overridden = fake({ env: { ELECTRON_INSTALL_ARCH: 'arm64' } })
    await ensureElectron(overridden)
    expect(overridden.lines[0]).toContain('electron-v45.5.0-linux-arm64.zip')
  })

  it('counts an install that exits 0 without a binary as a failure', async () => {
    const deps = fake({ install: { status: 0 } })
    expect(await ensureElectron(deps)).toBe(1)
    expect(deps.lines[0]).toContain('(install-electron exited with 0)')
  })

  it('passes the proxy switch to the install', async () => {
    const deps = fake({ env: { HTTPS_PROXY: 'http://p:3128' } })
    await ensureElectron(deps)
    expect(deps.installs[0]).toMatchObject({ HTTPS_PROXY: 'http://p:3128', ELECTRON_GET_USE_PROXY: '1' })
  })

  it('with a missing ELECTRON_OVERRIDE_DIST_PATH, says so without downloading', async () => {
    const deps = fake({ env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' } })
    expect(await ensureElectron(deps)).toBe(1)
    expect(deps.installs).toEqual([])
    expect(deps.lines).toHaveLength(1)
    expect(deps.lines[0]).toMatch(/^npm start: Electron 45\.5\.0's binary is not installed \(ELECTRON_OVERRIDE_DIST_PATH=\/opt\/electron has no electron\)\. /)
  })
})
