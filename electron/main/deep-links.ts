/**
 * briefing-reader:// links: the scheme the app registers, and the link a launch or a second instance carries
 * on its command line (Windows and Linux; macOS delivers `open-url` instead). No Electron import.
 */
import { LINK_SCHEME, parseDeepLink, type DeepLink } from '../../archive/notes/model.ts'

export { LINK_SCHEME }

/** The first valid briefing-reader:// link among the arguments, if any. */
export function linkFromArgv(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${LINK_SCHEME}://`)) continue
    const link = parseDeepLink(arg)
    if (link) return link
  }
  return null
}
