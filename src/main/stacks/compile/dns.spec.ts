import { describe, expect, it } from 'vitest'
import { composeFragment, recordingProblems } from '../../../../tests/support/compose-fragment'
import { convertDNSConfig } from './dns'

const service = (body: string): string => `services:\n  web:\n    image: nginx\n${body}`

describe('convertDNSConfig', () => {
  it.each([
    ['none', '', undefined, []],
    ['nameservers and search domains', '    dns: [1.1.1.1, "::1"]\n    dns_search: [example.org]\n', { Nameservers: ['1.1.1.1', '::1'], Search: ['example.org'] }, []],
    ['a search domain only', '    dns_search: example.org\n', { Search: ['example.org'] }, []],
    ['a nameserver that is not an IP is dropped, with a warning', '    dns: [resolver.local, 8.8.8.8]\n', { Nameservers: ['8.8.8.8'] }, ['warn dns: stacks.said.compile.dnsNotIp']],
    ['only bad nameservers: an empty DNS config', '    dns: [resolver.local]\n', {}, ['warn dns: stacks.said.compile.dnsNotIp']]
  ])('%s', (_name, body, expected, problems) => {
    const seen = recordingProblems()
    expect(convertDNSConfig(composeFragment(service(body)).service, seen)).toEqual(expected)
    expect(seen.seen).toEqual(problems)
  })
})
