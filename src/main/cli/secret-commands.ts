import type { EventName, EventPayload, ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import { formatMode, generateAlphabets, type GenerateAlphabet, type RotationPlan, type RotationRecord, type RotationResult, type StoredKind, type ValueSource } from '../../shared/secrets'
import { formatTable } from './table'
import { objectTable } from './list-tables'
import { SECRET_USAGE } from './usage'

/**
 * `swarmdesk secret|config ls | create | inspect | rotate | rm | rotation ls|resume|rollback`:
 * the secrets procedures for scripts. Results on stdout, progress (each rotation step, convergence)
 * on stderr; a refused plan, a failed or rolled-back rotation exits non-zero. Formatting is pure.
 */

export class SecretUsageError extends Error {}

export interface SecretFlags {
  'from-file'?: string
  stdin?: boolean
  generate?: string
  alphabet?: string
  name?: string
  'start-first'?: boolean
  'remove-old'?: boolean
  'keep-new'?: boolean
  label?: string[]
  /** the service whose task runs the command before the services move */
  'before-exec'?: string
  /** the words after `--` (cli.ts splits them off before parsing) */
  beforeExecCommand?: string[]
}

export interface SecretCommandContext {
  json: boolean
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>>
  clusterId(): Promise<string>
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void
  /** the whole of standard input, for --stdin */
  readStdin(): Promise<string>
  out(text: string): void
  err(text: string): void
}

export function formatRotationPlan(plan: RotationPlan): string {
  const lines = [`${plan.kind} ${plan.old.name} -> ${plan.newName}`]
  for (const c of plan.consumers) {
    lines.push(
      `  ${c.serviceName}: ${c.references.map((r) => `${r.target ?? '(runtime)'} ${r.uid}:${r.gid} ${formatMode(r.mode)}`).join(', ')}; ${c.order}, parallelism ${c.policy.parallelism}, delay ${c.policy.delaySeconds}s, on failure ${c.policy.failureAction}`
    )
  }
  if (plan.beforeExec) lines.push(`  before the services move, in a task of ${plan.beforeExec.serviceName} (the new value at ${plan.beforeExec.path}, $SWARMDESK_NEW_FILE): ${plan.beforeExec.command.join(' ')}`)
  for (const w of plan.warnings) lines.push(`warning: ${w.message}`)
  for (const r of plan.refusals) lines.push(`refused [${r.code}]: ${r.message}`)
  return lines.join('\n') + '\n'
}

export function formatRotationResult(result: RotationResult): string {
  const lines: string[] = []
  if (result.outcome === 'completed') {
    lines.push(`${result.old.name} -> ${result.new.name}: ${result.record.services.length} service(s) moved${result.old.removed ? `, ${result.old.name} removed` : ''}`)
  } else {
    lines.push(`${result.old.name} -> ${result.new.name}: ${result.outcome === 'rolled-back' ? 'ROLLED BACK' : 'FAILED (rollback incomplete)'}`)
    if (result.failure) lines.push(`  ${result.failure.service ?? 'rotation'}: ${result.failure.message}${result.failure.taskError ? `\n  ${result.failure.taskError}` : ''}`)
    lines.push(`  ${result.record.services.map((s) => `${s.serviceName}: ${s.state}`).join(', ')}`)
    if (result.new.removed) lines.push(`  ${result.new.name} removed`)
  }
  for (const note of result.notes) lines.push(`  note: ${note.message}`)
  lines.push(`rotation ${result.rotationId}`)
  return lines.join('\n') + '\n'
}

export function rotationTable(records: RotationRecord[]): string {
  return formatTable(
    ['ID', 'KIND', 'OLD', 'NEW', 'STATE', 'SERVICES', 'UPDATED'],
    records.map((r) => [r.id, r.kind, r.old.name, r.new.name, r.state, r.services.map((s) => `${s.serviceName}:${s.state}`).join(','), r.updatedAt.slice(0, 19).replace('T', ' ')])
  )
}

export function formatProgress(event: EventPayload<'secrets.progress'>): string | null {
  if (event.state === 'started') return null
  return `${event.kind} ${event.subject}: ${event.state}${event.message ? ` (${event.message})` : ''}\n`
}

async function valueFrom(ctx: SecretCommandContext, flags: SecretFlags, options: { generate: boolean; required: boolean }): Promise<ValueSource | undefined> {
  const given = [flags['from-file'] !== undefined, flags.stdin === true, options.generate && flags.generate !== undefined].filter(Boolean).length
  if (given > 1) throw new SecretUsageError(`give the value one way only: --from-file${options.generate ? ', --stdin or --generate' : ' or --stdin'}`)
  if (given === 0) {
    if (options.required) throw new SecretUsageError(`give the value with --from-file FILE${options.generate ? ', --stdin or --generate LENGTH' : ' or --stdin'}`)
    return undefined
  }
  if (flags['from-file'] !== undefined) return { path: flags['from-file'] }
  // stdin is read as UTF-8 text; binary values go through --from-file (read by main unchanged)
  if (flags.stdin) return { text: await ctx.readStdin() }
  const length = Number(flags.generate)
  if (!Number.isInteger(length)) throw new SecretUsageError('--generate takes a length (a whole number of characters)')
  const alphabet = (flags.alphabet ?? 'alphanumeric') as GenerateAlphabet
  if (!generateAlphabets.includes(alphabet)) throw new SecretUsageError(`--alphabet is one of ${generateAlphabets.join(', ')}`)
  return { generate: { length, alphabet } }
}

function labelsOf(flags: SecretFlags): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const item of flags.label ?? []) {
    const at = item.indexOf('=')
    labels[at < 0 ? item : item.slice(0, at)] = at < 0 ? '' : item.slice(at + 1)
  }
  return labels
}

