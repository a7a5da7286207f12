/**
 * The reader for the project's own briefing JSON: a Briefing as the model defines it, validated with zod
 * (briefing-schema.ts). It yields the Briefing itself, not an ExtractedDocument. A file taken from an archive
 * folder (`briefings/<id>.json`, stamped `{ parserVersion, checksum, …briefing }`) is accepted too; its checksum,
 * when present, must match.
 */
import { createHash } from 'node:crypto'
import type { Briefing } from '../model/briefing.ts'
import { briefingSchema } from './briefing-schema.ts'
import { decodeText } from './decode.ts'
import { ImportError } from './types.ts'

/** Limits before anything walks the value (../shared/research/reliability.md §4.4). */
export const JSON_LIMITS = { maxBytes: 50 * 1024 * 1024, maxDepth: 64, maxNodes: 100_000 }

/** Depth and node count of a parsed JSON value, walked without recursion; throws past the limits. */
function checkShape(value: unknown): void {
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 1 }]
  let nodes = 0
  while (stack.length > 0) {
    const { v, depth } = stack.pop() as { v: unknown; depth: number }
    if (++nodes > JSON_LIMITS.maxNodes) throw new ImportError(`JSON with more than ${JSON_LIMITS.maxNodes} values`)
    if (typeof v !== 'object' || v === null) continue
    if (depth > JSON_LIMITS.maxDepth) throw new ImportError(`JSON nested deeper than ${JSON_LIMITS.maxDepth} levels`)
    for (const child of Object.values(v)) stack.push({ v: child, depth: depth + 1 })
  }
}

function issuePath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p)
  return out || '(the top level)'
}

/**
 * @throws ImportError `invalid JSON (…)`, `not a Briefing Reader briefing: sections[0].items[2].blocks[1].level: …`
 *   (the first issue zod finds), `damaged briefing JSON (checksum mismatch)`
 */
export function readBriefingJson(bytes: Uint8Array): Briefing {
  if (bytes.length > JSON_LIMITS.maxBytes) throw new ImportError(`JSON file larger than ${JSON_LIMITS.maxBytes / 1024 / 1024} MB`)
  const { text } = decodeText(bytes)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new ImportError(`invalid JSON (${(error as Error).message.split('\n')[0]})`)
  }
  checkShape(value)
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'parserVersion' in value) {
    const { parserVersion, checksum, ...rest } = value as Record<string, unknown>
    void parserVersion
    if (checksum !== undefined) {
      const actual = `sha256:${createHash('sha256').update(JSON.stringify(rest)).digest('hex')}`
      if (checksum !== actual) throw new ImportError('damaged briefing JSON (checksum mismatch)')
    }
    value = rest
  }
  const result = briefingSchema.safeParse(value)
  if (!result.success) {
    const issue = result.error.issues[0]
    throw new ImportError(`not a Briefing Reader briefing: ${issuePath(issue.path)}: ${issue.message}`)
  }
  return result.data
}
