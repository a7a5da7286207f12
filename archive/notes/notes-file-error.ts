/**
 * The error for notes data that cannot be used: a store file that does not parse or fails the schema, an
 * interchange file that is not annotations at all. `message` is one line, for a CLI or a notice; `reason` is
 * the same without the file name, for callers that name the file themselves.
 */
export class NotesFileError extends Error {
  override readonly name = 'NotesFileError'
  readonly reason: string
  /** `newer`: written by a newer Briefing Reader (not damaged: never set aside, never overwritten). */
  readonly code: 'invalid' | 'newer'
  constructor(reason: string, options: { file?: string; code?: 'invalid' | 'newer' } = {}) {
    super(options.file ? `${options.file}: ${reason}` : reason)
    this.reason = reason
    this.code = options.code ?? 'invalid'
  }
}

/** A zod issue path and message as one short line: `annotations.3.color: Invalid option …`. */
export function issueLine(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const first = issues[0]
  if (!first) return 'invalid'
  const where = first.path.map(String).join('.')
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''
  return `${where ? `${where}: ` : ''}${first.message.replace(/\s+/g, ' ')}${more}`
}
