import type { EventName, ProcedureInput, ProcedureName, ProcedureOutput, EventPayload } from '../../shared/contract'
import { AppError } from '../../shared/errors'
import type { DeployResult, PlanProblem, RemoveResult, ResolveImageMode, StackOperation, StackPlan } from '../../shared/stacks'
import { stackTable } from './list-tables'

/**
 * `swarmdesk stack ls | plan | deploy | rm`: the stacks procedures for scripts. Results on stdout,
 * progress and problems on stderr; a blocked plan, a failed operation or a service that did not
 * converge exits non-zero. The formatting functions are pure.
 */

export class StackUsageError extends Error {}

export interface StackFlags {
  composeFiles: string[]
  prune: boolean
  resolveImage?: string
  wait: boolean
  timeout?: string
  withRegistryAuth: boolean
  dotenv: boolean
}

export interface StackCommandContext {
  json: boolean
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>>
  clusterId(): Promise<string>
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void
  out(text: string): void
  err(text: string): void
}

function kindWord(op: StackOperation): string {
  return op.kind.slice(0, op.kind.indexOf('.'))
}

function verb(op: StackOperation): string {
  switch (op.kind) {
    case 'service.remove':
      return 'remove (--prune)'
    case 'secret.content-changed':
    case 'config.content-changed':
      return 'content changed: BLOCKED'
    case 'secret.update-labels':
    case 'config.update-labels':
      return 'update labels'
    case 'service.update':
      return op.blocked ? 'update: BLOCKED' : op.restarts ? 'update (tasks replaced)' : 'update (tasks kept)'
    default:
      return op.kind.slice(op.kind.indexOf('.') + 1) + (op.blocked ? ': BLOCKED' : '')
  }
}

export function formatProblem(p: PlanProblem): string {
  const where = p.location && p.code !== 'compose' ? `${p.location.file}:${p.location.line}:${p.location.column}: ` : ''
  return `${p.severity}: ${where}${p.message}\n${p.fix ? `  fix: ${p.fix}\n` : ''}`
}

/** The human diff: one line per object, one per changed field. */
export function formatPlan(plan: StackPlan): string {
  if (plan.operations.length === 0 && !plan.ok) return `Stack ${plan.stack}: no plan, the files have errors; nothing would be changed\n`
  const lines = [`Plan for stack ${plan.stack} (${plan.cli})`, '']
  const nameWidth = Math.max(0, ...plan.operations.map((o) => o.name.length))
  for (const op of plan.operations) {
    lines.push(`  ${kindWord(op).padEnd(8)} ${op.name.padEnd(nameWidth)}   ${verb(op)}`)
    for (const change of op.changes) {
      const effect = change.effect === 'restart' ? '  [restarts]' : change.effect === 'placement' ? '  [placement]' : ''
      lines.push(`      ${change.path}: ${change.before ?? '(none)'} -> ${change.after ?? '(none)'}${effect}`)
    }
    for (const note of op.notes) if (op.changes.length > 0 || op.kind !== 'service.unchanged') lines.push(`      (${note.message})`)
    if (op.blocked) lines.push(`      blocked: ${op.blocked.message}`)
  }
  const s = plan.summary
  lines.push('')
  lines.push(
    `${s.create} to create, ${s.update} to update${s.restarting.length ? ` (tasks replaced: ${s.restarting.join(', ')})` : ''}, ${s.unchanged} unchanged, ${s.remove} to remove`
  )
  if (s.notInFile.length) lines.push(`not in the files (kept; --prune removes them): ${s.notInFile.join(', ')}`)
  for (const p of plan.placement) {
    if (p.eligible.length === 0 || p.pendingTasks > 0) {
      lines.push(`placement: ${p.name}: ${p.eligible.length ? `runs on ${p.eligible.join(', ')}, ` : 'no eligible node, '}${p.pendingTasks} task${p.pendingTasks === 1 ? '' : 's'} would stay pending${p.explanation ? ` (${p.explanation})` : ''}`)
    }
  }
  if (!plan.ok) lines.push('BLOCKED: the problems above must be fixed; a deploy would change nothing')
  return lines.join('\n') + '\n'
}

export function formatDeploy(result: DeployResult): string {
  const lines: string[] = []
  if (!result.applied) return `Stack ${result.plan.stack}: not deployed, the plan is blocked; nothing was changed\n`
  const { done, failed, skipped } = result.summary
  lines.push(`Stack ${result.plan.stack}: ${done} done, ${failed} failed, ${skipped} not attempted`)
  for (const o of result.outcomes) if (o.status !== 'done') lines.push(`  ${o.status === 'failed' ? 'FAILED' : 'not attempted'}: ${o.message}`)
  for (const c of result.convergence ?? []) lines.push(`  ${c.service}: ${c.state} (${c.message})`)
  return lines.join('\n') + '\n'
}

export function formatRemove(result: RemoveResult): string {
  const lines = result.removed.map((r) => (r.ok ? `Removing ${r.kind} ${r.name}` : `Failed to remove ${r.kind} ${r.name}: ${r.error ?? ''}`))
  return [...lines, ...result.notes].join('\n') + '\n'
}

