import { parseArgs } from 'node:util'
import { createServices, type Services } from '../composition'
import { DEFAULT_PROFILE_ID } from '../../shared/connections'
import { createDispatcher } from '../rpc/dispatcher'
import { createNodePlatform } from '../platform/node-platform'
import { adHocProfile, chooseEngine } from './engine-selection'
import { nodeTable, parseLabelArgs, resolveNode } from './node-commands'
import { answerWithoutCommand, cliOptions, USAGE } from './usage'
import { networkCommand, NetworkUsageError, nodeChangeCommand, volumeCommand, type NetworkFlags } from './network-commands'
import { stackCommand, StackUsageError } from './stack-commands'
import { secretCommand, SecretUsageError } from './secret-commands'
import { swarmCommand, SwarmUsageError } from './security-commands'
import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import { formatPlan } from './placement-commands'
import { serviceCommand, ServiceUsageError } from './service-commands'
import { ExecUsageError, parseExecArgs, runExec, type ExecArgs } from './exec-commands'
import { ForwardUsageError, parseForwardArgs, runPortForward, type ForwardCommandContext } from './forward-commands'
import { clusterMirrorFeed } from '../rollouts/convergence-watcher'
import { LogUsageError, parseLogArgs, runServiceLogs, type LogCommandIo } from './log-commands'
import { loadComposeFiles } from '../stacks/compose-files'
import { formatDiagnostic } from '../stacks/compose-loader'
import { compileStack } from '../stacks/compose-compiler'
import { draftFromServiceSpec } from '../stacks/placement-draft'
import type { PlacementPlanData } from '../../shared/placement'
import type { EventPayload, ProcedureInput, ProcedureName, ProcedureOutput } from '../../shared/contract'
import { AppError, isAppError } from '../../shared/errors'
// An edge: what the CLI prints from phrases (src/main/i18n/words.ts) is English.
import '../i18n/english'

/**
 * Every `swarmdesk` command but the quick lists and --help (cli.ts handles those first): the same
 * services as the app. Results on stdout (`--json` for machines), progress and errors on stderr,
 * exit code 0 on success, 1 on failure, 2 on misuse.
 */
class UsageError extends Error {}

/** All of standard input as UTF-8 (`secret create NAME --stdin`). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const all = Buffer.concat(chunks)
  const text = all.toString('utf8')
  for (const chunk of chunks) chunk.fill(0)
  all.fill(0)
  return text
}

/** Tokens, the CA and the unlock key live with the managers: a worker's engine is refused with that reason. */
async function managerOnly(opening: Promise<string>): Promise<string> {
  try {
    return await opening
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_A_MANAGER') throw refusal('NOT_A_MANAGER', phrase('security.said.manager-only', { message: error.message }))
    throw error
  }
}

interface PlacementFlags {
  composeFiles: string[]
  service?: string
}

interface Context {
  services: Services
  json: boolean
  call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>>
  clusterId(): Promise<string>
  out(text: string): void
  err(text: string): void
  placement: PlacementFlags
}

async function openCluster(ctx: Pick<Context, 'call' | 'services'>, flags: { host?: string; context?: string; connection?: string }): Promise<string> {
  const choice = chooseEngine(flags)
  if (choice.kind === 'invalid') throw new AppError('INVALID_INPUT', choice.message)
  let state
  if (choice.kind === 'default') state = await ctx.call('clusters.open', { profileId: DEFAULT_PROFILE_ID })
  else if (choice.kind === 'endpoint') state = await ctx.services.registry.open(adHocProfile(choice.endpoint, choice.label))
  else {
    const profile = (await ctx.call('connections.list', {})).find((p) => p.name === choice.name)
    if (!profile) throw new AppError('NOT_FOUND', `no saved connection named "${choice.name}" (SwarmDesk's connections page lists them)`)
    state = await ctx.call('clusters.open', { profileId: profile.id })
  }
  if (state.phase === 'no-swarm') throw new AppError('NOT_IN_SWARM', `${state.endpoint ?? state.name} is not part of a swarm (docker swarm init, or SwarmDesk's overview, can create one)`)
  return state.clusterId
}

