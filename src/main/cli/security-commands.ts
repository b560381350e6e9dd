import { readFile } from 'node:fs/promises'
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/contract'
import type { Snapshot } from '../../shared/domain'
import { AppError } from '../../shared/errors'
import { caRotationProgress, nodeHasCurrentCert, type CaRotationProgress } from '../../shared/ca-rotation'
import type { SecurityFacts, SwarmSettings } from '../../shared/security'
import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import { formatTable } from './table'

/**
 * `swarmdesk swarm security | join-token | update | ca rotate | unlock-key | unlock`: the security
 * procedures for scripts, printed like the docker CLI prints them. A token or key goes to stdout
 * only, for the one command that asked for it. Formatting and flag parsing are pure.
 */

export class SwarmUsageError extends Error {}

export interface SwarmFlags {
  rotate?: boolean
  quiet?: boolean
  autolock?: string
  'task-history-limit'?: string
  'snapshot-interval'?: string
  'dispatcher-heartbeat'?: string
  'cert-expiry'?: string
  'ca-cert'?: string
  'ca-key'?: string
  wait?: boolean
  timeout?: string
  yes?: boolean
}

export interface SwarmCommandContext {
  json: boolean
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>>
  clusterId(): Promise<string>
  readStdin(): Promise<string>
  out(text: string): void
  err(text: string): void
  sleep?(ms: number): Promise<void>
}

/** Go's time.ParseDuration for what the docker CLI's duration flags take: `1h30m`, `90s`, `2160h`. Seconds. */
export function parseGoDuration(text: string): number {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 }
  const trimmed = text.trim()
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(trimmed)) throw new SwarmUsageError(`"${text}": expected a duration like 5s, 90m or 2160h`)
  let seconds = 0
  for (const [, amount, , unit] of trimmed.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) seconds += Number(amount) * units[unit]
  return seconds
}

function wholeNumber(flag: string, text: string): number {
  const value = Number(text)
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) throw new SwarmUsageError(`--${flag} ${text}: expected a whole number`)
  return value
}

/** The settings `swarm update` was given (only those), and autolock when given. */
export function parseUpdateFlags(flags: SwarmFlags): { settings: Partial<SwarmSettings>; autolock: boolean | null } {
  const settings: Partial<SwarmSettings> = {}
  if (flags['task-history-limit'] !== undefined) settings.taskHistoryLimit = wholeNumber('task-history-limit', flags['task-history-limit'])
  if (flags['snapshot-interval'] !== undefined) settings.snapshotInterval = wholeNumber('snapshot-interval', flags['snapshot-interval'])
  if (flags['dispatcher-heartbeat'] !== undefined) settings.dispatcherHeartbeatSeconds = parseGoDuration(flags['dispatcher-heartbeat'])
  if (flags['cert-expiry'] !== undefined) settings.certExpirySeconds = parseGoDuration(flags['cert-expiry'])
  let autolock: boolean | null = null
  if (flags.autolock !== undefined) {
    if (flags.autolock !== 'true' && flags.autolock !== 'false') throw new SwarmUsageError(`--autolock=${flags.autolock}: expected true or false`)
    autolock = flags.autolock === 'true'
  }
  if (autolock === null && Object.keys(settings).length === 0) throw new SwarmUsageError('swarm update needs at least one setting to change')
  return { settings, autolock }
}

function days(seconds: number | null): string {
  if (seconds === null) return '-'
  const d = seconds / 86_400
  return Number.isInteger(d) ? `${d} days (${seconds / 3600}h)` : `${seconds / 3600}h`
}

/** `swarm security`: the facts, then each node's certificate issuer against the current one. */
export function formatSecurity(facts: SecurityFacts, snapshot: Pick<Snapshot, 'swarm' | 'nodes'>): string {
  const s = facts.settings
  const progress = caRotationProgress(snapshot.swarm, snapshot.nodes)
  const lines = [
    `Swarm:                 ${facts.swarmId}`,
    `Root CA fingerprint:   ${facts.rootCa ? `SHA256 ${facts.rootCa.fingerprint}` : '-'}`,
    `Root CA subject:       ${facts.rootCa?.subject ?? '-'} (valid until ${facts.rootCa?.notAfter ?? '-'})`,
    `Certificate lifetime:  ${days(s.certExpirySeconds)}`,
    `CA rotation:           ${facts.rotationInProgress ? `in progress (${rotationLine(progress)})` : 'none running'}`,
    `Autolock:              ${facts.autolock ? 'on (managers come back locked after a restart)' : 'off'}`,
    `Task history limit:    ${s.taskHistoryLimit ?? '-'}`,
    `Snapshot interval:     ${s.snapshotInterval ?? '-'} log entries`,
    `Dispatcher heartbeat:  ${s.dispatcherHeartbeatSeconds === null ? '-' : `${s.dispatcherHeartbeatSeconds}s`}`,
    `Worker join:           ${facts.maskedJoin.worker}`,
    `Manager join:          ${facts.maskedJoin.manager}`,
    ''
  ]
  const rows = [...snapshot.nodes]
    .sort((a, b) => a.hostname.localeCompare(b.hostname, undefined, { numeric: true }))
    .map((n) => [n.hostname, n.role, n.state, nodeHasCurrentCert(snapshot.swarm, n) ? 'current root' : n.certIssuer ? 'previous root' : 'unknown'])
  return lines.join('\n') + formatTable(['NODE', 'ROLE', 'STATE', 'CERTIFICATE ISSUER'], rows)
}

