import { describe, expect, it } from 'vitest'
import { JsonArraySplitter } from './json-array-splitter'

/** Every element of `text` cut into pieces at `cuts`, parsed. */
function split(text: string, cuts: number[] = []): unknown[] {
  const splitter = new JsonArraySplitter()
  const elements: string[] = []
  let from = 0
  for (const cut of [...cuts].sort((a, b) => a - b).concat(text.length)) {
    elements.push(...splitter.push(text.slice(from, cut)))
    from = cut
  }
  splitter.end()
  return elements.map((e) => JSON.parse(e) as unknown)
}

const tasks = [
  { ID: 'a', Spec: { ContainerSpec: { Args: ['sh', '-c', 'echo "}]{[" \\\\ done'] } }, Labels: {} },
  { ID: 'b', Status: { Err: 'no suitable node (scheduling constraints not satisfied on 5 nodes)', Message: 'é – 日本' } },
  [1, 2, [3]],
  {}
]
const text = `[\n  ${tasks.map((t) => JSON.stringify(t)).join(',\n  ')}\n]\n`

describe('JSON array splitter', () => {
  it.each([
    ['in one piece', []],
    ['cut inside a string, after a backslash, between elements', [15, 58, 59, 60, text.indexOf('},') + 1, text.indexOf('\\\\') + 1]],
    ['one character at a time', Array.from({ length: text.length - 1 }, (_, i) => i + 1)]
  ])('hands back every element whole, %s', (_name, cuts) => {
    expect(split(text, cuts as number[])).toEqual(tasks)
  })

  it('hands an element back as soon as its last character arrives', () => {
    const splitter = new JsonArraySplitter()
    expect(splitter.push('[{"ID":"a"}, {"ID":')).toEqual(['{"ID":"a"}'])
    expect(splitter.push('"b"}')).toEqual(['{"ID":"b"}'])
    expect(splitter.push(']')).toEqual([])
    splitter.end()
  })

  it.each([
    ['an empty array', '[]', []],
    ['an empty array with spaces', ' [ \n ] \n', []]
  ])('reads %s', (_name, input, expected) => {
    expect(split(input)).toEqual(expected)
  })

  it.each([
    ['not an array', '{"message":"page not found"}', 'not a JSON array'],
    ['an empty answer', '', 'empty'],
    ['cut before its end', '[{"ID":"a"},{"ID"', 'before its closing bracket'],
    ['a scalar element', '[1,2]', 'not an object or an array'],
    ['text after the end', '[{}] x', "after the array's end"]
  ])('refuses %s', (_name, input, message) => {
    expect(() => split(input)).toThrow(message)
  })
})
