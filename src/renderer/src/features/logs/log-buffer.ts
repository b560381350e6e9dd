import { cliPrefix, shortPrefix, type LogLine, type LogTask } from '../../../../shared/logs'
import type { Phrase } from '../../../../shared/phrase'

/** One buffered line as the viewer shows it. */
export interface ViewLine {
  ts: string
  stream: LogLine['stream']
  /** `service.slot` (or `service.node` for global services); empty for markers. */
  prefix: string
  /** The docker CLI's prefix, `service.slot.taskid@node`, for downloads. */
  cliPrefix: string
  text: string
  /** A notice's sentence as a phrase (`text` is its English, kept for downloads). */
  said?: Phrase
  count?: number
}

export function toViewLines(lines: readonly LogLine[], tasks: Record<string, LogTask>): ViewLine[] {
  return lines.map((line) => ({
    ts: line.ts,
    stream: line.stream,
    prefix: line.task ? shortPrefix(tasks[line.task], line.task) : '',
    cliPrefix: line.task ? cliPrefix(tasks[line.task], line.task) : '',
    text: line.text,
    ...(line.said !== undefined ? { said: line.said } : {}),
    ...(line.count !== undefined ? { count: line.count } : {})
  }))
}

/**
 * A fixed-capacity ring of lines: appending past the capacity forgets the oldest, in O(1) per line
 * and without reallocating, so a long-running follow holds at most `capacity` lines. Lines have
 * absolute numbers (`first` .. `first + size - 1`) that never change, which keeps search results
 * and React keys stable while old lines fall off. Mutable on purpose; the store bumps a version.
 */
export class RingBuffer<T> {
  private readonly slots: (T | undefined)[]
  private start = 0
  size = 0
  /** Absolute number of the oldest line held (= lines forgotten so far). */
  first = 0

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer')
    this.slots = new Array<T | undefined>(capacity)
  }

  push(items: readonly T[]): void {
    for (const item of items) {
      if (this.size < this.capacity) {
        this.slots[(this.start + this.size) % this.capacity] = item
        this.size += 1
      } else {
        this.slots[this.start] = item
        this.start = (this.start + 1) % this.capacity
        this.first += 1
      }
    }
  }

  /** The line at position `index` (0 = oldest held), or undefined outside. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.size) return undefined
    return this.slots[(this.start + index) % this.capacity]
  }

  /** The line with absolute number `n`. */
  byNumber(n: number): T | undefined {
    return this.at(n - this.first)
  }

  toArray(): T[] {
    const out: T[] = []
    for (let i = 0; i < this.size; i++) out.push(this.at(i) as T)
    return out
  }

  clear(): void {
    this.slots.fill(undefined)
    this.start = 0
    this.size = 0
    this.first = 0
  }
}

/** The file a download holds: the docker CLI's output form, timestamps when shown. Pure. */
export function toLogFile(lines: readonly ViewLine[], options: { timestamps: boolean; skippedText: (count: number) => string }): string {
  return lines
    .map((line) => {
      if (line.stream === 'skipped') return `# ${options.skippedText(line.count ?? 0)}`
      if (line.stream === 'notice') return `# ${line.text}`
      const body = `${line.cliPrefix}    | ${line.text}`
      return options.timestamps ? `${line.ts} ${body}` : body
    })
    .join('\n')
    .concat(lines.length ? '\n' : '')
}

/** A colour per prefix, stable across sessions (the same `web.2` is always the same colour). Pure. */
export const prefixPalette = ['blue', 'teal', 'grape', 'orange', 'cyan', 'lime', 'pink', 'indigo', 'yellow', 'violet', 'green', 'red'] as const
export function prefixColor(prefix: string): (typeof prefixPalette)[number] {
  let hash = 0
  for (let i = 0; i < prefix.length; i++) hash = (hash * 31 + prefix.charCodeAt(i)) | 0
  return prefixPalette[Math.abs(hash) % prefixPalette.length]
}

/** Whether a scroll position is at the bottom (within one row), where following resumes. Pure. */
export function isAtBottom(scroll: { scrollTop: number; clientHeight: number; scrollHeight: number }, rowHeight: number): boolean {
  return scroll.scrollHeight - scroll.scrollTop - scroll.clientHeight <= rowHeight
}
