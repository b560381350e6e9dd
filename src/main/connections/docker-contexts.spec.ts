import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contextDirName } from './context-tls'
import { listDockerContexts, resolveDefaultEngine } from './docker-contexts'

const remote = { name: 'prod', description: '', dockerHost: 'ssh://deploy@prod', current: false }

describe('resolveDefaultEngine follows the docker CLI precedence', () => {
  it.each([
    ['DOCKER_HOST wins over everything', { DOCKER_HOST: 'tcp://1.2.3.4:2375', DOCKER_CONTEXT: 'prod' }, 'prod', { source: 'DOCKER_HOST', dockerHost: 'tcp://1.2.3.4:2375', contextName: null }],
    ['DOCKER_CONTEXT over config.json', { DOCKER_CONTEXT: 'prod' }, 'default', { source: 'context', dockerHost: 'ssh://deploy@prod', contextName: 'prod' }],
    ['currentContext from config.json', {}, 'prod', { source: 'context', dockerHost: 'ssh://deploy@prod', contextName: 'prod' }],
    ['default context means the default socket', {}, 'default', { source: 'default-socket', dockerHost: 'unix:///var/run/docker.sock', contextName: null }],
    ['nothing set', {}, null, { source: 'default-socket', dockerHost: 'unix:///var/run/docker.sock', contextName: null }],
    ['unknown context falls back to the socket', {}, 'gone', { source: 'default-socket', dockerHost: 'unix:///var/run/docker.sock', contextName: null }]
  ] as const)('%s', (_name, env, currentContext, expected) => {
    expect(resolveDefaultEngine({ env, currentContext, contexts: [remote] })).toEqual(expected)
  })
})

describe('listDockerContexts', () => {
  it('reads contexts the way the CLI stores them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-ctx-'))
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentContext: 'lab' }))
    const metaDir = join(dir, 'contexts', 'meta', contextDirName('lab'))
    mkdirSync(metaDir, { recursive: true })
    writeFileSync(join(metaDir, 'meta.json'), JSON.stringify({ Name: 'lab', Metadata: { Description: 'the lab' }, Endpoints: { docker: { Host: 'unix:///tmp/lab.sock' } } }))
    const broken = join(dir, 'contexts', 'meta', 'zz')
    mkdirSync(broken)
    writeFileSync(join(broken, 'meta.json'), '{not json')
    const result = await listDockerContexts(dir, {})
    expect(result.current).toBe('lab')
    expect(result.contexts).toEqual([
      { name: 'default', description: 'Current DOCKER_HOST based configuration', dockerHost: 'unix:///var/run/docker.sock', current: false },
      { name: 'lab', description: 'the lab', dockerHost: 'unix:///tmp/lab.sock', current: true }
    ])
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings[0]).toContain('meta.json')
  })

  it('uses the sha256 of the name as directory, like the CLI', () => {
    // `docker context create default-ish` stores under sha256("default"), documented by docker/cli.
    expect(contextDirName('default')).toBe('37a8eec1ce19687d132fe29051dca629d164e2c4958ba141d5f4133a33f0688f')
  })
})
