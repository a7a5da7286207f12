/**
 * Registers the privileged `app:` scheme and serves out/renderer through it.
 */
import { protocol } from 'electron'
import { APP_SCHEME } from '../security/app-origin.ts'
import { securityHeaders } from '../security/csp.ts'
import { createAssetHandler } from './resolve-asset.ts'

/**
 * Must run before `app` is ready. `standard` gives the scheme real origins and relative-URL resolution,
 * `secure` makes it a secure context; no `bypassCSP`, no `corsEnabled`.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true }
    }
  ])
}

/** Serves files from `rendererDir` (the built out/renderer) on the default session. */
export function handleAppProtocol(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, createAssetHandler(rendererDir, securityHeaders(csp)))
}