/** Progress on stderr while a long call runs. */
async function withProgress<T>(ctx: SecretCommandContext, requestId: string, work: () => Promise<T>): Promise<T> {
  const unsubscribe = ctx.subscribe((name, payload) => {
    if (name !== 'secrets.progress') return
    const event = payload as EventPayload<'secrets.progress'>
    if (event.requestId !== requestId) return
    const line = formatProgress(event)
    if (line) ctx.err(line)
  })
  try {
    return await work()
  } finally {
    unsubscribe()
  }
}

function report(ctx: SecretCommandContext, result: RotationResult): void {
  if (ctx.json) ctx.out(JSON.stringify(result, null, 2) + '\n')
  else {
    for (const line of result.cli) ctx.err(`${line}\n`)
    ctx.out(formatRotationResult(result))
  }
  if (result.outcome !== 'completed') {
    throw new AppError('ENGINE_ERROR', `rotation ${result.outcome === 'rolled-back' ? 'rolled back' : 'failed'}: ${result.failure?.service ?? ''} ${result.failure?.message ?? ''}`.replace(/ +/g, ' ').trim())
  }
}

function beforeExecOf(flags: SecretFlags): { service: string; command: string[] } | null {
  const command = flags.beforeExecCommand ?? []
  if (flags['before-exec'] === undefined) {
    if (command.length) throw new SecretUsageError('a command after -- needs --before-exec SERVICE')
    return null
  }
  if (!command.length) throw new SecretUsageError(`--before-exec ${flags['before-exec']} needs the command after --, e.g. -- sh -c 'psql ... "$SWARMDESK_NEW_FILE"'`)
  return { service: flags['before-exec'], command }
}

export async function secretCommand(ctx: SecretCommandContext, kind: StoredKind, args: string[], flags: SecretFlags): Promise<void> {
  const [command, ...rest] = args
  const requestId = `cli-${process.pid}`
  if (command === 'ls' && rest.length === 0) {
    const objects = await ctx.call('secrets.list', { clusterId: await ctx.clusterId(), kind })
    ctx.out(ctx.json ? JSON.stringify(objects, null, 2) + '\n' : objectTable(objects))
    return
  }
  if (command === 'create' && rest.length === 1) {
    const value = (await valueFrom(ctx, flags, { generate: false, required: true })) as ValueSource
    const created = await ctx.call('secrets.create', { clusterId: await ctx.clusterId(), kind, name: rest[0], labels: labelsOf(flags), value })
    if (ctx.json) ctx.out(JSON.stringify(created, null, 2) + '\n')
    else {
      ctx.err(`${created.cli}\n`)
      ctx.out(`${created.id}\n`)
    }
    return
  }
  if (command === 'inspect' && kind === 'config' && rest.length === 1) {
    const content = await ctx.call('secrets.configContent', { clusterId: await ctx.clusterId(), configId: rest[0] })
    if (ctx.json) ctx.out(JSON.stringify(content, null, 2) + '\n')
    else if (content.text !== null) ctx.out(content.text)
    else ctx.err(`${content.name}: ${content.sizeBytes} bytes of binary data (not shown)\n`)
    return
  }
  if (command === 'rm' && rest.length === 1) {
    const removed = await ctx.call('secrets.remove', { clusterId: await ctx.clusterId(), kind, objectId: rest[0] })
    if (ctx.json) ctx.out(JSON.stringify(removed, null, 2) + '\n')
    else {
      ctx.err(`${removed.cli}\n`)
      ctx.out(`${removed.name}\n`)
    }
    return
  }
  if (command === 'rotate' && rest.length === 1) {
    const value = (await valueFrom(ctx, flags, { generate: true, required: true })) as ValueSource
    const clusterId = await ctx.clusterId()
    const options = { newName: flags.name, startFirst: flags['start-first'] ?? false, removeOld: flags['remove-old'] ?? false, beforeExec: beforeExecOf(flags) }
    const plan = await ctx.call('secrets.planRotation', { clusterId, kind, objectId: rest[0], ...options })
    if (!ctx.json) ctx.err(formatRotationPlan(plan))
    const result = await withProgress(ctx, requestId, () => ctx.call('secrets.rotate', { clusterId, kind, objectId: rest[0], value, ...options, requestId }))
    report(ctx, result)
    return
  }
  if (command === 'rotation') {
    const [action, id, ...extra] = rest
    const clusterId = await ctx.clusterId()
    if (action === 'ls' && !id) {
      const records = (await ctx.call('secrets.rotations', { clusterId, onlyUnfinished: true })).filter((r) => r.kind === kind)
      ctx.out(ctx.json ? JSON.stringify(records, null, 2) + '\n' : rotationTable(records))
      return
    }
    if (action === 'resume' && id && extra.length === 0) {
      const value = await valueFrom(ctx, flags, { generate: false, required: false })
      report(ctx, await withProgress(ctx, requestId, () => ctx.call('secrets.resumeRotation', { clusterId, rotationId: id, value, requestId })))
      return
    }
    if (action === 'rollback' && id && extra.length === 0) {
      report(ctx, await withProgress(ctx, requestId, () => ctx.call('secrets.rollbackRotation', { clusterId, rotationId: id, keepNew: flags['keep-new'] ?? false, requestId })))
      return
    }
  }
  throw new SecretUsageError(`usage:\n${SECRET_USAGE}`)
}
