/**
 * Zod schemas for the input of every {@link ArchiveApi} method: the main process trusts nothing the renderer
 * sends. The `satisfies` clause makes a change to the contract fail type-checking until the schema follows.
 */
import { z } from 'zod'
import type { ApiInput, ApiMethod } from '../../shared/ipc-contract.ts'
import { isExternalWebUrl } from '../../shared/external-url.ts'

/** Longest briefing id accepted (ids are `<slug>-YYYY-MM-DD`). */
export const MAX_ID_LENGTH = 200
/** Longest URL accepted by `openExternal`. */
export const MAX_URL_LENGTH = 8192

const noInput = z.object({}).strict()

/** Longest query accepted. */
export const MAX_QUERY_LENGTH = 1000

const briefingId = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a briefing id (lowercase letters, digits and -)')
const filterValues = z.array(z.string().min(1).max(200)).max(50).optional()
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .optional()
const queryFilters = z
  .object({
    section: filterValues,
    category: filterValues,
    region: filterValues,
    briefing: z.array(briefingId).max(50).optional(),
    publishedFrom: isoDate,
    publishedTo: isoDate,
    dateFrom: isoDate,
    dateTo: isoDate,
    bookmarked: z.boolean().optional(),
    annotated: z.boolean().optional()
  })
  .strict()

/** One schema per API method, keyed like {@link ArchiveApi}. */
export const API_SCHEMAS = {
  listBriefings: noInput,
  getBriefing: z
    .object({
      id: z
        .string()
        .min(1)
        .max(MAX_ID_LENGTH)
        .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a briefing id (lowercase letters, digits and -)')
    })
    .strict(),
  openExternal: z
    .object({
      url: z
        .string()
        .min(1)
        .max(MAX_URL_LENGTH)
        .refine(isExternalWebUrl, 'must be an http: or https: URL with a host and no credentials')
    })
    .strict(),
  getSettings: noInput,
  updateSettings: z
    .object({
      locale: z.enum(['ko', 'en']).optional(),
      theme: z.enum(['system', 'light', 'dark']).optional(),
      zoom: z.number().min(0.5).max(3).optional()
    })
    .strict(),
  getAppInfo: noInput,
  search: z
    .object({
      query: z.string().max(MAX_QUERY_LENGTH),
      filters: queryFilters.optional(),
      limit: z.number().int().min(0).max(500).optional(),
      offset: z.number().int().min(0).max(100_000).optional()
    })
    .strict(),
  findInBriefing: z.object({ briefingId, query: z.string().max(MAX_QUERY_LENGTH) }).strict(),
  indexStatus: noInput
} satisfies { [K in ApiMethod]: z.ZodType<ApiInput<K>> }

/** True when `method` names an API method (own keys only, so `__proto__` and `toString` are not methods). */
export function isApiMethod(method: string): method is ApiMethod {
  return Object.hasOwn(API_SCHEMAS, method)
}
