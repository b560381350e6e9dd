import { describe, expect, it } from 'vitest'
import { composeFragment } from '../../../../tests/support/compose-fragment'
import { convertLogDriver } from './logging'

const service = (logging: string): string => `services:\n  web:\n    image: nginx\n${logging}`

describe('convertLogDriver', () => {
  it.each([
    ['none', '', undefined],
    ['a driver and its options', '    logging:\n      driver: json-file\n      options: { max-size: 10m }\n', { Name: 'json-file', Options: { 'max-size': '10m' } }],
    ['options only', '    logging:\n      options: { max-file: "3" }\n', { Options: { 'max-file': '3' } }],
    ['empty options are left out', '    logging:\n      driver: syslog\n      options: {}\n', { Name: 'syslog' }]
  ])('%s', (_name, logging, expected) => {
    expect(convertLogDriver(composeFragment(service(logging)).service.logging)).toEqual(expected)
  })
})