function isResolveImageMode(mode: string): mode is ResolveImageMode {
  return mode === 'always' || mode === 'changed' || mode === 'never'
}

function planInput(flags: StackFlags, stack: string, clusterId: string) {
  if (flags.composeFiles.length === 0) throw new StackUsageError('give the compose file(s) with -c FILE')
  const mode = flags.resolveImage ?? 'always'
  if (!isResolveImageMode(mode)) throw new StackUsageError(`--resolve-image ${mode}: expected always, changed or never`)
  return { clusterId, stack, source: { paths: flags.composeFiles }, useDotEnv: flags.dotenv, prune: flags.prune, resolveImage: mode, withRegistryAuth: flags.withRegistryAuth }
}

/** The problems themselves went to stderr already, except with --json where this is all there is. */
function blocked(plan: StackPlan, json: boolean): AppError {
  const first = plan.problems.find((p) => p.severity === 'error')
  const count = plan.problems.filter((p) => p.severity === 'error').length
  const detail = json && first ? `: ${first.message}` : ''
  return new AppError(first?.code === 'compose' ? 'INVALID_INPUT' : 'CONFLICT', `stack ${plan.stack}: ${count} blocking problem(s); nothing was changed${detail}`)
}

export async function stackCommand(ctx: StackCommandContext, args: string[], flags: StackFlags): Promise<void> {
  const [command, ...rest] = args
  const one = (what: string): string => {
    if (rest.length !== 1) throw new StackUsageError(`usage: swarmdesk stack ${what}`)
    return rest[0]
  }
  if (command === 'ls') {
    if (rest.length) throw new StackUsageError('usage: swarmdesk stack ls')
    const stacks = await ctx.call('stacks.list', { clusterId: await ctx.clusterId() })
    ctx.out(ctx.json ? JSON.stringify(stacks, null, 2) + '\n' : stackTable(stacks))
    return
  }
  if (command === 'plan') {
    const stack = one('plan -c FILE [-c FILE] NAME')
    const plan = await ctx.call('stacks.plan', planInput(flags, stack, await ctx.clusterId()))
    if (ctx.json) ctx.out(JSON.stringify(plan, null, 2) + '\n')
    else {
      for (const p of plan.problems) ctx.err(formatProblem(p))
      ctx.out(formatPlan(plan))
    }
    if (!plan.ok) throw blocked(plan, ctx.json)
    return
  }
  if (command === 'deploy') {
    const stack = one('deploy -c FILE [-c FILE] NAME [--prune] [--resolve-image MODE] [--wait]')
    const timeout = flags.timeout === undefined ? 300 : Number(flags.timeout)
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > 3600) throw new StackUsageError(`--timeout ${flags.timeout ?? ''}: expected whole seconds between 1 and 3600`)
    const input = { ...planInput(flags, stack, await ctx.clusterId()), wait: flags.wait, waitTimeoutSeconds: timeout }
    const unsubscribe = ctx.subscribe((name, payload) => {
      if (name !== 'stacks.progress' || ctx.json) return
      const p = payload as EventPayload<'stacks.progress'>
      if (p.stack !== stack) return
      if (p.status === 'running' && !p.opId.startsWith('wait:')) ctx.err(`${p.message}\n`)
      else if (p.status === 'failed') ctx.err(`${p.opId}: failed: ${p.message}\n`)
      else if (p.opId.startsWith('wait:')) ctx.err(`${p.opId.slice(5)}: ${p.message}\n`)
    })
    let result: DeployResult
    try {
      result = await ctx.call('stacks.deploy', input)
    } finally {
      unsubscribe()
    }
    if (!ctx.json) for (const p of result.plan.problems) ctx.err(formatProblem(p))
    ctx.out(ctx.json ? JSON.stringify(result, null, 2) + '\n' : formatDeploy(result))
    if (!result.applied) throw blocked(result.plan, ctx.json)
    if (!result.ok) {
      const failed = result.outcomes.filter((o) => o.status === 'failed').map((o) => o.message)
      const unconverged = (result.convergence ?? []).filter((c) => c.state === 'failed' || c.state === 'timeout').map((c) => `${c.service}: ${c.message}`)
      throw new AppError('ENGINE_ERROR', `stack ${stack} partly deployed: ${[...failed, ...unconverged].join('; ')}`)
    }
    return
  }
  if (command === 'rm' || command === 'remove' || command === 'down') {
    const stack = one('rm NAME')
    const result = await ctx.call('stacks.remove', { clusterId: await ctx.clusterId(), stack })
    if (ctx.json) ctx.out(JSON.stringify(result, null, 2) + '\n')
    else if (!result.found) ctx.err(`Nothing found in stack: ${stack}\n`)
    else ctx.out(formatRemove(result))
    if (!result.ok) throw new AppError('ENGINE_ERROR', `failed to remove some resources from stack: ${stack}`)
    return
  }
  throw new StackUsageError(`unknown stack command "${command ?? ''}"`)
}
