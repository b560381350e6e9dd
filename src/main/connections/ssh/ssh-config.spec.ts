import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configKnowsHost, expandGlob, listHostAliases, loadSshConfig, parseSshConfig, resolveHost, type ResolvedSshHost } from './ssh-config'

let home: string
const opts = (): { homeDir: string; localUser: string } => ({ homeDir: home, localUser: 'me' })

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'ssh-config-spec-'))
  mkdirSync(join(home, '.ssh', 'config.d'), { recursive: true })
  writeFileSync(join(home, '.ssh', 'config.d', '10-lab.conf'), 'Host lab1\n  HostName 10.77.0.11\n  User labuser\n')
  writeFileSync(join(home, '.ssh', 'config.d', '20-lab.conf'), 'Host lab2\n  HostName 10.77.0.12\nHost lab1\n  Port 2201\n')
  writeFileSync(join(home, '.ssh', 'config.d', '.hidden.conf'), 'Host hidden\n  HostName 10.77.0.99\n')
  writeFileSync(join(home, '.ssh', 'config.d', 'notes.txt'), 'Host nottaken\n')
  writeFileSync(join(home, '.ssh', 'only-for-db'), 'User dbadmin\nPort 2022\n')
  writeFileSync(join(home, '.ssh', 'nested-1'), 'Include nested-2\nHost deep\n  HostName deep.example\n')
  writeFileSync(join(home, '.ssh', 'nested-2'), 'Host deeper\n  HostName deeper.example\n')
  writeFileSync(join(home, 'abs-include'), 'Host absolute\n  HostName abs.example\n')
  writeFileSync(join(home, '.ssh', 'loop'), 'Include loop\n')
})

afterAll(() => {
  rmSync(home, { recursive: true, force: true })
})

interface Row {
  name: string
  config: string
  alias: string
  expected: Partial<ResolvedSshHost>
}

