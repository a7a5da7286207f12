/**
 * Whether Electron's binary is on this machine, and fetching it when it is not, for `npm start` and
 * `npm run dev` (scripts/ensure-electron.ts runs `ensureElectron` with the real machine).
 *
 * The electron package ships without its binary: its install.js (the `install-electron` command) downloads
 * electron-v<version>-<platform>-<arch>.zip, unzips it into node_modules/electron/dist and writes path.txt,
 * and its index.js (what electron-vite loads) reads path.txt, or ELECTRON_OVERRIDE_DIST_PATH. When the
 * download fails, install.js prints a bare stack (`TypeError: fetch failed`); here the failure becomes one
 * line saying what is missing and the three ways to get it: a proxy, a mirror, or a manual download.
 *
 * Everything that touches the machine comes in through `ElectronDeps`, so tests/unit/scripts/electron-binary.spec.ts
 * runs it on fakes.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'

/** The executable's path inside dist/ for a platform (as in electron's install.js), or undefined when Electron has none. */
export function electronPlatformPath(platform: string): string | undefined {
  switch (platform) {
    case 'mas':
    case 'darwin':
      return 'Electron.app/Contents/MacOS/Electron'
    case 'freebsd':
    case 'openbsd':
    case 'linux':
      return 'electron'
    case 'win32':
      return 'electron.exe'
    default:
      return undefined
  }
}

export interface ElectronDeps {
  env: Record<string, string | undefined>
  platform: string
  arch: string
  cwd: string
  /** node_modules/electron and its version. */
  pkg: { dir: string; version: string }
  exists(path: string): boolean
  /** A file's text, or undefined when it cannot be read. */
  readFile(path: string): string | undefined
  writeFile(path: string, text: string): void
  /** Runs the electron package's install.js with this environment; resolves to its exit status and stderr. */
  runInstall(env: Record<string, string | undefined>): Promise<{ status: number; stderr: string }>
  /** Prints a line on stderr. */
  error(line: string): void
}

/** The platform and arch install.js downloads for (its own environment overrides first). */
export function target(deps: Pick<ElectronDeps, 'env' | 'platform' | 'arch'>): { platform: string; arch: string } {
  return {
    platform: deps.env['ELECTRON_INSTALL_PLATFORM'] || deps.env['npm_config_platform'] || deps.platform,
    arch: deps.env['ELECTRON_INSTALL_ARCH'] || deps.env['npm_config_arch'] || deps.arch
  }
}

export type BinaryState =
  | { installed: true; path: string; /** path.txt to (re)write so electron's index.js finds it */ writePathTxt?: string }
  | { installed: false; /** why not, when the cause is not "never downloaded" */ reason?: string; download: boolean }

/**
 * Where the binary is, or why it is not there. Mirrors install.js's own check (dist/version equals the
 * package version and dist/<platform path> exists), and accepts a dist unzipped by hand without path.txt.
 */
export function binaryState(deps: ElectronDeps): BinaryState {
  const { platform } = target(deps)
  const platformPath = electronPlatformPath(platform)
  if (platformPath === undefined) return { installed: false, reason: `Electron has no build for ${platform}`, download: false }
  const pathTxtFile = join(deps.pkg.dir, 'path.txt')
  const pathTxt = deps.readFile(pathTxtFile)
  const fixPathTxt = pathTxt === platformPath ? {} : { writePathTxt: platformPath }

  const override = deps.env['ELECTRON_OVERRIDE_DIST_PATH']
  if (override) {
    const exe = join(override, platformPath)
    return deps.exists(exe)
      ? { installed: true, path: exe, ...fixPathTxt }
      : { installed: false, reason: `ELECTRON_OVERRIDE_DIST_PATH=${override} has no ${platformPath}`, download: false }
  }

  const dist = join(deps.pkg.dir, 'dist')
  const exe = join(dist, platformPath)
  if (!deps.exists(exe)) return { installed: false, download: true }
  const distVersion = deps.readFile(join(dist, 'version'))?.trim().replace(/^v/, '')
  if (distVersion !== deps.pkg.version) {
    return { installed: false, reason: `${relative(deps.cwd, dist)} holds Electron ${distVersion ?? '(no version file)'}`, download: true }
  }
  return { installed: true, path: exe, ...fixPathTxt }
}

/** The zip install.js fetches, and where it fetches it from by default. */
export function zipName(version: string, platform: string, arch: string): string {
  return `electron-v${version}-${platform}-${arch}.zip`
}

/** `npm start` or `npm run dev`: the command the user typed, from npm's lifecycle event. */
export function commandName(env: Record<string, string | undefined>): string {
  const event = env['npm_lifecycle_event']
  if (!event || event === 'start') return 'npm start'
  return `npm run ${event}`
}

