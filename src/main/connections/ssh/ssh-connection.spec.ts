import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, connect as tcpConnect, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Server as SshServer, utils } from 'ssh2'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HostKeyStore } from './known-hosts'
import { openSshConnection } from './ssh-connection'

// A link that goes silent (a cable pulled, an iptables DROP): nothing comes back, not even the
// answer to a disconnect. Closing the connection must still close it, and every channel riding on
// it (a terminal, a jump to a node), at once: TCP alone would keep them for many minutes. On
// loopback: an in-process SSH server, behind a proxy that can go silent.
let ssh: SshServer
let echo: TcpServer
let proxy: TcpServer
let silent = false
let proxyPort = 0
const held: Socket[] = []
let dir: string
let hostKeys: HostKeyStore
const listen = (server: SshServer | TcpServer): Promise<number> => new Promise((done) => server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)))

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sd-ssh-silent-'))
  const hostKey = utils.generateKeyPairSync('ed25519')
  const userKey = utils.generateKeyPairSync('ed25519')
  writeFileSync(join(dir, 'id'), userKey.private)
  writeFileSync(join(dir, 'config'), '')
  ssh = new SshServer({ hostKeys: [hostKey.private] }, (client) => {
    client.on('error', () => undefined)
    client.on('authentication', (ctx) => (ctx.method === 'publickey' ? ctx.accept() : ctx.reject(['publickey'])))
    client.on('ready', () => {
      client.on('tcpip', (accept, _reject, info) => {
        const channel = accept()
        const far = tcpConnect(info.destPort, info.destIP)
        far.on('error', () => channel.close())
        channel.pipe(far).pipe(channel)
      })
    })
  })
  echo = createServer((socket) => socket.pipe(socket))
  const sshPort = await listen(ssh)
  await listen(echo)
  // half-open allowed: a silent peer never answers our FIN with its own
  proxy = createServer({ allowHalfOpen: true }, (down) => {
    const up = tcpConnect(sshPort, '127.0.0.1')
    held.push(down, up)
    for (const s of [down, up]) s.on('error', () => undefined)
    down.on('data', (chunk: Buffer) => silent || up.write(chunk))
    up.on('data', (chunk: Buffer) => silent || down.write(chunk))
  })
  proxyPort = await listen(proxy)
  const blob = Buffer.from(hostKey.public.split(' ')[1], 'base64')
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${proxyPort} ssh-ed25519 ${blob.toString('base64')}\n`)
  hostKeys = new HostKeyStore({ userKnownHostsPath: join(dir, 'known_hosts'), appKnownHostsPath: join(dir, 'app_known_hosts') })
})

afterAll(() => {
  for (const socket of held) socket.destroy()
  proxy?.close()
  echo?.close()
  ssh?.close()
})

describe('closing an SSH connection whose link went silent', () => {
  it('closes its socket and its channels within a few seconds', async () => {
    const connection = await openSshConnection({ host: '127.0.0.1', port: proxyPort, user: 'me', identityFile: join(dir, 'id'), useAgent: false, hostKeys, sshConfigPath: join(dir, 'config'), keepaliveIntervalMs: 60_000 })
    const channel = await connection.forwardOut('127.0.0.1', (echo.address() as AddressInfo).port)
    const answered = new Promise((done) => channel.once('data', done))
    channel.write('ping')
    await answered

    silent = true
    const started = Date.now()
    const channelClosed = new Promise<number>((done) => channel.once('close', () => done(Date.now() - started)))
    const clientClosed = new Promise<number>((done) => connection.client.once('close', () => done(Date.now() - started)))
    connection.close()
    const timeout = new Promise<number>((done) => setTimeout(() => done(Infinity), 6_000).unref())
    expect(await Promise.race([clientClosed, timeout])).toBeLessThan(5_000)
    expect(await Promise.race([channelClosed, timeout])).toBeLessThan(5_000)
  }, 15_000)
})
