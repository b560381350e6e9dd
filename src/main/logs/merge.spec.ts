import { describe, expect, it } from 'vitest'
import { mergeByTime } from './merge'

type L = { task: string; ts: string; text: string }
const line = (task: string, ts: string, text = `${task}@${ts}`): L => ({ task, ts, text })
const merge = (lines: L[]) => mergeByTime(lines, (l) => l.task, (l) => l.ts).map((l) => l.text)

describe('mergeByTime', () => {
  it.each([
    ['one source stays as it is, even out of time order', [line('a', '3'), line('a', '1')], ['a@3', 'a@1']],
    ['two sources interleave by time', [line('a', '1'), line('a', '3'), line('b', '2'), line('b', '4')], ['a@1', 'b@2', 'a@3', 'b@4']],
    ['ties go to the source that arrived first', [line('b', '1'), line('a', '1')], ['b@1', 'a@1']],
    [
      "a source's own order is never broken, even with a clock step back",
      [line('a', '5', 'a1'), line('a', '2', 'a2'), line('b', '3', 'b1')],
      ['b1', 'a1', 'a2']
    ],
    ['empty', [], []]
  ])('%s', (_name, lines, expected) => {
    expect(merge(lines)).toEqual(expected)
  })

  it('keeps every line', () => {
    const lines = Array.from({ length: 300 }, (_, i) => line(`t${i % 7}`, String(1000 + ((i * 37) % 300)), String(i)))
    expect(merge(lines).sort()).toEqual(lines.map((l) => l.text).sort())
  })
})