const rows = (): Row[] => [
  {
    name: 'plain block',
    config: 'Host web\n  HostName 10.0.0.5\n  User deploy\n  Port 2222\n  IdentityFile ~/.ssh/web_key\n',
    alias: 'web',
    expected: { hostName: '10.0.0.5', user: 'deploy', port: 2222, identityFiles: [join(home, '.ssh', 'web_key')] }
  },
  {
    name: 'no match: the alias is the host name',
    config: 'Host web\n  HostName 10.0.0.5\n',
    alias: 'db',
    expected: { hostName: 'db', user: null, port: null, identityFiles: [] }
  },
  {
    name: 'first obtained value wins',
    config: 'Host web\n  User first\nHost web\n  User second\n  Port 2200\nHost *\n  User fallback\n  Port 22\n',
    alias: 'web',
    expected: { user: 'first', port: 2200 }
  },
  {
    name: 'Host * before a specific block wins (OpenSSH order)',
    config: 'Host *\n  User everyone\nHost web\n  User deploy\n',
    alias: 'web',
    expected: { user: 'everyone' }
  },
  {
    name: 'top-level directives apply to every host',
    config: 'User global\nHost web\n  User deploy\n',
    alias: 'web',
    expected: { user: 'global' }
  },
  {
    name: 'case-insensitive keywords, Key=value and Key = value forms',
    config: 'HOST web\n  hostname=10.0.0.6\n  USER = deploy\n  port=2022\n',
    alias: 'web',
    expected: { hostName: '10.0.0.6', user: 'deploy', port: 2022 }
  },
  {
    name: 'Host=pattern form',
    config: 'Host=web\n  HostName 10.0.0.7\n',
    alias: 'web',
    expected: { hostName: '10.0.0.7' }
  },
  {
    name: 'quoted values with spaces',
    config: 'Host web\n  IdentityFile "~/my keys/web key"\n  User "deploy"\n',
    alias: 'web',
    expected: { user: 'deploy', identityFiles: [join(home, 'my keys', 'web key')] }
  },
  {
    name: 'IdentityFile accumulates, in order, without duplicates',
    config: 'Host web\n  IdentityFile ~/.ssh/a\nHost *\n  IdentityFile ~/.ssh/b\n  IdentityFile ~/.ssh/a\n',
    alias: 'web',
    expected: { identityFiles: [join(home, '.ssh', 'a'), join(home, '.ssh', 'b')] }
  },
  {
    name: 'tokens in HostName and IdentityFile',
    config: 'Host web\n  HostName %h.example.com\n  User deploy\n  IdentityFile %d/.ssh/%r@%h-%u-%p\n',
    alias: 'web',
    expected: { hostName: 'web.example.com', identityFiles: [join(home, '.ssh', 'deploy@web.example.com-me-22')] }
  },
  {
    name: 'patterns and negation',
    config: 'Host *.lab !db.lab\n  User labuser\nHost db.lab\n  User dbuser\n',
    alias: 'db.lab',
    expected: { user: 'dbuser' }
  },
  {
    name: 'wildcard ? matches one character',
    config: 'Host node?\n  User n\n',
    alias: 'node1',
    expected: { user: 'n' }
  },
  {
    name: 'Match blocks are skipped until the next Host',
    config: 'Match host web\n  User matched\nHost web\n  User hosted\n',
    alias: 'web',
    expected: { user: 'hosted' }
  },
  {
    name: 'comments: whole-line and trailing word',
    config: '# a comment\nHost web # trailing\n  # inside\n  User deploy # the deploy account\n',
    alias: 'web',
    expected: { user: 'deploy' }
  },
  {
    name: 'Include with a glob relative to ~/.ssh (sorted, dotfiles excluded)',
    config: 'Include config.d/*.conf\n',
    alias: 'lab1',
    expected: { hostName: '10.77.0.11', user: 'labuser', port: 2201 }
  },
  {
    name: 'Include inside a Host block only applies to that host',
    config: 'Host db\n  Include only-for-db\nHost web\n  HostName web.example\n',
    alias: 'db',
    expected: { user: 'dbadmin', port: 2022 }
  },
  {
    name: 'Include inside a Host block does not leak to other hosts',
    config: 'Host db\n  Include only-for-db\nHost web\n  HostName web.example\n',
    alias: 'web',
    expected: { hostName: 'web.example', user: null, port: null }
  },
  {
    name: 'nested Include',
    config: 'Include nested-1\n',
    alias: 'deeper',
    expected: { hostName: 'deeper.example' }
  },
  {
    name: 'Include with ~ and an absolute path',
    config: 'Include ~/abs-include\n',
    alias: 'absolute',
    expected: { hostName: 'abs.example' }
  },
  {
    name: 'a missing Include is ignored',
    config: 'Include does-not-exist/*\nHost web\n  User deploy\n',
    alias: 'web',
    expected: { user: 'deploy' }
  },
  {
    name: 'ProxyJump: hops in order, first value wins, %h expanded',
    config: 'Host worker*\n  HostName %h.internal\n  ProxyJump ops@bastion:2222,[fd00::1]:22\nHost *\n  ProxyJump other\n',
    alias: 'worker1',
    expected: { hostName: 'worker1.internal', proxyJump: [{ host: 'bastion', user: 'ops', port: 2222 }, { host: 'fd00::1', user: null, port: 22 }] }
  },
  {
    name: 'ProxyJump none is no jump',
    config: 'Host db\n  ProxyJump none\nHost *\n  ProxyJump bastion\n',
    alias: 'db',
    expected: { proxyJump: [] }
  },
  {
    name: 'ProxyJump as an ssh:// URI, with the %r token',
    config: 'Host app\n  User deploy\n  ProxyJump ssh://%r@gate\n',
    alias: 'app',
    expected: { proxyJump: [{ host: 'gate', user: 'deploy', port: null }] }
  },
  {
    name: 'an invalid port is ignored',
    config: 'Host web\n  Port http\nHost *\n  Port 2200\n',
    alias: 'web',
    expected: { port: 2200 }
  }
]