async function nodeCommand(ctx: Context, args: string[], flags: NetworkFlags): Promise<void> {
  const [command, ...rest] = args
  if (command === 'promote' || command === 'demote' || command === 'update') return nodeChangeCommand(ctx, args, flags, resolveNode)
  if (command === 'ls') {
    const snapshot = await ctx.call('clusters.snapshot', { clusterId: await ctx.clusterId() })
    if (ctx.json) ctx.out(JSON.stringify(snapshot.nodes, null, 2) + '\n')
    else ctx.out(nodeTable(snapshot.nodes, snapshot.swarm.nodeId))
    return
  }
  if (command === 'label') {
    const [action, nodeRef, ...labels] = rest
    if ((action !== 'add' && action !== 'rm') || !nodeRef || labels.length === 0) {
      throw new UsageError('usage: swarmdesk node label add NODE KEY[=VALUE]... | swarmdesk node label rm NODE KEY...')
    }
    const clusterId = await ctx.clusterId()
    const node = resolveNode((await ctx.call('clusters.snapshot', { clusterId, tasksLater: true })).nodes, nodeRef)
    if (!node) throw new AppError('NOT_FOUND', `no node "${nodeRef}" in this swarm (swarmdesk node ls lists them)`)
    const change = action === 'add' ? { add: parseLabelArgs(labels), remove: [] } : { add: {}, remove: labels }
    const { results } = await ctx.call('nodes.updateLabels', { clusterId, nodeIds: [node.id], ...change })
    const result = results[0]
    if (ctx.json) ctx.out(JSON.stringify(result, null, 2) + '\n')
    else {
      ctx.err(`${result.cli}\n`)
      if (result.ok) ctx.out(`${result.hostname}: ${result.changed ? 'labels updated' : 'already as asked'}${result.attempts > 1 ? ` (re-applied after ${result.attempts - 1} concurrent change(s))` : ''}\n`)
    }
    if (!result.ok) throw new AppError('ENGINE_ERROR', `${result.hostname}: ${result.error?.message ?? 'failed'}`)
    return
  }
  throw new UsageError(`unknown node command "${command ?? ''}"`)
}

async function placementCommand(ctx: Context, args: string[]): Promise<void> {
  const [command, ...rest] = args
  if (command !== 'plan') throw new UsageError(`unknown placement command "${command ?? ''}"`)
  const { composeFiles, service } = ctx.placement
  if ((composeFiles.length === 0) === !service) throw new UsageError('placement plan needs either --service NAME or -c FILE')
  const plans: PlacementPlanData[] = []
  if (service) {
    if (rest.length) throw new UsageError('with --service, give no other argument')
    plans.push((await ctx.call('placement.plan', { clusterId: await ctx.clusterId(), target: { serviceId: service }, changes: [] })).plan)
  } else {
    const loaded = await loadComposeFiles(composeFiles, { env: process.env as Record<string, string> })
    if (!loaded.model) throw new AppError('INVALID_INPUT', loaded.errors.map(formatDiagnostic).join('\n'))
    for (const warning of loaded.warnings) ctx.err(`warning: ${formatDiagnostic(warning)}\n`)
    // The stack name only prefixes service names; placement does not depend on it.
    const compiled = compileStack('plan', loaded.model)
    if (compiled.errors.length) throw new AppError('INVALID_INPUT', compiled.errors.map((e) => `${e.subject}${e.path ? ` ${e.path}` : ''}: ${e.message}`).join('\n'))
    const chosen = rest.length ? compiled.services.filter((s) => rest.includes(s.key)) : compiled.services
    const unknown = rest.filter((key) => !compiled.services.some((s) => s.key === key))
    if (unknown.length) throw new AppError('NOT_FOUND', `no service ${unknown.join(', ')} in ${composeFiles.join(', ')} (it has ${compiled.services.map((s) => s.key).join(', ')})`)
    const clusterId = await ctx.clusterId()
    for (const compiledService of chosen) {
      const draft = { ...draftFromServiceSpec(compiledService.spec), name: compiledService.key }
      plans.push((await ctx.call('placement.plan', { clusterId, target: { draft }, changes: [] })).plan)
    }
  }
  if (ctx.json) ctx.out(JSON.stringify(plans.length === 1 && service ? plans[0] : plans, null, 2) + '\n')
  else ctx.out(plans.map(formatPlan).join('\n'))
  const refused = plans.filter((p) => p.errors.length > 0)
  if (refused.length) throw new AppError('INVALID_INPUT', `the engine would refuse ${refused.map((p) => p.service).join(', ')}: ${refused[0].errors[0].message}`)
}

/** Streaming output for `service logs`: waits for stdout to drain, ends on Ctrl-C, SIGTERM or a closed pipe. */
function processLogIo(io: { out(text: string): void; err(text: string): void }): LogCommandIo {
  return {
    ...io,
    drained: () => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
    onInterrupt(listener) {
      let active: (() => void) | null = listener
      const onSignal = (): void => active?.()
      // Stays attached: a write after the reader went away must end quietly, not crash with a stack.
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') active?.()
      })
      process.once('SIGINT', onSignal)
      process.once('SIGTERM', onSignal)
      return () => {
        active = null
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
      }
    }
  }
}

/** What `service port-forward` needs: the procedures, the pushed `forwards.changed`, Ctrl-C. */
function forwardContext(ctx: Context, io: { out(text: string): void; err(text: string): void }): ForwardCommandContext {
  return {
    ...ctx,
    open: (input) => ctx.call('forwards.open', input),
    close: (forwardId) => void ctx.call('forwards.close', { forwardId }).catch(() => undefined),
    onChanged: (listener) =>
      ctx.services.bus.subscribe((name, payload) => {
        if (name === 'forwards.changed') listener(payload as EventPayload<'forwards.changed'>)
      }),
    onInterrupt: (listener) => processLogIo(io).onInterrupt(listener)
  }
}

