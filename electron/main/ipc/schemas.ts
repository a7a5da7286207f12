/**
 * Zod schemas for the input of every {@link ArchiveApi} method: the main process trusts nothing the renderer
 * sends. The `satisfies` clause makes a change to the contract fail type-checking until the schema follows.
 */
import { z } from 'zod'
import type { ApiInput, ApiMethod } from '../../shared/ipc-contract.ts'
import { isExternalWebUrl } from '../../shared/external-url.ts'
import {
  ANNOTATION_KINDS,
  BOOKMARK_STATES,
  COLORS,
  colorMeaningsSchema,
  MAX_TAG,
  MAX_TEXT
} from '../../../archive/notes/model.ts'

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
/** The filters of a search (also the stored shape of saved and recent searches). */
export const queryFilters = z
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
    annotated: z.boolean().optional(),
    tag: filterValues,
    color: z.array(z.enum(COLORS)).max(COLORS.length).optional()
  })
  .strict()

const searchSort = z.enum(['relevance', 'date'])

/** Longest displayed article text sent to anchor a highlight (characters). */
export const MAX_ARTICLE_TEXT = 200_000
const itemId = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[a-z0-9][a-z0-9-]*\/[A-Za-z0-9]+-[A-Za-z0-9]+$/, 'must be an item id (<briefing>/<section>-<number>)')
const annotationId = z.string().min(1).max(200)
const tags = z
  .array(z.string().min(1).max(MAX_TAG).regex(/^\S+$/, 'a tag has no spaces'))
  .max(100)
const markdown = z.string().max(MAX_TEXT)
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
const shortList = z.array(z.string().min(1).max(200)).max(100)
const locale = z.enum(['ko', 'en'])

const notesQuery = z
  .object({
    briefingId: briefingId.optional(),
    kinds: z.array(z.enum(ANNOTATION_KINDS)).max(3).optional(),
    tags: tags.optional(),
    colors: z.array(z.enum(COLORS)).max(COLORS.length).optional(),
    categories: shortList.optional(),
    regions: shortList.optional(),
    states: z.array(z.enum(BOOKMARK_STATES)).max(BOOKMARK_STATES.length).optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
    text: z.string().max(MAX_QUERY_LENGTH).optional(),
    unplaced: z.boolean().optional(),
    sort: z.enum(['document', 'modified', 'created']).optional(),
    limit: z.number().int().min(0).max(100_000).optional(),
    offset: z.number().int().min(0).max(1_000_000).optional()
  })
  .strict()

const digestRequest = z
  .object({
    query: notesQuery,
    groupBy: z.enum(['briefing', 'category', 'tag']),
    lang: locale,
    title: z.string().min(1).max(200)
  })
  .strict()

/** A recent or saved search's id (main makes them: UUIDs). */
export const searchId = z.string().min(1).max(100).regex(/^[A-Za-z0-9-]+$/, 'must be a search id')
/** Longest name of a saved search. */
export const MAX_SEARCH_NAME = 200
/** A saved search's name: not blank. */
export const searchName = z
  .string()
  .max(MAX_SEARCH_NAME)
  .refine((name) => name.trim() !== '', 'must not be blank')
/** A search to run again: the query and the UI filters. */
export const searchSpec = z.object({ query: z.string().max(MAX_QUERY_LENGTH), filters: queryFilters }).strict()

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
      zoom: z.number().min(0.5).max(3).optional(),
      contentsSidebar: z.boolean().optional(),
      readingWidth: z.enum(['narrow', 'normal', 'wide', 'full']).optional(),
      searchSort: searchSort.optional()
    })
    .strict(),
  getAppInfo: noInput,
  search: z
    .object({
      query: z.string().max(MAX_QUERY_LENGTH),
      filters: queryFilters.optional(),
      sort: searchSort.optional(),
      limit: z.number().int().min(0).max(500).optional(),
      offset: z.number().int().min(0).max(100_000).optional(),
      groupOffset: z.number().int().min(0).max(100_000).optional(),
      groupLimit: z.number().int().min(1).max(500).optional()
    })
    .strict(),
  findInBriefing: z.object({ briefingId, query: z.string().max(MAX_QUERY_LENGTH) }).strict(),
  indexStatus: noInput,
  archiveWarnings: noInput,
  importFiles: noInput,
  cancelImport: noInput,
  deleteBriefing: z.object({ id: briefingId }).strict(),
  chooseArchiveFolder: noInput,
  useDefaultArchiveFolder: noInput,
  queryNotes: notesQuery,
  placeHighlights: z
    .object({
      briefingId,
      texts: z
        .record(itemId, z.string().max(MAX_ARTICLE_TEXT))
        .refine((texts) => Object.keys(texts).length <= 2000, 'at most 2000 items')
    })
    .strict(),
  createHighlight: z
    .object({
      briefingId,
      itemId,
      text: z.string().min(1).max(MAX_ARTICLE_TEXT),
      start: z.number().int().min(0),
      end: z.number().int().min(1),
      color: z.enum(COLORS),
      comment: markdown.optional(),
      tags: tags.optional()
    })
    .strict()
    .refine((h) => h.end > h.start && h.end <= h.text.length, 'start and end must select text inside it'),
  addItemNote: z.object({ briefingId, itemId, text: markdown, tags: tags.optional() }).strict(),
  toggleBookmark: z.object({ briefingId, itemId: itemId.optional() }).strict(),
  updateAnnotation: z
    .object({
      id: annotationId,
      patch: z
        .object({
          color: z.enum(COLORS).optional(),
          comment: markdown.optional(),
          tags: tags.optional(),
          text: markdown.optional(),
          reason: z.string().max(1000).optional(),
          state: z.enum(BOOKMARK_STATES).optional()
        })
        .strict()
    })
    .strict(),
  deleteAnnotation: z.object({ id: annotationId }).strict(),
  restoreAnnotation: z.object({ id: annotationId }).strict(),
  listTrash: noInput,
  notesInfo: noInput,
  setColorMeanings: colorMeaningsSchema,
  exportMarkdown: z.object({ briefingId, lang: locale }).strict(),
  saveMarkdown: z.object({ briefingId, lang: locale }).strict(),
  exportDigest: digestRequest,
  saveDigest: digestRequest,
  reanchorReport: z.object({ briefingId }).strict(),
  saveAnnotations: noInput,
  importAnnotations: noInput,
  copyText: z.object({ text: z.string().max(5_000_000) }).strict(),
  getReadingPlace: z.object({ briefingId }).strict(),
  saveReadingPlace: z.object({ briefingId, itemId: itemId.nullable(), fraction: z.number().min(0).max(1) }).strict(),
  listSearches: noInput,
  recordSearch: searchSpec,
  removeRecentSearch: z.object({ id: searchId }).strict(),
  clearRecentSearches: noInput,
  saveSearch: searchSpec.extend({ name: searchName }).strict(),
  openSavedSearch: z.object({ id: searchId }).strict(),
  renameSavedSearch: z.object({ id: searchId, name: searchName }).strict(),
  deleteSavedSearch: z.object({ id: searchId }).strict()
} satisfies { [K in ApiMethod]: z.ZodType<ApiInput<K>> }

/** True when `method` names an API method (own keys only, so `__proto__` and `toString` are not methods). */
export function isApiMethod(method: string): method is ApiMethod {
  return Object.hasOwn(API_SCHEMAS, method)
}