export function rotationLine(progress: CaRotationProgress): string {
  const pending = progress.pending.map((p) => `${p.hostname}${p.down ? ' (down: holds the rotation back)' : ''}`)
  return `certificates ${progress.certsRotated}/${progress.total} nodes, trust roots ${progress.rootsRotated}/${progress.total} nodes${pending.length ? `; pending: ${pending.join(', ')}` : ''}`
}

function joinRole(word: string | undefined): 'worker' | 'manager' {
  if (word !== 'worker' && word !== 'manager') throw new SwarmUsageError('usage: swarmdesk swarm join-token [--rotate] [-q] worker|manager')
  return word
}

async function pemFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    throw new AppError('INVALID_INPUT', `${what} ${path}: ${(error as Error).message}`)
  }
}

export async function swarmCommand(ctx: SwarmCommandContext, args: string[], flags: SwarmFlags): Promise<void> {
  const [command, ...rest] = args
  if (command === 'security') return securityCommand(ctx)
  if (command === 'join-token') return joinTokenCommand(ctx, joinRole(rest[0]), flags)
  if (command === 'update') return updateCommand(ctx, flags)
  if (command === 'ca' && rest[0] === 'rotate') return caRotateCommand(ctx, flags)
  if (command === 'unlock-key') return unlockKeyCommand(ctx, flags)
  if (command === 'unlock') return unlockCommand(ctx, rest[0])
  throw new SwarmUsageError(`unknown swarm command "${[command, ...rest].filter(Boolean).join(' ')}"`)
}

async function securityCommand(ctx: SwarmCommandContext): Promise<void> {
  const clusterId = await ctx.clusterId()
  const facts = await ctx.call('security.facts', { clusterId })
  const snapshot = await ctx.call('clusters.snapshot', { clusterId })
  if (ctx.json) ctx.out(JSON.stringify({ ...facts, rotation: caRotationProgress(snapshot.swarm, snapshot.nodes) }, null, 2) + '\n')
  else ctx.out(formatSecurity(facts, snapshot))
}

async function joinTokenCommand(ctx: SwarmCommandContext, role: 'worker' | 'manager', flags: SwarmFlags): Promise<void> {
  const clusterId = await ctx.clusterId()
  if (flags.rotate) {
    const rotated = await ctx.call('security.rotateJoinToken', { clusterId, role })
    ctx.err(`${rotated.cli}\n`)
    if (!flags.quiet && !ctx.json) ctx.out(`Successfully rotated ${role} join token (nodes already joined are unaffected).\n\n`)
  }
  const { command } = await ctx.call('security.revealJoin', { clusterId, role })
  const token = command.split(' ')[4] ?? ''
  if (ctx.json) ctx.out(JSON.stringify({ role, token, command }, null, 2) + '\n')
  else if (flags.quiet) ctx.out(`${token}\n`)
  else ctx.out(`To add a ${role} to this swarm, run the following command:\n\n    ${command}\n\n`)
}

async function updateCommand(ctx: SwarmCommandContext, flags: SwarmFlags): Promise<void> {
  const { settings, autolock } = parseUpdateFlags(flags)
  const clusterId = await ctx.clusterId()
  const results: Record<string, unknown> = {}
  if (Object.keys(settings).length) {
    const result = await ctx.call('security.updateSettings', { clusterId, settings })
    ctx.err(`${result.cli}\n`)
    results.settings = result
  }
  if (autolock !== null) {
    const result = await ctx.call('security.setAutolock', { clusterId, enabled: autolock })
    ctx.err(`${result.cli}\n`)
    results.autolock = result
    if (!ctx.json && result.unlockKey) {
      ctx.out(
        `Swarm updated.\nTo unlock a swarm manager after it restarts, run the \`docker swarm unlock\`\ncommand and provide the following key:\n\n    ${result.unlockKey}\n\nRemember to store this key in a password manager, since without it you\nwill not be able to restart the manager.\n`
      )
      return
    }
  }
  if (ctx.json) ctx.out(JSON.stringify(results, null, 2) + '\n')
  else ctx.out('Swarm updated.\n')
}

