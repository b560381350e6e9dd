import type { EventName, EventPayload } from '../../shared/contract'

export type BusListener = (name: EventName, payload: unknown) => void

/** Pushed events from services to every connected transport. Synchronous and in-process. */
export class EventBus {
  private readonly listeners = new Set<BusListener>()

  publish<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(name, payload)
      } catch {
        // One broken transport (a closed socket) must not stop the others from hearing the event.
      }
    }
  }

  subscribe(listener: BusListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
