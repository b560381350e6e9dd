// Short syntaxes of compose ports and volumes, read like the docker CLI reads them
// (go-connections nat.ParsePortSpec + swarmopts.ConvertPortToPortConfig, internal/volumespec).
import { fail, isNetIP, type Parsed } from './go-parse'
import { worded } from '../i18n/words'
import { phrase, type Phrase, type Worded } from '../../shared/phrase'

export interface ServicePortConfig {
  mode: string
  target: number
  published: number
  protocol: string
}

function parsePortNumber(raw: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(raw)) return null
  const n = Number(raw)
  return n < 0 || n > 65535 ? null : n
}

function parsePortRange(raw: string): { start: number; end: number } | null {
  if (raw === '') return null
  const dash = raw.indexOf('-')
  const startText = dash < 0 ? raw : raw.slice(0, dash)
  const endText = dash < 0 ? '' : raw.slice(dash + 1)
  const start = parsePortNumber(startText)
  if (start === null) return null
  if (dash < 0 || startText === endText) return { start, end: start }
  const end = parsePortNumber(endText)
  if (end === null || end < start) return null
  return { start, end }
}

interface PortMapping {
  port: number
  proto: string
  hostIP: string
  hostPort: string
}

/** nat.ParsePortSpec: `[ip:][hostPort:]containerPort[/proto]` with ranges. */
export function parsePortSpec(raw: string): Parsed<PortMapping[]> {
  const parts = raw.split(':')
  let ip = ''
  let hostPort = ''
  let containerPart: string
  if (parts.length === 1) containerPart = parts[0]
  else if (parts.length === 2) [hostPort, containerPart] = parts
  else {
    ip = parts.slice(0, parts.length - 2).join(':')
    hostPort = parts[parts.length - 2]
    containerPart = parts[parts.length - 1]
  }
  const slash = containerPart.indexOf('/')
  const containerPort = slash < 0 ? containerPart : containerPart.slice(0, slash)
  let proto = slash < 0 ? '' : containerPart.slice(slash + 1)
  if (containerPort === '') return fail(phrase('compose.port.noPort', { spec: raw }))
  if (proto === '') proto = 'tcp'
  proto = proto.toLowerCase()
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return fail(phrase('compose.port.proto', { proto }))
  if (ip !== '' && ip.startsWith('[')) {
    if (!ip.endsWith(']')) return fail(phrase('compose.port.ipBracket', { ip }))
    ip = ip.slice(1, -1)
  }
  if (ip !== '' && !isNetIP(ip)) return fail(phrase('compose.port.ip', { ip }))
  const container = parsePortRange(containerPort)
  if (!container) return fail(phrase('compose.port.containerPort', { port: containerPort }))
  let hostStart = 0
  let hostEnd = 0
  if (hostPort !== '') {
    const host = parsePortRange(hostPort)
    if (!host) return fail(phrase('compose.port.hostPort', { port: hostPort }))
    hostStart = host.start
    hostEnd = host.end
    if (container.end - container.start !== hostEnd - hostStart && container.end !== container.start) {
      return fail(phrase('compose.port.ranges', { container: containerPort, host: hostPort }))
    }
  }
  const count = container.end - container.start + 1
  const out: PortMapping[] = []
  for (let i = 0; i < count; i++) {
    let hPort = ''
    if (hostPort !== '') {
      hPort = String(hostStart + i)
      if (count === 1 && hostStart !== hostEnd) hPort += `-${hostEnd}`
    }
    out.push({ port: container.start + i, proto, hostIP: ip, hostPort: hPort })
  }
  return { ok: true, value: out }
}

export interface PortSpecResult {
  ports: ServicePortConfig[]
  /** the host IP the CLI ignores, with its warning */
  warnings: Worded[]
}

