import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Endpoint } from '../../shared/connections'
import type { StoredKind } from '../../shared/secrets'
import { VALUE_HMAC_LABEL } from '../../shared/secret-rows'
import { classifyEngine } from '../clusters/engine-probe'
import { resolveEndpoint } from '../connections/engine-address'
import { dockerConfigDir, listDockerContexts, resolveDefaultEngine } from '../connections/docker-contexts'
import type { ApiCallCounter } from '../docker/call-counter'
import { EngineReads, EngineReadTimeout, type EngineAddress } from '../docker/engine-reads'
import { normaliseNode, normaliseSecret, normaliseService, normaliseSwarmInfo, serviceRefsOf } from '../mirror/normalise'
import { storedObjectRows } from '../secrets/stored-object-rows'
import { deployedDir } from '../stacks/deployed-paths'
import { listStacks } from '../stacks/stack-list'
import { chooseEngine, type EngineFlags } from './engine-selection'
import { objectTable, serviceTable, stackTable } from './list-tables'
import { nodeTable } from './node-commands'

/**
 * `service ls`, `node ls`, `secret ls`, `config ls` and `stack ls` as the docker CLI makes them:
 * the Engine is asked only what the list shows (`service ls`: GET /services?status=true, one
 * call; `node ls`: /info and /nodes), over node's http client — no cluster snapshot, no event
 * stream, no dockerode, no schemas. The output is the full command's, byte for byte: the same
 * normalisers, rows and tables. Whatever this way cannot answer — an SSH engine, a saved
 * connection, an engine that is not a ready manager, any refusal — returns null and the full
 * command (full-cli.ts) runs and says it in its own words; only a silent engine is reported here,
 * as the full command would report it, rather than waiting out the idle time twice.
 */

export interface QuickListDeps {
  env: Record<string, string | undefined>
  dataDir: string
  /** counts the Engine calls (the tests and the benchmark read it) */
  counter?: ApiCallCounter
}

type Io = { out(text: string): void; err(text: string): void }

/** The engine `docker` would talk to for these flags, when it is reached without SSH; else null. */
export async function quickAddress(flags: EngineFlags, env: Record<string, string | undefined>): Promise<EngineAddress | null> {
  const choice = chooseEngine(flags)
  let endpoint: Endpoint
  if (choice.kind === 'endpoint') endpoint = choice.endpoint
  else if (choice.kind === 'default') {
    // what `clusters.open` of the default profile does (composition.ts profileOf)
    const configDir = dockerConfigDir(env as NodeJS.ProcessEnv)
    const { contexts, current } = await listDockerContexts(configDir, env)
    endpoint = { kind: 'docker-host', dockerHost: resolveDefaultEngine({ env, currentContext: current, contexts }).dockerHost }
  } else return null
  // a refusal (TLS asked for but its files unreadable): the full command says it in its words
  const where = await resolveEndpoint(endpoint, env).catch(() => null)
  return where?.kind === 'socket' || where?.kind === 'tcp' ? where : null
}

/** A ready manager's /info, or null (the full command explains a worker, a locked node, no swarm). */
async function managerInfo(reads: EngineReads) {
  const info = await reads.info()
  const swarm = normaliseSwarmInfo(info)
  return classifyEngine(info).kind === 'manager' && swarm ? swarm : null
}

/** The text the full command prints for this list, or null when it must run instead. */
export async function quickListText(reads: EngineReads, group: string, json: boolean, dataDir: string): Promise<string | null> {
  const print = (value: unknown, table: () => string): string => (json ? JSON.stringify(value, null, 2) + '\n' : table())
  if (group === 'service') {
    const services = (await reads.listServices(undefined, true)).map(normaliseService)
    return print(services, () => serviceTable(services))
  }
  if (group === 'node') {
    const [swarm, nodes] = await Promise.all([managerInfo(reads), reads.listNodes()])
    if (!swarm) return null
    const normalised = nodes.map(normaliseNode)
    return print(normalised, () => nodeTable(normalised, swarm.nodeId))
  }
  if (group === 'secret' || group === 'config') {
    const kind: StoredKind = group
    const [objects, services] = await Promise.all([kind === 'secret' ? reads.listSecrets() : reads.listConfigs(), reads.listServices()])
    // fingerprints of secrets SwarmDesk's stack deploys made (no label on them: the CLI's spec)
    const fingerprints = existsSync(join(dataDir, 'value-fingerprints.json'))
    const canCheck = async (labels: Record<string, string>, id: string): Promise<boolean> => {
      if (!labels[VALUE_HMAC_LABEL] && !fingerprints) return false
      // only a value SwarmDesk knows needs the install's key: loaded then
      const { ValueHmac } = await import('../secrets/secret-values')
      return new ValueHmac(dataDir).canCheck(labels, id)
    }
    const rows = await storedObjectRows(kind, objects.map(normaliseSecret), services.map(serviceRefsOf), canCheck)
    return print(rows, () => objectTable(rows))
  }
  if (group === 'stack') {
    // the last SwarmDesk deploy of each stack is kept per swarm: asked for only when there are records
    const records = existsSync(join(dataDir, 'stacks'))
    const [stacks, swarm] = await Promise.all([listStacks(reads, async () => null), records ? managerInfo(reads) : Promise.resolve(null)])
    if (records && !swarm) return null
    if (swarm && existsSync(deployedDir(dataDir, swarm.swarmId))) {
      const { DeployedFiles } = await import('../stacks/deployed-files')
      const store = new DeployedFiles(dataDir)
      for (const stack of stacks) stack.deployedAt = (await store.load(swarm.swarmId, stack.name))?.deployedAt ?? null
    }
    return print(stacks, () => stackTable(stacks))
  }
  return null
}

/** Runs one quick list: its exit code, or null when the full command must run instead. */
export async function quickList(positionals: readonly string[], flags: EngineFlags & { json?: boolean }, io: Io, deps: QuickListDeps): Promise<number | null> {
  const address = await quickAddress(flags, deps.env)
  if (!address) return null
  const reads = new EngineReads(address, deps.counter)
  try {
    const text = await quickListText(reads, positionals[0], flags.json ?? false, deps.dataDir)
    if (text === null) return null
    io.out(text)
    return 0
  } catch (error) {
    if (!(error instanceof EngineReadTimeout)) return null
    // the full command's words for a silent engine (engine-errors.ts), without waiting again
    const { toAppError } = await import('../docker/engine-errors')
    const appError = toAppError(error.cause)
    io.err(flags.json ? JSON.stringify({ error: appError.toData() }) + '\n' : `swarmdesk: ${appError.message} [${appError.code}]\n`)
    return 1
  } finally {
    reads.close()
  }
}
