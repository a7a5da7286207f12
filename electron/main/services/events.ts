/**
 * Main's events for the renderer ({@link ApiEvents}): services emit, the window (ipc) and the test bridge
 * (server-sent events) listen. No Electron import, so the bridge uses it as is.
 */
import type { ApiEvent, ApiEvents, Unsubscribe } from '../../shared/ipc-contract.ts'

export type EventListener = <E extends ApiEvent>(event: E, payload: ApiEvents[E]) => void

export interface EventHub {
  emit<E extends ApiEvent>(event: E, payload: ApiEvents[E]): void
  /** Every event from now on, in order. */
  listen(listener: EventListener): Unsubscribe
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>()
  return {
    emit(event, payload) {
      for (const listener of [...listeners]) {
        try {
          listener(event, payload)
        } catch (error) {
          // One broken listener (a closed window, a dropped connection) must not starve the others.
          console.error(`event ${event}: a listener failed:`, error)
        }
      }
    },
    listen(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    }
  }
}
