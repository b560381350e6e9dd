import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HostKeyStore } from './ssh/known-hosts'
import { connectEndpoint, envTls } from './engine-connector'

const certDir = (files: string[]) => {
  const dir = mkdtempSync(join(tmpdir(), 'sd-tls-'))
  for (const file of files) writeFileSync(join(dir, file), `-----BEGIN ${file}-----\n`)
  return dir
}
const deps = (env: Record<string, string>) => ({
  env,
  hostKeys: new HostKeyStore({ appKnownHostsPath: join(tmpdir(), 'unused-known-hosts') }),
  passphraseFor: async () => undefined
})

describe('DOCKER_TLS_VERIFY fails closed', () => {
  it('refuses to connect when the certificates cannot be read, instead of plain TCP', async () => {
    const empty = certDir([])
    await expect(connectEndpoint({ kind: 'docker-host', dockerHost: 'tcp://127.0.0.1:2376' }, 0, deps({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: empty }))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining(`the TLS files in ${empty} cannot be read (ca.pem: ENOENT)`)
    })
  })

  it.each([
    ['no CA', ['cert.pem', 'key.pem'], 'ca.pem: ENOENT'],
    ['half a client certificate', ['ca.pem', 'cert.pem'], 'key.pem: ENOENT']
  ])('refuses %s', async (_name, files, problem) => {
    await expect(envTls({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir(files) })).rejects.toMatchObject({ message: expect.stringContaining(problem) })
  })

  it('refuses a file that exists but cannot be read', async () => {
    const denied = async (path: string): Promise<Buffer> => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' })
    }
    await expect(envTls({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' }, denied)).rejects.toMatchObject({ message: expect.stringContaining('ca.pem: EACCES, cert.pem: EACCES, key.pem: EACCES') })
  })

  it('defaults DOCKER_CERT_PATH to ~/.docker, like the CLI, rather than dropping TLS', async () => {
    const home = mkdtempSync(join(tmpdir(), 'sd-home-'))
    await expect(envTls({ DOCKER_TLS_VERIFY: '1', HOME: home })).rejects.toMatchObject({ message: expect.stringContaining(join(home, '.docker')) })
  })

  it('reads the CA with or without a client certificate; no TLS asked, no TLS', async () => {
    expect(await envTls({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir(['ca.pem', 'cert.pem', 'key.pem']) })).toMatchObject({ ca: expect.any(Buffer), cert: expect.any(Buffer), key: expect.any(Buffer) })
    expect(await envTls({ DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir(['ca.pem']) })).toEqual({ ca: expect.any(Buffer), cert: undefined, key: undefined })
    expect(await envTls({ DOCKER_CERT_PATH: certDir([]) })).toBeNull()
  })
})
