import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Router } from './rpc/dispatcher'
import { EventBus } from './rpc/event-bus'
import type { Platform } from './platform/platform'
import { ProfileStore } from './connections/profile-store'
import { createNodeAccess } from './exec/node-access-wiring'
import { serviceRunner } from './exec/service-run'
import { createForwards } from './forwards/forward-wiring'
import { createMetrics } from './metrics/metrics-wiring'
import { HostKeyStore } from './connections/ssh/known-hosts'
import { connectEndpoint } from './connections/engine-connector'
import { dockerConfigDir, listDockerContexts, resolveDefaultEngine } from './connections/docker-contexts'
import { listHostAliases } from './connections/ssh/ssh-config'
import { ClusterRegistry } from './clusters/cluster-registry'
import { createSwarmService } from './clusters/swarm-service'
import { createNodeService } from './nodes/node-service'
import { createNetworkService } from './networks/network-service'
import { createStackService } from './stacks/stack-service'
import { openComposeFile } from './stacks/compose-file-open'
import { createLogService } from './logs/log-service'
import { createSecretService, type SecretServiceDeps } from './secrets/secret-service'
import { matrixFromSnapshot, planFromSnapshot } from './placement/placement-service'
import { createServiceOperations } from './services/service-operations'
import { createSecurity } from './security/security-wiring'
import type { ApiCallCounter } from './docker/call-counter'
import { DEFAULT_PROFILE_ID, type ConnectionProfile, type SshHostAlias } from '../shared/connections'

export interface ServiceDeps {
  platform: Platform
  env?: Record<string, string | undefined>
  /** Paths overridable for tests; default to the user's own files. */
  userKnownHostsPath?: string
  sshConfigPath?: string
  counter?: ApiCallCounter
  /** a node's SSH connection is closed after this long unused (tests shorten it) */
  nodeIdleMs?: number
  /** port-forwards: how long a container's address gets to answer the first connection (tests) */
  forwardProbeTimeoutMs?: number
  /** rotation engine settings: step observer (crash tests), rollout timeout */
  rotation?: SecretServiceDeps['rotation']
  /** how often watched metrics are sampled (tests shorten it) */
  metricsIntervalMs?: number
  /** how often a running CA rotation is re-read (tests shorten it) */
  securityPollMs?: number
}

/** The engine `docker` would talk to (DOCKER_HOST or the current context), the contexts and the ssh host aliases. */
async function discoverEngines(env: Record<string, string | undefined>, sshConfigPath: string) {
  const configDir = dockerConfigDir(env as NodeJS.ProcessEnv)
  const { contexts, current, warnings } = await listDockerContexts(configDir, env)
  let sshHosts: SshHostAlias[] = []
  try {
    sshHosts = listHostAliases({ path: sshConfigPath })
  } catch (error) {
    warnings.push(`${sshConfigPath}: ${(error as Error).message}`)
  }
  return { defaultEngine: resolveDefaultEngine({ env, currentContext: current, contexts }), contexts, sshHosts, warnings }
}

/** The one wiring point: every service is built here, and the router maps procedures onto them. */
/** A saved profile, or the engine the docker CLI would use (DOCKER_HOST, the current context). */
async function profileOf(profileId: string, profiles: ProfileStore, discover: () => ReturnType<typeof discoverEngines>): Promise<ConnectionProfile> {
  if (profileId !== DEFAULT_PROFILE_ID) return profiles.get(profileId)
  const { defaultEngine } = await discover()
  const label = defaultEngine.source === 'context' ? `context ${defaultEngine.contextName}` : defaultEngine.dockerHost
  return {
    id: DEFAULT_PROFILE_ID,
    name: label,
    endpoints: [{ kind: 'docker-host', dockerHost: defaultEngine.dockerHost }],
    createdAt: new Date(0).toISOString()
  }
}

function appInfo(platform: Platform, transport: 'ipc' | 'ws' | 'direct') {
  return {
    version: platform.appVersion,
    transport,
    platform: process.platform,
    canStoreSecrets: platform.secretStorage.available,
    secretStorageGap: platform.secretStorage.gap,
    dataDir: platform.dataDir,
    ...(platform.systemLanguages ? { systemLanguages: platform.systemLanguages() } : {})
  }
}