/** The first line of install.js's stderr that says what went wrong (`TypeError: fetch failed` → `fetch failed`). */
export function failureReason(stderr: string): string | undefined {
  const line = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('at ') && !/^Downloading /.test(l))
  return line?.replace(/^(TypeError|Error|HTTPError|RequestError|FetchError):\s*/, '') || undefined
}

/** The one line printed when the binary is missing and could not be fetched. */
export function missingMessage(opts: {
  command: string
  version: string
  platform: string
  arch: string
  /** node_modules/electron/dist, relative to where the user is. */
  distDir: string
  /** Whether a download was tried (and failed). */
  downloaded: boolean
  reason?: string
}): string {
  const zip = zipName(opts.version, opts.platform, opts.arch)
  const url = `https://github.com/electron/electron/releases/download/v${opts.version}/${zip}`
  return (
    `${opts.command}: Electron ${opts.version}'s binary is not installed` +
    (opts.downloaded ? ' and could not be downloaded' : '') +
    (opts.reason ? ` (${opts.reason})` : '') +
    '. To fix it: behind a proxy, set HTTPS_PROXY=http://host:port; ' +
    'or set ELECTRON_MIRROR to a mirror of the releases (e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/); ' +
    `or download ${url} by hand and unzip it into ${opts.distDir} (or anywhere, and set ELECTRON_OVERRIDE_DIST_PATH to that folder); ` +
    `then run ${opts.command} again.`
  )
}

/** The environment install.js runs with: a proxy in HTTPS_PROXY/HTTP_PROXY is used without more flags. */
export function installEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => env[name])
  if (!proxied) return env
  // @electron/get only honours a proxy with ELECTRON_GET_USE_PROXY; Node 24's own fetch with NODE_USE_ENV_PROXY.
  return { ELECTRON_GET_USE_PROXY: '1', NODE_USE_ENV_PROXY: '1', ...env }
}

/** Makes sure the binary is there, downloading it when it is not; resolves to the exit code (0, or 1 with one line printed). */
export async function ensureElectron(deps: ElectronDeps): Promise<number> {
  const before = binaryState(deps)
  if (before.installed) {
    if (before.writePathTxt) deps.writeFile(join(deps.pkg.dir, 'path.txt'), before.writePathTxt)
    return 0
  }
  const { platform, arch } = target(deps)
  const fail = (downloaded: boolean, reason: string | undefined): number => {
    const distDir = relative(deps.cwd, join(deps.pkg.dir, 'dist')) || '.'
    deps.error(missingMessage({ command: commandName(deps.env), version: deps.pkg.version, platform, arch, distDir, downloaded, reason }))
    return 1
  }
  if (!before.download) return fail(false, before.reason)

  const result = await deps.runInstall(installEnv(deps.env))
  const after = binaryState(deps)
  if (result.status === 0 && after.installed) {
    if (after.writePathTxt) deps.writeFile(join(deps.pkg.dir, 'path.txt'), after.writePathTxt)
    return 0
  }
  return fail(true, failureReason(result.stderr) ?? before.reason ?? `install-electron exited with ${result.status}`)
}

// ---- the real machine ----

export function realElectronDeps(): ElectronDeps {
  const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'))
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }
  return {
    env: process.env,
    platform: process.platform,
    arch: process.arch,
    cwd: process.cwd(),
    pkg: { dir, version },
    exists: existsSync,
    readFile(path) {
      try {
        return readFileSync(path, 'utf8')
      } catch {
        return undefined
      }
    },
    writeFile: (path, text) => writeFileSync(path, text),
    runInstall: (env) =>
      new Promise((resolvePromise) => {
        const child = spawn(process.execPath, [join(dir, 'install.js')], {
          env: env as NodeJS.ProcessEnv,
          stdio: ['ignore', 'inherit', 'pipe']
        })
        let stderr = ''
        child.stderr.setEncoding('utf8')
        child.stderr.on('data', (chunk: string) => (stderr += chunk))
        // a real download takes a while, and with stderr captured no progress bar shows: say what is going on
        const t = target({ env, platform: process.platform, arch: process.arch })
        const notice = setTimeout(() => console.log(`Downloading ${zipName(version, t.platform, t.arch)}…`), 3000)
        child.on('error', (error) => {
          clearTimeout(notice)
          resolvePromise({ status: 1, stderr: error.message })
        })
        child.on('close', (code) => {
          clearTimeout(notice)
          resolvePromise({ status: code ?? 1, stderr })
        })
      }),
    error: (line) => console.error(line)
  }
}
