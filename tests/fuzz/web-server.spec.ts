import { mkdtempSync, writeFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { procedures, type ProcedureName } from '../../src/shared/contract'
import { errorCodeSchema } from '../../src/shared/errors'
import { createServices } from '../../src/main/composition'
import { createDispatcher } from '../../src/main/rpc/dispatcher'
import { startWsTransport, type WsTransport } from '../../src/main/rpc/ws-transport'
import { createNodePlatform } from '../../src/main/platform/node-platform'
import { fuzzSeed, hostileString, hostileValue, rng, type Rng } from '../support/fuzz'

// Web mode as any local process can reach it: random HTTP requests (paths, methods, headers),
// upgrade attempts, and on an authenticated WebSocket random frames (invalid UTF-8, binary,
// bad JSON, wrong envelopes, wrong procedure names and shapes, oversize). The server must stay up,
// HTTP must always answer with a status, and a frame must be answered with a result (ok or a typed
// error) or end its own connection with 1007/1009. Loopback only; maxPayload is made small so the
// oversize path costs nothing (its derivation from the contract is tested in ws-transport.spec.ts).
const HTTP_CASES = 800
const UPGRADE_CASES = 200
const FRAME_CASES = 1500
const MAX_PAYLOAD = 64 * 1024
const ANSWER_MS = 5000

const dataDir = mkdtempSync(join(tmpdir(), 'sd-fuzz-web-'))
const staticDir = mkdtempSync(join(tmpdir(), 'sd-fuzz-static-'))
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>SwarmDesk</title>')
const services = createServices({ platform: createNodePlatform(dataDir), env: { HOME: dataDir }, userKnownHostsPath: join(dataDir, 'known_hosts'), sshConfigPath: join(dataDir, 'ssh_config') })
let transport: WsTransport
const seed = fuzzSeed()

beforeAll(async () => {
  transport = await startWsTransport({ dispatcher: createDispatcher(services.router), bus: services.bus, staticDir, maxPayload: MAX_PAYLOAD })
})
afterAll(async () => {
  await transport.close()
  services.dispose()
})

// written, not ended: a client that half-closes at once has gone away before the answer (Node then
// drops the response), which is no fault of the server; `Connection: close` ends each exchange
function raw(text: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port: transport.port }, () => socket.write(text))
    let answer = ''
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no answer within ${ANSWER_MS} ms`))
    }, ANSWER_MS)
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      answer += chunk
      // a status line and headers are the answer; a body may still be awaited (a chunked or 100-continue request)
      if (answer.includes('\r\n\r\n')) socket.destroy()
    })
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(answer)
    })
    socket.on('error', () => undefined) // a reset after the answer is fine
  })
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT', 'PRI', 'get', 'G\u00e9T', 'X'.repeat(300)]
const PATHS = ['/', '/index.html', '/%', '/%zz', '/%00', '/..', '/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '//', '/rpc', '/rpc?token=', 'http://[', 'http://127.0.0.1/', '*', '/\u00e9', '/a%c3', '/' + 'a'.repeat(9000)]

function randomPath(r: Rng): string {
  if (r.chance(0.5)) return r.pick(PATHS)
  // printable ASCII kept as is (a lone `%` included), everything else as one percent-escaped byte (often not UTF-8)
  const text = [...hostileString(r, 200)].map((c) => (c >= '!' && c <= '~' ? c : `%${(c.charCodeAt(0) & 0xff).toString(16).padStart(2, '0')}`))
  return '/' + text.join('')
}

function randomHeaders(r: Rng): string {
  const lines = ['Host: 127.0.0.1']
  const count = r.int(6)
  for (let i = 0; i < count; i++) {
    lines.push(
      r.pick([
        `X-Fuzz: ${hostileString(r, 100).replace(/[\r\n]/g, '')}`,
        `Content-Length: ${r.pick(['0', '-1', 'abc', '99999999999', '5'])}`,
        'Transfer-Encoding: chunked',
        `Cookie: ${'c'.repeat(r.pick([10, 20_000]))}`,
        'Bad Header Name: x',
        `Origin: ${r.pick(['http://evil.example', 'null', ''])}`,
        'Expect: 100-continue',
        '\u00e9: \u00e9'
      ])
    )
  }
  return lines.join('\r\n')
}

interface FrameOutcome {
  kind: 'result' | 'closed'
  code?: number
  response?: { ok: boolean; error?: { code: string; message: string } }
}

function openSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(transport.wsUrl)
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

function frameAnswer(ws: WebSocket, id: number | null): Promise<FrameOutcome> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to frame ${id} within ${ANSWER_MS} ms`)), ANSWER_MS)
    const done = (outcome: FrameOutcome) => {
      clearTimeout(timer)
      ws.off('message', onMessage)
      ws.off('close', onClose)
      resolve(outcome)
    }
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as { t: string; id?: number; response?: FrameOutcome['response'] }
      if (message.t === 'result' && (id === null || message.id === id)) done({ kind: 'result', response: message.response })
    }
    const onClose = (code: number) => done({ kind: 'closed', code })
    ws.on('message', onMessage)
    ws.on('close', onClose)
  })
}

const NAMES = Object.keys(procedures).filter((name) => name !== 'clusters.open') as ProcedureName[]