export function createServices(deps: ServiceDeps) {
  const env = deps.env ?? process.env
  const bus = new EventBus()
  const profiles = new ProfileStore(deps.platform.dataDir, deps.platform.secretStorage)
  const hostKeys = new HostKeyStore({
    userKnownHostsPath: deps.userKnownHostsPath ?? join(homedir(), '.ssh', 'known_hosts'),
    appKnownHostsPath: join(deps.platform.dataDir, 'known_hosts')
  })
  const sshConfigPath = deps.sshConfigPath ?? join(homedir(), '.ssh', 'config')

  const registry = new ClusterRegistry({
    bus,
    counter: deps.counter,
    connect: (profile, index) =>
      connectEndpoint(profile.endpoints[index], index, {
        hostKeys,
        env,
        sshConfigPath,
        // Looked up at connect time only: the passphrase is never held by the session.
        passphraseFor: (i) => profiles.passphrase(profile.id, i)
      })
  })
  const swarm = createSwarmService(registry)
  const nodes = createNodeService(registry)
  const networks = createNetworkService(registry)
  const { nodes: nodeAccess, terminals, saveRoute } = createNodeAccess({ registry, bus, hostKeys, profiles, sshConfigPath, counter: deps.counter, idleMs: deps.nodeIdleMs })
  const secrets = createSecretService({ registry, bus, dataDir: deps.platform.dataDir, rotation: deps.rotation, execInService: serviceRunner(registry, nodeAccess) })
  const stacks = createStackService({ registry, bus, dataDir: deps.platform.dataDir, env, secretCreated: secrets.rememberValue })
  const serviceOps = createServiceOperations(registry)
  const logs = createLogService({ registry, bus })
  const { forwards, routes: forwardRoutes } = createForwards({ registry, bus, nodes: nodeAccess, probeTimeoutMs: deps.forwardProbeTimeoutMs })
  const security = createSecurity({ registry, nodes: nodeAccess, platform: deps.platform, pollMs: deps.securityPollMs })
  const metrics = createMetrics({ registry, bus, nodes: nodeAccess, intervalMs: deps.metricsIntervalMs })

  const discover = () => discoverEngines(env, sshConfigPath)

  const router: Router = {
    'app.info': async (_input, ctx) => appInfo(deps.platform, ctx.transport),
    'connections.discover': () => discover(),
    'connections.list': () => profiles.list(),
    'connections.save': (draft) => profiles.save(draft),
    'connections.remove': async ({ id }) => ({ removed: await profiles.remove(id) }),
    'connections.acceptHostKey': (key) => hostKeys.accept(key).then(() => ({ stored: true })),
    'clusters.list': async () => registry.list(),
    'clusters.open': async ({ profileId }) => registry.open(await profileOf(profileId, profiles, discover)),
    'clusters.close': async ({ clusterId }) => ({ closed: registry.close(clusterId) }),
    'clusters.snapshot': async ({ clusterId, tasksLater }) => (tasksLater ? registry.get(clusterId).currentSnapshot() : registry.get(clusterId).snapshot()),
    'swarm.init': ({ clusterId, advertiseAddr, listenAddr }) => swarm.init(clusterId, advertiseAddr, listenAddr),
    'swarm.joinCommands': ({ clusterId }) => swarm.joinCommands(clusterId),
    'swarm.leave': ({ clusterId, force }) => swarm.leave(clusterId, force),
    'nodes.updateLabels': ({ clusterId, nodeIds, add, remove }) => nodes.updateLabels(clusterId, nodeIds, { add, remove }),
    'nodes.checkChange': async ({ clusterId, nodeId, change }) => nodes.checkChange(clusterId, nodeId, change),
    'nodes.applyChange': ({ clusterId, nodeId, change, confirmedWarnings }) => nodes.applyChange(clusterId, nodeId, change, confirmedWarnings),
    'networks.plan': async ({ clusterId, draft }) => networks.plan(clusterId, draft),
    'networks.create': ({ clusterId, draft }) => networks.create(clusterId, draft),
    'networks.planRemove': async ({ clusterId, networkId }) => networks.planRemove(clusterId, networkId),
    'networks.remove': ({ clusterId, networkId }) => networks.remove(clusterId, networkId),
    'networks.volumes': ({ clusterId }) => networks.volumes(clusterId),
    'stacks.list': ({ clusterId }) => stacks.list(clusterId),
    'stacks.plan': (input) => stacks.plan(input),
    'stacks.readFile': ({ path }) => openComposeFile(path),
    'stacks.deploy': (input) => stacks.deploy(input),
    'stacks.stopWaiting': async ({ clusterId, requestId }) => stacks.stopWaiting(clusterId, requestId),
    'stacks.remove': ({ clusterId, stack }) => stacks.remove(clusterId, stack),
    'stacks.drift': (input) => stacks.drift(input),
    'stacks.lastDeployed': ({ clusterId, stack }) => stacks.lastDeployed(clusterId, stack),
    'placement.plan': async ({ clusterId, target, changes }) => planFromSnapshot(await registry.get(clusterId).snapshot(), target, changes),
    'placement.matrix': async ({ clusterId, changes }) => matrixFromSnapshot(await registry.get(clusterId).snapshot(), changes),
    'secrets.list': ({ clusterId, kind }) => secrets.list(clusterId, kind),
    'secrets.configContent': ({ clusterId, configId }) => secrets.configContent(clusterId, configId),
    'secrets.create': (input) => secrets.create(input),
    'secrets.remove': ({ clusterId, kind, objectId }) => secrets.remove(clusterId, kind, objectId),
    'secrets.planRotation': (input) => secrets.planRotation(input),
    'secrets.rotate': (input) => secrets.rotate(input),
    'secrets.rotations': ({ clusterId, onlyUnfinished }) => secrets.rotations(clusterId, onlyUnfinished),
    'secrets.resumeRotation': (input) => secrets.resume(input),
    'secrets.rollbackRotation': (input) => secrets.rollback(input),
    'services.plan': (input) => serviceOps.plan(input),
    'services.edit': ({ clusterId, serviceId }) => serviceOps.edit(clusterId, serviceId),
    'services.create': ({ clusterId, draft }) => serviceOps.create(clusterId, draft),
    'services.update': ({ clusterId, serviceId, draft, base }) => serviceOps.update(clusterId, serviceId, draft, base),
    'services.scale': ({ clusterId, serviceId, replicas }) => serviceOps.scale(clusterId, serviceId, replicas),
    'services.rollback': ({ clusterId, serviceId }) => serviceOps.rollback(clusterId, serviceId),
    'services.forceUpdate': ({ clusterId, serviceId }) => serviceOps.forceUpdate(clusterId, serviceId),
    'services.remove': ({ clusterId, serviceId }) => serviceOps.remove(clusterId, serviceId),
    'logs.start': (input, ctx) => logs.start(input, ctx.client),
    'logs.ack': async ({ sessionId, seq }) => ({ ok: logs.ack(sessionId, seq) }),
    'logs.stop': async ({ sessionId }) => ({ stopped: logs.stop(sessionId) }),
    'nodes.routes': ({ clusterId }) => nodeAccess.routes(clusterId),
    'nodes.saveRoute': ({ clusterId, hostname, route }) => saveRoute(clusterId, hostname, route),
    'terminals.open': (input, ctx) => terminals.open(input, ctx.client),
    'terminals.input': async ({ terminalId, data }) => ({ ok: terminals.input(terminalId, data) }),
    'terminals.resize': async ({ terminalId, cols, rows }) => ({ ok: await terminals.resize(terminalId, cols, rows) }),
    'terminals.close': async ({ terminalId }) => ({ closed: terminals.close(terminalId) }),
    ...security.routes,
    ...forwardRoutes,
    ...metrics.routes
  }

  return {
    bus,
    router,
    registry,
    profiles,
    logs,
    nodeAccess,
    terminals,
    forwards,
    metrics: metrics.service,
    dispose() {
      security.dispose()
      logs.dispose()
      metrics.service.dispose()
      terminals.closeAll()
      forwards.closeAll()
      nodeAccess.close()
      registry.closeAll()
    }
  }
}

export type Services = ReturnType<typeof createServices>