async function caRotateCommand(ctx: SwarmCommandContext, flags: SwarmFlags): Promise<void> {
  if (Boolean(flags['ca-cert']) !== Boolean(flags['ca-key'])) throw new SwarmUsageError('--ca-cert and --ca-key go together: the certificate of your root CA and its key')
  const certExpirySeconds = flags['cert-expiry'] === undefined ? undefined : parseGoDuration(flags['cert-expiry'])
  const timeout = flags.timeout === undefined ? 600 : Number(flags.timeout)
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 86_400) throw new SwarmUsageError(`--timeout ${flags.timeout ?? ''}: expected whole seconds`)
  const ca = flags['ca-cert'] && flags['ca-key'] ? { cert: await pemFile(flags['ca-cert'], '--ca-cert'), key: await pemFile(flags['ca-key'], '--ca-key') } : undefined
  const clusterId = await ctx.clusterId()
  const input = { clusterId, ...(certExpirySeconds === undefined ? {} : { certExpirySeconds }), ...(ca ? { ca } : {}) }
  const plan = await ctx.call('security.planCaRotation', input)
  ctx.err(`${plan.cli}\n`)
  if (plan.refusal) throw refusal(plan.refusal.code, plan.refusal.said)
  for (const warning of plan.warnings) ctx.err(`warning: ${warning.message}\n`)
  if (plan.warnings.length && !flags.yes) throw refusal('CONFLICT', phrase('security.said.confirm-nodes-down', { nodes: plan.warnings.map((w) => w.hostname).join(', ') }))
  const issuerBefore = (await ctx.call('clusters.snapshot', { clusterId, tasksLater: true })).swarm.certIssuer
  await ctx.call('security.rotateCa', { ...input, confirmedWarnings: true })
  if (!flags.wait) {
    ctx.out('Root CA rotation started (swarmdesk swarm security shows its progress).\n')
    return
  }
  await waitForRotation(ctx, clusterId, timeout, issuerBefore)
}

async function waitForRotation(ctx: SwarmCommandContext, clusterId: string, timeoutSeconds: number, issuerBefore: string | undefined): Promise<void> {
  const sleep = ctx.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const deadline = Date.now() + timeoutSeconds * 1000
  let said = ''
  // The mirror may not show the rotation yet: wait until it is seen running (or its new issuer) once.
  let seenRunning = false
  for (;;) {
    const snapshot = await ctx.call('clusters.snapshot', { clusterId })
    const progress = caRotationProgress(snapshot.swarm, snapshot.nodes)
    seenRunning ||= progress.inProgress || !progress.done || snapshot.swarm.certIssuer !== issuerBefore
    const line = rotationLine(progress)
    if (line !== said) ctx.err(`${line}\n`)
    said = line
    if (seenRunning && progress.done) break
    if (Date.now() > deadline) throw new AppError('TIMEOUT', `the root CA rotation had not finished after ${timeoutSeconds}s (${line}); it goes on in the background`)
    await sleep(500)
  }
  const facts = await ctx.call('security.facts', { clusterId })
  if (ctx.json) ctx.out(JSON.stringify({ done: true, rootCa: facts.rootCa }, null, 2) + '\n')
  else ctx.out(`Root CA rotation finished: every node has a certificate from the new root (SHA256 ${facts.rootCa?.fingerprint ?? '-'}).\n`)
}

async function unlockKeyCommand(ctx: SwarmCommandContext, flags: SwarmFlags): Promise<void> {
  const result = await ctx.call('security.unlockKey', { clusterId: await ctx.clusterId(), rotate: flags.rotate ?? false })
  ctx.err(`${result.cli}\n`)
  if (ctx.json) ctx.out(JSON.stringify({ unlockKey: result.unlockKey }, null, 2) + '\n')
  else if (flags.quiet) ctx.out(`${result.unlockKey}\n`)
  else
    ctx.out(
      `${flags.rotate ? 'Successfully rotated manager unlock key.\n\n' : ''}To unlock a swarm manager after it restarts, run the \`docker swarm unlock\`\ncommand and provide the following key:\n\n    ${result.unlockKey}\n\nRemember to store this key in a password manager, since without it you\nwill not be able to restart the manager.\n`
    )
}

async function unlockCommand(ctx: SwarmCommandContext, nodeRef: string | undefined): Promise<void> {
  if (!nodeRef) throw new SwarmUsageError('usage: swarmdesk swarm unlock NODE   (the unlock key on stdin)')
  const clusterId = await ctx.clusterId()
  const snapshot = await ctx.call('clusters.snapshot', { clusterId })
  const node = snapshot.nodes.find((n) => n.hostname === nodeRef || n.id === nodeRef) ?? (nodeRef.length >= 3 ? snapshot.nodes.find((n) => n.id.startsWith(nodeRef)) : undefined)
  if (!node) throw new AppError('NOT_FOUND', `no node "${nodeRef}" in this swarm (swarmdesk node ls lists them)`)
  const unlockKey = (await ctx.readStdin()).trim()
  if (!unlockKey) throw new SwarmUsageError('swarm unlock reads the unlock key from stdin (docker swarm unlock-key on an unlocked manager prints it)')
  const result = await ctx.call('security.unlock', { clusterId, nodeId: node.id, unlockKey })
  ctx.err(`${result.cli}\n`)
  ctx.out(ctx.json ? JSON.stringify({ node: node.hostname, unlocked: true }, null, 2) + '\n' : `${node.hostname} unlocked.\n`)
}
