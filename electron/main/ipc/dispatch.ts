/**
 * Validates and runs one API call, returning the {@link IpcResult} envelope. Shared by the Electron ipcMain
 * handlers and the end-to-end test bridge, so both enforce the same checks.
 */
import type { z } from 'zod'
import type { ArchiveApi, IpcResult } from '../../shared/ipc-contract.ts'
import { API_SCHEMAS, isApiMethod } from './schemas.ts'

/** Longest method name echoed back in an error message. */
const MAX_ECHO = 64

/** Formats zod issues as one readable line: `url: must be an http: or https: URL; input: Unrecognized key: "x"`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${issue.path.map(String).join('.') || 'input'}: ${issue.message}`).join('; ')
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  return typeof error === 'string' ? error : 'unknown error'
}

/**
 * Runs `api[method](input)` after validating `input` against the method's schema. Never throws.
 *
 * @returns `{ ok: true, value }`, or an error with code `unknown-method`, `invalid-input` or `internal`
 */
export async function dispatch(
  api: ArchiveApi,
  method: string,
  input: unknown
): Promise<IpcResult<unknown>> {
  const name = String(method)
  if (!isApiMethod(name)) {
    const shown = name.length > MAX_ECHO ? `${name.slice(0, MAX_ECHO)}…` : name
    return { ok: false, error: { code: 'unknown-method', message: `unknown method: ${shown}` } }
  }
  const parsed = API_SCHEMAS[name].safeParse(input)
  if (!parsed.success) {
    const message = `${name}: ${formatIssues(parsed.error.issues)}`
    return { ok: false, error: { code: 'invalid-input', message } }
  }
  try {
    const impl = api[name] as (input: unknown) => Promise<unknown>
    const value = await impl.call(api, parsed.data)
    return { ok: true, value }
  } catch (error) {
    return { ok: false, error: { code: 'internal', message: `${name}: ${describe(error)}` } }
  }
}