export async function runCommand(argv: string[], io: { out(text: string): void; err(text: string): void } = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text)
}): Promise<number> {
  // `service exec` has options of its own (-i, -t as docker exec has them) and a command after `--`.
  const execAt = argv.findIndex((word, i) => word === 'service' && argv[i + 1] === 'exec')
  // `secret rotate … --before-exec SERVICE -- CMD...`: the command after `--` is not ours to parse.
  const beforeExecAt = execAt < 0 ? argv.indexOf('--before-exec') : -1
  const commandAt = beforeExecAt >= 0 ? argv.indexOf('--', beforeExecAt) : -1
  const ownArgv = execAt >= 0 ? argv.slice(0, execAt + 2) : commandAt >= 0 ? argv.slice(0, commandAt) : argv
  const beforeExecCommand = commandAt >= 0 ? argv.slice(commandAt + 1) : []
  let execArgs: ExecArgs | null = null
  let parsed
  try {
    if (execAt >= 0) execArgs = parseExecArgs(argv.slice(execAt + 2))
    parsed = parseArgs({
      args: ownArgv,
      allowPositionals: true,
      options: cliOptions
    })
  } catch (error) {
    io.err(`swarmdesk: ${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  const platform = createNodePlatform()
  const answered = answerWithoutCommand(values, positionals, io, () => platform.appVersion)
  if (answered !== null) return answered
  const services = createServices({ platform })
  const dispatcher = createDispatcher(services.router)
  const base = {
    services,
    json: values.json ?? false,
    out: io.out,
    err: io.err,
    async call<N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N>> {
      const response = await dispatcher.dispatch(name, input, { transport: 'direct' })
      if (!response.ok) throw AppError.fromData(response.error)
      return response.result as ProcedureOutput<N>
    }
  }
  let opened: Promise<string> | null = null
  const ctx: Context = {
    ...base,
    placement: { composeFiles: values['compose-file'] ?? [], service: values.service },
    clusterId: () => (opened ??= openCluster(base, values))
  }
  try {
    const [group, ...rest] = positionals
    if (group === 'node') await nodeCommand(ctx, rest, values)
    else if (group === 'network') await networkCommand(ctx, rest, values)
    else if (group === 'volume') await volumeCommand(ctx, rest)
    else if (group === 'stack')
      await stackCommand({ ...ctx, subscribe: (listener) => services.bus.subscribe(listener) }, rest, {
        composeFiles: values['compose-file'] ?? [],
        prune: values.prune ?? false,
        resolveImage: values['resolve-image'],
        wait: values.wait ?? false,
        timeout: values.timeout,
        withRegistryAuth: values['with-registry-auth'] ?? false,
        dotenv: values.dotenv ?? false
      })
    else if (group === 'placement') await placementCommand(ctx, rest)
    else if (group === 'service' && rest[0] === 'logs')
      await runServiceLogs({ logs: services.logs, clusterId: ctx.clusterId, json: ctx.json }, parseLogArgs(rest.slice(1), values), processLogIo(io))
    else if (group === 'service' && rest[0] === 'exec' && execArgs) {
      const clusterId = await ctx.clusterId()
      const snapshot = await ctx.call('clusters.snapshot', { clusterId })
      return await runExec(services.nodeAccess, clusterId, snapshot, execArgs, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }, io.err)
    } else if (group === 'service' && rest[0] === 'port-forward') {
      await runPortForward(forwardContext(ctx, io), parseForwardArgs(rest.slice(1)))
    } else if (group === 'service') await serviceCommand({ ...ctx, mirror: (clusterId) => clusterMirrorFeed(services.registry, services.bus, clusterId) }, rest, values)
    else if (group === 'swarm') await swarmCommand({ ...ctx, clusterId: () => managerOnly(ctx.clusterId()), readStdin }, rest, values)
    else if (group === 'secret' || group === 'config')
      await secretCommand({ ...ctx, subscribe: (listener) => services.bus.subscribe(listener), readStdin }, group, rest, { ...values, beforeExecCommand })
    else throw new UsageError(`unknown command "${group}"`)
    return 0
  } catch (error) {
    if (error instanceof UsageError || error instanceof ExecUsageError || error instanceof ForwardUsageError || error instanceof StackUsageError || error instanceof LogUsageError || error instanceof ServiceUsageError || error instanceof NetworkUsageError || error instanceof SecretUsageError || error instanceof SwarmUsageError) {
      io.err(`swarmdesk: ${error.message}\n\n${USAGE}`)
      return 2
    }
    const appError = isAppError(error) ? error : new AppError('INTERNAL', (error as Error).message)
    if (values.json) io.err(JSON.stringify({ error: appError.toData() }) + '\n')
    else io.err(`swarmdesk: ${appError.message} [${appError.code}]\n`)
    return 1
  } finally {
    services.dispose()
  }
}