/** One random frame: what it is, and what it is expected to get. */
function randomFrame(r: Rng, id: number): { data: string | Buffer; binary: boolean; expectId: number | null; closes: number[] } {
  switch (r.int(7)) {
    case 0:
      return { data: Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0xfe, 0x7d]), binary: false, expectId: null, closes: [1007] }
    case 1:
      return { data: hostileString(r, 500) + '{', binary: r.chance(0.5), expectId: null, closes: [1007] }
    case 2:
      return { data: JSON.stringify({ t: 'invoke', id, name: 'app.info', input: { pad: 'x'.repeat(MAX_PAYLOAD) } }), binary: false, expectId: null, closes: [1009] }
    case 3:
      // an envelope with a good id but a wrong shape: a typed error on that id
      return { data: JSON.stringify(r.pick([{ t: 'call', id }, { t: 'invoke', id, name: 42 }, { t: 'invoke', id, name: 'x'.repeat(500) }, { id, name: 'app.info' }])), binary: false, expectId: id, closes: [] }
    case 4:
      return { data: JSON.stringify(r.pick([null, 1, 'x', [], { t: 'invoke', id: -1, name: 'app.info' }, { t: 'invoke', id: 'x' }])), binary: false, expectId: null, closes: [1007] }
    case 5:
      return { data: JSON.stringify({ t: 'invoke', id, name: hostileString(r, 100), input: hostileValue(r, procedures['app.info'].input) }), binary: false, expectId: id, closes: [] }
    default: {
      const name = r.pick(NAMES)
      let input = hostileValue(r, procedures[name].input)
      if (JSON.stringify(input ?? null).length > MAX_PAYLOAD - 200) input = {}
      return { data: JSON.stringify({ t: 'invoke', id, name, input }), binary: false, expectId: id, closes: [] }
    }
  }
}

async function stillServes(): Promise<void> {
  const ws = await openSocket()
  const answer = frameAnswer(ws, 1)
  ws.send(JSON.stringify({ t: 'invoke', id: 1, name: 'app.info', input: {} }))
  expect((await answer).response?.ok).toBe(true)
  ws.close()
}

function expectTyped(response: FrameOutcome['response'], where: string): void {
  if (response && !response.ok) expect(errorCodeSchema.safeParse(response.error?.code).success, `${where}: ${JSON.stringify(response).slice(0, 300)}`).toBe(true)
}

describe('fuzz: the web server', () => {
  it('answers random HTTP requests and upgrade attempts with a status, and keeps serving', async () => {
    const r = rng(seed)
    const statuses = new Map<string, number>()
    for (let i = 0; i < HTTP_CASES; i++) {
      const request = `${r.pick(METHODS)} ${randomPath(r)} HTTP/1.1\r\n${randomHeaders(r)}\r\nConnection: close\r\n\r\n`
      const answer = await raw(request)
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]
      expect(status, `seed ${seed} http case ${i}: ${JSON.stringify(request.length > 400 ? request.slice(0, 200) + "…" + request.slice(-200) : request)} -> ${JSON.stringify(answer.slice(0, 100))}`).toBeDefined()
      statuses.set(status ?? '', (statuses.get(status ?? '') ?? 0) + 1)
    }
    for (let i = 0; i < UPGRADE_CASES; i++) {
      const token = r.pick([transport.token, '', transport.token.slice(1), hostileString(r, 60).replace(/[^!-~]/g, '')])
      const path = r.pick(['/rpc', '/rpc/', '/', '/%', 'http://['])
      const origin = r.pick(['', `Origin: http://127.0.0.1:${transport.port}\r\n`, 'Origin: http://evil.example\r\n'])
      const request = `GET ${path}?token=${token} HTTP/1.1\r\nHost: 127.0.0.1\r\n${origin}Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: ${r.pick(['13', '8', 'x'])}\r\nSec-WebSocket-Key: ${r.pick(['dGhlIHNhbXBsZSBub25jZQ==', 'short', ''])}\r\n\r\n`
      const answer = await raw(request)
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]
      expect(status, `seed ${seed} upgrade case ${i}: ${JSON.stringify(request.slice(0, 200))}`).toBeDefined()
      statuses.set(`upgrade ${status}`, (statuses.get(`upgrade ${status}`) ?? 0) + 1)
    }
    await stillServes()
    console.log(`fuzz web server (HTTP): seed ${seed} (SWARMDESK_FUZZ_SEED=${seed} replays it): ${HTTP_CASES + UPGRADE_CASES} cases, statuses: ${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')}`)
  }, 120_000)

  it('answers random frames with a result or a typed error, or ends only that connection', async () => {
    const r = rng(seed ^ 0x9e3779b9)
    let ws = await openSocket()
    const outcomes = new Map<string, number>()
    for (let i = 0; i < FRAME_CASES; i++) {
      const id = i + 1
      const frame = randomFrame(r, id)
      const answer = frameAnswer(ws, frame.expectId)
      ws.send(frame.data, { binary: frame.binary })
      const outcome = await answer
      const where = `seed ${seed} frame case ${i}: ${String(frame.data).slice(0, 160)}`
      if (frame.expectId !== null) {
        expect(outcome.kind, where).toBe('result')
        expectTyped(outcome.response, where)
      } else {
        expect(outcome, where).toEqual({ kind: 'closed', code: expect.toSatisfy((code: number) => frame.closes.includes(code)) })
      }
      const label = outcome.kind === 'closed' ? `closed ${outcome.code}` : outcome.response?.ok ? 'ok' : (outcome.response?.error?.code ?? '?')
      outcomes.set(label, (outcomes.get(label) ?? 0) + 1)
      if (outcome.kind === 'closed') ws = await openSocket()
      if (i % 250 === 0) await stillServes()
    }
    ws.close()
    await stillServes()
    console.log(`fuzz web server (frames): seed ${seed} (SWARMDESK_FUZZ_SEED=${seed} replays it): ${FRAME_CASES} cases, answers: ${[...outcomes].map(([s, n]) => `${s} ${n}`).join(', ')}`)
  }, 120_000)
})