describe('resolveHost', () => {
  it('covers every case of the table', () => {
    for (const row of rows()) {
      const config = parseSshConfig(row.config, 'config', opts())
      expect(resolveHost(row.alias, config, opts()), row.name).toMatchObject(row.expected)
    }
  })

  it('stops an Include loop and says so', () => {
    const config = parseSshConfig('Include loop\nHost web\n  User deploy\n', 'config', opts())
    expect(resolveHost('web', config, opts()).user).toBe('deploy')
    expect(config.warnings.some((w) => /nested too deeply/.test(w))).toBe(true)
  })

  it('warns about an unterminated quote and keeps going', () => {
    const config = parseSshConfig('Host web\n  User "deploy\n  Port 2022\n', 'config', opts())
    expect(config.warnings[0]).toMatch(/config:2: unterminated quote/)
    expect(resolveHost('web', config, opts())).toMatchObject({ user: null, port: 2022 })
  })
})

describe('configKnowsHost', () => {
  it.each<[string, string, boolean]>([
    ['Host worker*\n  User ops\n', 'worker1', true],
    ['Host worker*\n  User ops\n', 'manager1', false],
    ['Host *\n  User ops\n', 'worker1', false],
    ['Host * !bastion\n  User ops\n', 'worker1', false],
    ['Host 10.77.0.*\n  User ops\n', '10.77.0.21', true],
    ['Host w1 worker1\n  HostName 10.0.0.1\n', 'worker1', true]
  ])('%j knows %s: %s', (text, name, known) => {
    expect(configKnowsHost(name, parseSshConfig(text, 'config', opts()))).toBe(known)
  })
})

describe('listHostAliases', () => {
  it('lists concrete aliases only, with what the config says about each', () => {
    const text = [
      'Include config.d/*.conf',
      'Host *',
      '  User everyone',
      'Host web db.lab !bad *.lab node? WEB',
      '  HostName 10.0.0.5',
      'Host empty',
      'Match all',
      '  User nobody'
    ].join('\n')
    expect(listHostAliases({ text }, opts())).toEqual([
      { alias: 'lab1', hostName: '10.77.0.11', user: 'labuser', port: 2201, identityFile: null },
      { alias: 'lab2', hostName: '10.77.0.12', user: 'everyone', port: null, identityFile: null },
      { alias: 'web', hostName: '10.0.0.5', user: 'everyone', port: null, identityFile: null },
      { alias: 'db.lab', hostName: '10.0.0.5', user: 'everyone', port: null, identityFile: null },
      { alias: 'empty', hostName: null, user: 'everyone', port: null, identityFile: null }
    ])
  })

  it('reads a file given by path; a missing file is an empty list', () => {
    const file = join(home, '.ssh', 'config')
    writeFileSync(file, 'Host labmgr\n  HostName 10.77.0.11\n  User root\n  IdentityFile ~/.ssh/lab_key\n')
    const expected = [{ alias: 'labmgr', hostName: '10.77.0.11', user: 'root', port: null, identityFile: join(home, '.ssh', 'lab_key') }]
    expect(listHostAliases(file, opts())).toEqual(expected)
    expect(listHostAliases({ path: file }, opts())).toEqual(expected)
    expect(listHostAliases(join(home, 'nope'), opts())).toEqual([])
    expect(loadSshConfig(undefined, opts()).directives.length).toBeGreaterThan(0)
  })
})

describe('expandGlob', () => {
  it('matches within one segment, sorted, skipping dotfiles', () => {
    expect(expandGlob(join(home, '.ssh', 'config.d', '*'))).toEqual([
      join(home, '.ssh', 'config.d', '10-lab.conf'),
      join(home, '.ssh', 'config.d', '20-lab.conf'),
      join(home, '.ssh', 'config.d', 'notes.txt')
    ])
    expect(expandGlob(join(home, '.ssh', 'config.d', '[12]?-*.conf'))).toHaveLength(2)
    expect(expandGlob(join(home, 'nothing', '*'))).toEqual([])
  })
})
