/** Draws a reader text with its middle dots glued (see line-breaks.ts). */
import type { Attachment } from 'svelte/attachments'
import { hasGlue, proseRuns } from './line-breaks.ts'

/**
 * The element's content: `text`, with its glued runs in `.glue` spans (text nodes only, never HTML). An
 * attachment rather than a component: the reader draws thousands of texts, most with no dot, and this costs
 * one text node for those.
 */
export function glued(text: string): Attachment<HTMLElement> {
  return (element) => {
    if (!hasGlue(text)) {
      element.textContent = text
      return
    }
    element.replaceChildren(
      ...proseRuns(text).map((run) => {
        if (!run.glue) return document.createTextNode(run.text)
        const span = document.createElement('span')
        span.className = 'glue'
        span.textContent = run.text
        return span
      })
    )
  }
}
