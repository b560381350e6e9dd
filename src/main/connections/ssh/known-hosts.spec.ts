import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  HostKeyStore,
  fingerprintSha256,
  hashHostName,
  hostKeyName,
  keyTypeOfBlob,
  knownKeyTypes,
  lookupHostKey,
  matchHostPatterns,
  parseKnownHosts,
  type HostKeyLookup
} from './known-hosts'

let dir: string

interface TestKey {
  type: string
  base64: string
  blob: Buffer
  fingerprint: string
  pubFile: string
}

/** A real key made by ssh-keygen, with the fingerprint ssh-keygen itself prints. */
function makeKey(name: string, type: 'ed25519' | 'ecdsa' | 'rsa'): TestKey {
  const file = join(dir, name)
  execFileSync('ssh-keygen', ['-q', '-t', type, ...(type === 'rsa' ? ['-b', '2048'] : []), '-N', '', '-C', name, '-f', file])
  const [keyType, base64] = readFileSync(`${file}.pub`, 'utf8').trim().split(/\s+/)
  const printed = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${file}.pub`], { encoding: 'utf8' })
  const fingerprint = printed.split(/\s+/)[1]
  return { type: keyType, base64, blob: Buffer.from(base64, 'base64'), fingerprint, pubFile: `${file}.pub` }
}

let edA: TestKey
let edB: TestKey
let ecA: TestKey
let rsaA: TestKey

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'known-hosts-spec-'))
  edA = makeKey('ed-a', 'ed25519')
  edB = makeKey('ed-b', 'ed25519')
  ecA = makeKey('ec-a', 'ecdsa')
  rsaA = makeKey('rsa-a', 'rsa')
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('fingerprintSha256', () => {
  it('prints exactly what ssh-keygen -lf prints', () => {
    for (const key of [edA, edB, ecA, rsaA]) {
      expect(fingerprintSha256(key.blob)).toBe(key.fingerprint)
      expect(key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/)
    }
  })

  it('reads the key type from the blob', () => {
    expect(keyTypeOfBlob(edA.blob)).toBe('ssh-ed25519')
    expect(keyTypeOfBlob(ecA.blob)).toBe('ecdsa-sha2-nistp256')
    expect(keyTypeOfBlob(rsaA.blob)).toBe('ssh-rsa')
    expect(keyTypeOfBlob(Buffer.from([0, 0, 0]))).toBeNull()
  })
})

describe('hostKeyName and patterns', () => {
  it.each([
    ['Example.COM', 22, 'example.com'],
    ['10.77.0.11', 2222, '[10.77.0.11]:2222']
  ])('%s:%d -> %s', (host, port, name) => {
    expect(hostKeyName(host, port)).toBe(name)
  })

  it.each<[string, string[], boolean]>([
    ['web1.example.com', ['*.example.com'], true],
    ['example.com', ['*.example.com'], false],
    ['web1', ['web?'], true],
    ['web10', ['web?'], false],
    ['web1.example.com', ['*.example.com', '!web1.example.com'], false],
    ['web2.example.com', ['*.example.com', '!web1.example.com'], true],
    ['10.77.0.5', ['!10.77.0.5'], false],
    ['[10.77.0.11]:2222', ['[10.77.0.*]:2222'], true],
    ['[10.77.0.11]:2223', ['[10.77.0.*]:2222'], false],
    ['HOST', ['host'], true]
  ])('%s against %j -> %s', (name, patterns, expected) => {
    expect(matchHostPatterns(name, patterns)).toBe(expected)
  })
})

describe('lookupHostKey', () => {
  const salt = randomBytes(20)

  function table(): Array<{ name: string; text: string; host: string; port: number; key: () => TestKey; expected: Partial<HostKeyLookup> & { status: HostKeyLookup['status'] }; expectedFrom?: () => TestKey }> {
    return [
      { name: 'plain name', text: `lab1 ${edA.type} ${edA.base64}`, host: 'lab1', port: 22, key: () => edA, expected: { status: 'known' } },
      { name: 'case-insensitive host', text: `LAB1 ${edA.type} ${edA.base64}`, host: 'lab1', port: 22, key: () => edA, expected: { status: 'known' } },
      { name: 'comma list', text: `lab1,10.77.0.11 ${edA.type} ${edA.base64} comment here`, host: '10.77.0.11', port: 22, key: () => edA, expected: { status: 'known' } },
      { name: '[host]:port', text: `[10.77.0.11]:2222 ${edA.type} ${edA.base64}`, host: '10.77.0.11', port: 2222, key: () => edA, expected: { status: 'known' } },
      { name: '[host]:port does not cover port 22', text: `[10.77.0.11]:2222 ${edA.type} ${edA.base64}`, host: '10.77.0.11', port: 22, key: () => edA, expected: { status: 'unknown' } },
      { name: 'bare name covers another port when it matches exactly (OpenSSH)', text: `10.77.0.11 ${edA.type} ${edA.base64}`, host: '10.77.0.11', port: 2222, key: () => edA, expected: { status: 'known' } },
      { name: 'bare name with another key is not "changed" for another port', text: `10.77.0.11 ${edB.type} ${edB.base64}`, host: '10.77.0.11', port: 2222, key: () => edA, expected: { status: 'unknown' } },
      { name: 'hashed entry', text: `${hashHostName('lab1', salt)} ${edA.type} ${edA.base64}`, host: 'lab1', port: 22, key: () => edA, expected: { status: 'known' } },
      { name: 'hashed [host]:port entry', text: `${hashHostName('[10.77.0.11]:2222', salt)} ${edA.type} ${edA.base64}`, host: '10.77.0.11', port: 2222, key: () => edA, expected: { status: 'known' } },
      { name: 'hashed entry for another host', text: `${hashHostName('lab2', salt)} ${edA.type} ${edA.base64}`, host: 'lab1', port: 22, key: () => edA, expected: { status: 'unknown' } },
      { name: 'wildcard', text: `*.lab ${edA.type} ${edA.base64}`, host: 'node3.lab', port: 22, key: () => edA, expected: { status: 'known' } },
      { name: 'negation excludes', text: `*.lab,!node3.lab ${edA.type} ${edA.base64}`, host: 'node3.lab', port: 22, key: () => edA, expected: { status: 'unknown' } },
      { name: 'same type, other key: changed', text: `lab1 ${edB.type} ${edB.base64}`, host: 'lab1', port: 22, key: () => edA, expected: { status: 'changed', revoked: false }, expectedFrom: () => edB },
      { name: 'only another type known: changed (OpenSSH)', text: `lab1 ${ecA.type} ${ecA.base64}`, host: 'lab1', port: 22, key: () => edA, expected: { status: 'changed', revoked: false }, expectedFrom: () => ecA },
      { name: 'several types, one matches: known', text: `lab1 ${ecA.type} ${ecA.base64}\nlab1 ${rsaA.type} ${rsaA.base64}\nlab1 ${edA.type} ${edA.base64}`, host: 'lab1', port: 22, key: () => edA, expected: { status: 'known' } },
      { name: 'changed reports the same-type entry', text: `lab1 ${ecA.type} ${ecA.base64}\nlab1 ${edB.type} ${edB.base64}`, host: 'lab1', port: 22, key: () => edA, expected: { status: 'changed' }, expectedFrom: () => edB },
      { name: 'revoked key is refused even when listed', text: `lab1 ${edA.type} ${edA.base64}\n@revoked * ${edA.type} ${edA.base64}`, host: 'lab1', port: 22, key: () => edA, expected: { status: 'changed', revoked: true } },
      { name: 'revoked line for another key does not matter', text: `lab1 ${edA.type} ${edA.base64}\n@revoked * ${edB.type} ${edB.base64}`, host: 'lab1', port: 22, key: () => edA, expected: { status: 'known' } },
      { name: '@cert-authority is ignored', text: `@cert-authority lab1 ${edA.type} ${edA.base64}`, host: 'lab1', port: 22, key: () => edA, expected: { status: 'unknown' } },
      { name: 'unknown host', text: `other ${edA.type} ${edA.base64}`, host: 'lab1', port: 22, key: () => edA, expected: { status: 'unknown' } },
      { name: 'comments, blanks, junk and bad markers are skipped', text: `# comment\n\n   \n@bogus lab1 ${edA.type} ${edA.base64}\nlab1 ssh-ed25519 !!!notbase64\nlab1 ssh-rsa ${edA.base64}\nlab1`, host: 'lab1', port: 22, key: () => edA, expected: { status: 'unknown' } }
    ]
  }

  it('covers every case of the table', () => {
    for (const row of table()) {
      const key = row.key()
      const result = lookupHostKey(parseKnownHosts(row.text, 'kh'), row.host, row.port, key.type, key.blob)
      expect(result, row.name).toMatchObject(row.expected)
      if (row.expectedFrom) {
        expect(result.status === 'changed' ? result.expectedFingerprint : null, row.name).toBe(row.expectedFrom().fingerprint)
      }
    }
  })

  it('names the offending line', () => {
    const entries = parseKnownHosts(`# first\nlab1 ${edB.type} ${edB.base64}\n`, '/home/u/.ssh/known_hosts')
    expect(lookupHostKey(entries, 'lab1', 22, edA.type, edA.blob)).toEqual({
      status: 'changed',
      expectedFingerprint: edB.fingerprint,
      source: '/home/u/.ssh/known_hosts:2',
      revoked: false
    })
  })

  it('reads entries hashed by ssh-keygen -H', () => {
    const file = join(dir, 'hashed_known_hosts')
    writeFileSync(file, `lab1 ${edA.type} ${edA.base64}\n[10.77.0.11]:2222 ${ecA.type} ${ecA.base64}\n`)
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' })
    const text = readFileSync(file, 'utf8')
    expect(text).not.toContain('lab1')
    const entries = parseKnownHosts(text)
    expect(entries.every((e) => e.names.kind === 'hashed')).toBe(true)
    expect(lookupHostKey(entries, 'lab1', 22, edA.type, edA.blob).status).toBe('known')
    expect(lookupHostKey(entries, '10.77.0.11', 2222, ecA.type, ecA.blob).status).toBe('known')
    expect(lookupHostKey(entries, '10.77.0.11', 2222, edA.type, edA.blob).status).toBe('changed')
    expect(lookupHostKey(entries, 'lab2', 22, edA.type, edA.blob).status).toBe('unknown')
  })

  it('lists the key types on record for a host', () => {
    const entries = parseKnownHosts(`lab1 ${ecA.type} ${ecA.base64}\nlab1 ${rsaA.type} ${rsaA.base64}\n@revoked lab1 ${edA.type} ${edA.base64}\nlab2 ${edA.type} ${edA.base64}`)
    expect(knownKeyTypes(entries, 'lab1', 22)).toEqual(['ecdsa-sha2-nistp256', 'ssh-rsa'])
  })
})