/** loader.toServicePortConfigs: short syntax -> long syntax entries, mode ingress, ranges expanded. */
export function shortPortToConfigs(raw: string): Parsed<PortSpecResult> {
  const parsed = parsePortSpec(raw)
  if (!parsed.ok) return parsed
  // The CLI walks the exposed ports sorted as strings ("1000/tcp" < "80/tcp").
  const sorted = [...parsed.value].sort((a, b) => {
    const ka = `${a.port}/${a.proto}`
    const kb = `${b.port}/${b.proto}`
    return ka < kb ? -1 : ka > kb ? 1 : 0
  })
  const ports: ServicePortConfig[] = []
  const warnings: Worded[] = []
  for (const m of sorted) {
    if (m.hostIP !== '' && isNetIP(m.hostIP) && !/^(0\.0\.0\.0|::|0:0:0:0:0:0:0:0)$/.test(m.hostIP)) {
      const hostPart = m.hostIP.includes(':') ? `[${m.hostIP}]:${m.hostPort}` : `${m.hostIP}:${m.hostPort}`
      warnings.push(worded(phrase('compose.port.ignoredIp', { binding: `${hostPart}:${m.port}/${m.proto}` })))
    }
    let range = { start: 0, end: 0 }
    if (m.hostPort !== '') {
      const r = parsePortRange(m.hostPort)
      if (!r) return fail(phrase('compose.port.hostBinding', { hostPort: m.hostPort, port: m.port }))
      range = r
    }
    for (let p = range.start; p <= range.end; p++) {
      ports.push({ mode: 'ingress', target: m.port, published: p, protocol: m.proto })
    }
  }
  return { ok: true, value: { ports, warnings } }
}

// ---- volumes ----

export interface ServiceVolumeConfig {
  type: string
  source: string
  target: string
  readOnly: boolean
  consistency: string
  bind: { propagation: string } | null
  volume: { nocopy: boolean; subpath: string } | null
  image: { subpath: string } | null
  tmpfs: { size: number } | null
  cluster: Record<string, never> | null
}

export function emptyVolumeConfig(): ServiceVolumeConfig {
  return { type: '', source: '', target: '', readOnly: false, consistency: '', bind: null, volume: null, image: null, tmpfs: null, cluster: null }
}

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave'])

const isLetter = (c: string): boolean => /\p{L}/u.test(c)

function isFilePath(source: string): boolean {
  if (source[0] === '.' || source[0] === '/' || source[0] === '~') return true
  const chars = Array.from(source)
  if (chars.length === 1) return false
  if (source.startsWith('\\\\')) return true
  return chars[1] === ':' && isLetter(chars[0])
}

/** volumespec.Parse: `[source:]target[:options]`, a Windows drive letter may hold a colon. */
export function parseVolumeSpec(spec: string): Parsed<ServiceVolumeConfig> {
  const volume = emptyVolumeConfig()
  const chars = Array.from(spec)
  if (spec.length === 0) return fail(phrase('compose.volume.empty'))
  if (spec.length <= 2) {
    volume.target = spec
    volume.type = 'volume'
    return { ok: true, value: volume }
  }
  const populateType = (): void => {
    if (volume.source === '') volume.type = 'volume'
    else volume.type = isFilePath(volume.source) ? 'bind' : 'volume'
  }
  let buffer: string[] = []
  const END = null
  for (const ch of [...chars, END]) {
    if (ch === ':' && buffer.length === 1 && isLetter(buffer[0])) {
      buffer.push(ch)
      continue
    }
    if (ch === ':' || ch === END) {
      const text = buffer.join('')
      let error: Phrase | null = null
      if (buffer.length === 0) error = phrase('compose.volume.emptySection')
      else if (volume.source === '' && ch === END) volume.target = text
      else if (volume.source === '') volume.source = text
      else if (volume.target === '') volume.target = text
      else if (ch === ':') error = phrase('compose.volume.tooManyColons')
      else {
        for (const option of text.split(',')) {
          if (option === 'ro') volume.readOnly = true
          else if (option === 'rw') volume.readOnly = false
          else if (option === 'nocopy') volume.volume = { nocopy: true, subpath: '' }
          else if (PROPAGATIONS.has(option)) volume.bind = { propagation: option }
          // unknown options are ignored, like the CLI does
        }
      }
      if (error) {
        populateType()
        return fail(phrase('compose.volume.spec', { spec, problem: error }))
      }
      buffer = []
      continue
    }
    buffer.push(ch)
  }
  populateType()
  return { ok: true, value: volume }
}
