/**
 * Which web permissions the renderer gets (Electron security checklist #5: Electron grants everything by
 * default). Pure: no `electron` import.
 */
import { isAppUrl } from './app-origin.ts'

/**
 * Only a sanitized clipboard write from our own renderer (navigator.clipboard.writeText, for "copy" buttons);
 * every other permission, from every origin, is refused.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string, devServerUrl?: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl, devServerUrl)
}
