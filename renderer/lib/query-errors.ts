import type { QueryError } from '../../archive/search/results.ts'
import { t } from './i18n.ts'

/** A filter the search could not apply, in the UI's language, naming the filter as typed. */
export function queryErrorText(error: QueryError): string {
  const { token, part } = error
  switch (error.problem) {
    case 'month':
      return t('search.queryError.month', { token, month: part ? part.slice(5, 7) : '?' })
    case 'day':
      return t('search.queryError.day', { token, month: part?.slice(0, 7) ?? '?', day: part ? String(Number(part.slice(8, 10))) : '?' })
    default:
      return t(`search.queryError.${error.problem}`, { token })
  }
}
