import { describe, expect, it } from 'vitest'
import { isQuickList } from './usage'

describe('isQuickList', () => {
  it.each([
    [['service', 'ls'], {}, true],
    [['node', 'ls'], {}, true],
    [['secret', 'ls'], {}, true],
    [['config', 'ls'], {}, true],
    [['stack', 'ls'], {}, true],
    [['service', 'ls', 'extra'], {}, false], // the full command refuses it, with the usage
    [['network', 'ls'], {}, false],
    [['service', 'ps', 'web'], {}, false],
    [['secret', 'rotation', 'ls'], {}, false],
    [['service', 'ls'], { connection: 'lab' }, false] // a saved connection goes the full way
  ])('%j %j -> %s', (positionals, flags, expected) => expect(isQuickList(positionals, flags)).toBe(expected))
})
