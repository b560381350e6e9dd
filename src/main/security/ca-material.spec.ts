import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkGivenCa } from './ca-material'

const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', '..', 'tests', 'fixtures', 'security', name), 'utf8')
const ca = fixture('ca.pem')
const caKey = fixture('ca-key.pem')
const now = new Date('2030-01-01T00:00:00Z')

describe('checkGivenCa', () => {
  it.each([
    ['a CA and its own key, valid now', ca, caKey, now, null],
    ['a certificate that is not PEM', 'not a certificate', caKey, now, 'security.said.ca-cert-unreadable'],
    ['a key that is not PEM', ca, 'not a key', now, 'security.said.ca-key-unreadable'],
    ['a key of another certificate', ca, fixture('other-key.pem'), now, 'security.said.ca-key-mismatch'],
    ['a CA that expired', ca, caKey, new Date('2200-01-01T00:00:00Z'), 'security.said.ca-expired'],
    ['a CA not valid yet', ca, caKey, new Date('2001-01-01T00:00:00Z'), 'security.said.ca-not-yet-valid'],
    ['a certificate that is no CA', fixture('leaf.pem'), fixture('leaf-key.pem'), now, 'security.said.ca-not-a-ca']
  ])('%s', (_what, cert, key, at, expected) => {
    expect(checkGivenCa(cert, key, at)?.key ?? null).toBe(expected)
  })
})
