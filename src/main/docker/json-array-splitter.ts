/**
 * Splits the text of one JSON array, arriving in pieces, into the texts of its elements, each
 * handed back as soon as its last character has arrived. Pure (text in, texts out): the Engine's
 * task list is read through it so that each task is parsed, normalised and dropped on its own —
 * at 100,000 tasks the answer is 94 MB, and parsed whole it held 257 MB of raw objects at once.
 *
 * It only tracks what it must to find where an element ends (nesting depth, strings and their
 * escapes); each element's own validity is JSON.parse's to judge.
 */
export class JsonArraySplitter {
  /** The start of an element whose end has not arrived yet (empty between elements). */
  private pending = ''
  /** 0 before the array's `[` and after its `]`; 1 between elements; more inside an element. */
  private depth = 0
  private inString = false
  private escaped = false
  private opened = false
  private closed = false

  /** The elements (objects or arrays) completed by this piece, in order. */
  push(piece: string): string[] {
    const text = this.pending + piece
    const elements: string[] = []
    let start = this.depth > 1 ? 0 : -1 // where the unfinished element starts in `text`
    for (let i = this.pending.length; i < text.length; i++) {
      const c = text.charCodeAt(i)
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (c === BACKSLASH) this.escaped = true
        else if (c === QUOTE) this.inString = false
        continue
      }
      if (this.depth > 1) {
        if (c === QUOTE) this.inString = true
        else if (c === OPEN_CURLY || c === OPEN_SQUARE) this.depth++
        else if ((c === CLOSE_CURLY || c === CLOSE_SQUARE) && --this.depth === 1) {
          elements.push(text.slice(start, i + 1))
          start = -1
        }
        continue
      }
      if (c === SPACE || c === NEWLINE || c === RETURN || c === TAB) continue
      if (this.closed) throw new SyntaxError(`text after the array's end, at character ${i}`)
      if (!this.opened) {
        if (c !== OPEN_SQUARE) throw new SyntaxError('the answer is not a JSON array')
        this.opened = true
        this.depth = 1
      } else if (c === CLOSE_SQUARE) {
        this.closed = true
        this.depth = 0
      } else if (c === OPEN_CURLY || c === OPEN_SQUARE) {
        start = i
        this.depth = 2
      } else if (c !== COMMA) {
        throw new SyntaxError(`an element that is not an object or an array, at character ${i}`)
      }
    }
    this.pending = start >= 0 ? text.slice(start) : ''
    return elements
  }

  /** The whole answer has arrived: it must have been one complete array. */
  end(): void {
    if (!this.closed) throw new SyntaxError(this.opened ? 'the JSON array ended before its closing bracket' : 'the answer was empty, not a JSON array')
  }
}

const BACKSLASH = 0x5c
const QUOTE = 0x22
const SPACE = 0x20
const NEWLINE = 0x0a
const RETURN = 0x0d
const TAB = 0x09
const COMMA = 0x2c
const OPEN_SQUARE = 0x5b
const CLOSE_SQUARE = 0x5d
const OPEN_CURLY = 0x7b
const CLOSE_CURLY = 0x7d
