import { describe, expect, it } from 'vitest'
import { ForwardUsageError, parseForwardArgs } from './forward-commands'

describe('parseForwardArgs', () => {
  it.each<[string[], ReturnType<typeof parseForwardArgs>]>([
    [['web', '8080:80'], { target: 'web', localPort: 8080, remotePort: 80 }],
    [['web.2', '0:80'], { target: 'web.2', localPort: 0, remotePort: 80 }],
    [['shop_api', ':3000'], { target: 'shop_api', localPort: 0, remotePort: 3000 }],
    [['web', '8080'], { target: 'web', localPort: 8080, remotePort: 8080 }],
    [['web', '65535:1'], { target: 'web', localPort: 65535, remotePort: 1 }]
  ])('%j', (argv, expected) => {
    expect(parseForwardArgs(argv)).toEqual(expected)
  })

  it.each<[string[], RegExp]>([
    [[], /usage/],
    [['web'], /usage/],
    [['web', '80', 'extra'], /usage/],
    [['-x', '80'], /usage/],
    [['web', '80:0'], /not a port in the container/],
    [['web', '8080:'], /not a port in the container/],
    [['web', 'a:80'], /not a local port/],
    [['web', '70000:80'], /not a local port/],
    [['web', '1:2:3'], /LOCAL:REMOTE/]
  ])('refuses %j', (argv, message) => {
    expect(() => parseForwardArgs(argv)).toThrow(ForwardUsageError)
    expect(() => parseForwardArgs(argv)).toThrow(message)
  })
})
