import { describe, expect, it } from 'vitest'
import { commandWords } from './command-words'

describe('commandWords', () => {
  it.each<[string, string[] | null]>([
    ['ls -l /', ['ls', '-l', '/']],
    ['  psql   -c "SELECT 1"  ', ['psql', '-c', 'SELECT 1']],
    ["sh -c 'echo $HOME; exit 3'", ['sh', '-c', 'echo $HOME; exit 3']],
    ['echo a\\ b', ['echo', 'a b']],
    ['echo "say \\"hi\\""', ['echo', 'say "hi"']],
    ['echo ""', ['echo', '']],
    ['echo "open', null],
    ['   ', null]
  ])('%j', (line, words) => {
    expect(commandWords(line)).toEqual(words)
  })
})