describe('HostKeyStore', () => {
  const offered = (host: string, port: number, key: TestKey) => ({ host, port, keyType: key.type, publicKey: key.base64, fingerprint: key.fingerprint })

  it('reads both files, tolerates missing ones, and writes only the app file', async () => {
    const userFile = join(dir, 'user_known_hosts')
    const appFile = join(dir, 'app', 'nested', 'known_hosts')
    writeFileSync(userFile, `lab1 ${edA.type} ${edA.base64}\n`)
    const userBefore = readFileSync(userFile, 'utf8')
    const store = new HostKeyStore({ userKnownHostsPath: userFile, appKnownHostsPath: appFile })

    expect(await store.check('lab1', 22, edA.type, edA.blob)).toMatchObject({ status: 'known', source: `${userFile}:1` })
    expect((await store.check('10.77.0.11', 2222, edB.type, edB.blob)).status).toBe('unknown')
    expect((await store.check('lab3', 22, ecA.type, ecA.blob)).status).toBe('unknown')

    await store.accept(offered('10.77.0.11', 2222, edB))
    await store.accept(offered('lab3', 22, ecA))
    expect(readFileSync(appFile, 'utf8')).toBe(
      `[10.77.0.11]:2222 ${edB.type} ${edB.base64}\nlab3 ${ecA.type} ${ecA.base64}\n`
    )
    expect(readFileSync(userFile, 'utf8')).toBe(userBefore)
    expect(await store.check('10.77.0.11', 2222, edB.type, edB.blob)).toMatchObject({ status: 'known', source: `${appFile}:1` })
  })

  it('accepts only the key last refused as unknown for that host and port, with its own fingerprint', async () => {
    const appFile = join(dir, 'offered_known_hosts')
    const store = new HostKeyStore({ userKnownHostsPath: join(dir, 'missing'), appKnownHostsPath: appFile })
    const notOffered = { code: 'HOST_KEY_CHANGED' }
    // nothing refused yet: the renderer cannot store a key of its choosing
    await expect(store.accept(offered('lab1', 22, edA))).rejects.toMatchObject(notOffered)
    expect((await store.check('lab1', 22, edA.type, edA.blob)).status).toBe('unknown')
    // another key, another port, another host, a fingerprint that is not the key's
    await expect(store.accept(offered('lab1', 22, edB))).rejects.toMatchObject(notOffered)
    await expect(store.accept(offered('lab1', 2222, edA))).rejects.toMatchObject(notOffered)
    await expect(store.accept(offered('lab2', 22, edA))).rejects.toMatchObject(notOffered)
    await expect(store.accept({ ...offered('lab1', 22, edA), fingerprint: edB.fingerprint })).rejects.toMatchObject(notOffered)
    expect(existsSync(appFile)).toBe(false)
    // the last refused key wins: a second, different key presented since replaces the first
    expect((await store.check('lab1', 22, ecA.type, ecA.blob)).status).toBe('unknown')
    await expect(store.accept(offered('lab1', 22, edA))).rejects.toMatchObject(notOffered)
    await store.accept(offered('LAB1', 22, ecA))
    expect(readFileSync(appFile, 'utf8')).toBe(`lab1 ${ecA.type} ${ecA.base64}\n`)
    // once stored, the offer is spent
    await expect(store.accept(offered('lab1', 22, ecA))).rejects.toMatchObject(notOffered)
  })

  it('refuses a changed key whatever the renderer sends, in the app file too', async () => {
    const appFile = join(dir, 'changed_known_hosts')
    const store = new HostKeyStore({ userKnownHostsPath: join(dir, 'missing'), appKnownHostsPath: appFile })
    expect((await store.check('lab1', 22, edA.type, edA.blob)).status).toBe('unknown')
    await store.accept(offered('lab1', 22, edA))
    expect((await store.check('lab1', 22, edB.type, edB.blob)).status).toBe('changed')
    await expect(store.accept(offered('lab1', 22, edB))).rejects.toMatchObject({ code: 'HOST_KEY_CHANGED' })
    expect(readFileSync(appFile, 'utf8')).toBe(`lab1 ${edA.type} ${edA.base64}\n`)
  })

  it('lets a key of ~/.ssh/known_hosts win over a different key in the app file', async () => {
    const userFile = join(dir, 'user_wins_known_hosts')
    const appFile = join(dir, 'app_loses_known_hosts')
    writeFileSync(userFile, `lab1 ${edA.type} ${edA.base64}\n`)
    writeFileSync(appFile, `lab1 ${edB.type} ${edB.base64}\n`)
    const store = new HostKeyStore({ userKnownHostsPath: userFile, appKnownHostsPath: appFile })
    expect(await store.check('lab1', 22, edB.type, edB.blob)).toMatchObject({ status: 'changed', source: `${userFile}:1`, expectedFingerprint: edA.fingerprint })
    expect(await store.check('lab1', 22, edA.type, edA.blob)).toMatchObject({ status: 'known', source: `${userFile}:1` })
    // a host the user's file does not know is looked up in the app's file
    writeFileSync(appFile, `lab2 ${edB.type} ${edB.base64}\n`)
    expect(await store.check('lab2', 22, edB.type, edB.blob)).toMatchObject({ status: 'known', source: `${appFile}:1` })
    expect((await store.check('lab2', 22, edA.type, edA.blob)).status).toBe('changed')
  })

  it('refuses a malformed key or host', async () => {
    const appFile = join(dir, 'refuse_known_hosts')
    const store = new HostKeyStore({ userKnownHostsPath: join(dir, 'missing'), appKnownHostsPath: appFile })
    await store.check('lab1', 22, edA.type, edA.blob)
    await expect(store.accept({ ...offered('lab1', 22, edA), keyType: 'ssh-rsa' })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    for (const host of ['a b', '*', '*.lab', 'lab1,lab2', '!lab1', '|1|x|y', '@revoked', '[lab1]:22', '']) {
      await expect(store.accept(offered(host, 22, edA)), host).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    }
    await expect(store.accept(offered('lab1', 0, edA))).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    expect(existsSync(appFile)).toBe(false)
  })
})
