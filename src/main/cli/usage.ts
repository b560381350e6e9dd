// The command line's words and options, without the commands: `swarmdesk --help`, a misuse and
// the argument parser need nothing else, so the entry (cli.ts) loads only this before it knows
// which command runs.

/** Flags `swarmdesk service logs` adds to the command line's option table. */
const logCliOptions = {
  tail: { type: 'string' },
  follow: { type: 'boolean', short: 'f', default: false },
  since: { type: 'string' },
  timestamps: { type: 'boolean', short: 't', default: false }
} as const

/** The options `service update` and friends add to the command line's parser. */
const serviceCliOptions = {
  image: { type: 'string' },
  force: { type: 'boolean', default: false },
  detach: { type: 'boolean', short: 'd', default: false },
  replicas: { type: 'string' },
  'env-add': { type: 'string', multiple: true },
  'env-rm': { type: 'string', multiple: true },
  'publish-add': { type: 'string', multiple: true },
  'publish-rm': { type: 'string', multiple: true },
  'constraint-add': { type: 'string', multiple: true },
  'constraint-rm': { type: 'string', multiple: true },
  'update-parallelism': { type: 'string' },
  'update-delay': { type: 'string' },
  'update-failure-action': { type: 'string' },
  'update-order': { type: 'string' },
  'limit-cpu': { type: 'string' },
  'limit-memory': { type: 'string' },
  'reserve-cpu': { type: 'string' },
  'reserve-memory': { type: 'string' }
} as const

const networkCliOptions = {
  attachable: { type: 'boolean', default: false },
  internal: { type: 'boolean', default: false },
  encrypted: { type: 'boolean', default: false },
  subnet: { type: 'string' },
  gateway: { type: 'string' },
  label: { type: 'string', multiple: true },
  availability: { type: 'string' },
  yes: { type: 'boolean', short: 'y', default: false }
} as const

const secretCliOptions = {
  'from-file': { type: 'string' },
  stdin: { type: 'boolean', default: false },
  generate: { type: 'string' },
  alphabet: { type: 'string' },
  name: { type: 'string' },
  'start-first': { type: 'boolean', default: false },
  'remove-old': { type: 'boolean', default: false },
  'keep-new': { type: 'boolean', default: false },
  'before-exec': { type: 'string' }
} as const

const NODE_CHANGE_USAGE = `  node promote|demote NODE [--yes]     Change a node's role; quorum warnings need --yes
  node update --availability active|pause|drain NODE [--yes]
                                       Change a node's availability; warnings need --yes
`

const NETWORK_USAGE = `  network ls                           List the swarm's networks (subnets, services attached)
  network create [--attachable] [--internal] [--encrypted] [--subnet CIDR] [--gateway IP] [--label K=V]... NAME
                                       Create an overlay network (checked first: nothing is sent on a problem)
  network rm NETWORK                   Remove a network (refused while a service uses it)
  volume ls                            Named volumes services mount, per node where their tasks run;
                                       then docker volume ls of the connected engine (the only node it can list)
`

const STACK_USAGE = `  stack ls                             List stacks (those made by the docker CLI too)
  stack plan -c FILE [-c FILE] NAME    Show what a deploy would change, without changing anything
  stack deploy -c FILE [-c FILE] NAME  Deploy (plan first: nothing is changed if the plan is blocked)
      [--prune] [--resolve-image always|changed|never] [--with-registry-auth]
      [--wait [--timeout SECONDS]] [--dotenv (read .env beside the first file)]
  stack rm NAME                        Remove a stack (services, secrets, configs, networks; volumes are kept)
`

const SERVICE_USAGE = `  service ls                           List services (replicas running/desired, image, ports, update state)
  service ps SERVICE                   The service's tasks, current and history, with errors
  service scale NAME=N [NAME=N...]     Scale replicated services
  service update NAME [--image IMG] [--replicas N] [--env-add K=V] [--env-rm K]
      [--publish-add [published=]P,target=T[,protocol=udp][,mode=host] | P:T] [--publish-rm TARGET]
      [--constraint-add EXPR] [--constraint-rm EXPR] [--limit-cpu/--limit-memory/--reserve-cpu/--reserve-memory V]
      [--update-parallelism N] [--update-delay D] [--update-failure-action pause|continue|rollback]
      [--update-order stop-first|start-first] [--force]
  service rollback NAME                Go back to the previous spec
  service rm NAME [NAME...]            Remove services
      scale, update and rollback wait until the service converges; --detach returns at once,
      --timeout SECONDS bounds the wait (default 300)
`

const EXEC_USAGE = `  service exec SERVICE[.SLOT] [--task ID] [-i] [-t] [-- CMD ARG...]
                                       Run CMD (default: a shell, bash else ash else sh) in a running task,
                                       on its node's engine over SSH; exits with CMD's exit code
`

const FORWARD_USAGE = `  service port-forward SERVICE[.SLOT] [LOCAL]:REMOTE
                                       Listen on 127.0.0.1:LOCAL (empty or 0: any free port) and carry each
                                       connection to REMOTE in a running task, over its node's SSH connection;
                                       runs until Ctrl-C
`

const LOGS_USAGE = `  service logs SERVICE [SERVICE...]    Fetch the logs of services, merged by time (like docker service logs)
      [--tail N|all] [--follow|-f] [--since TIMESTAMP|DURATION] [--timestamps|-t]
`

export const SECRET_USAGE = `  secret ls                            Secrets, with the services using each (target, uid, gid, mode)
  secret create NAME (--from-file F | --stdin) [--label K=V]...
                                       Create a secret; the value is never shown, logged or kept
  secret rotate NAME (--from-file F | --stdin | --generate LENGTH [--alphabet A])
      [--name NEW] [--start-first] [--remove-old] [--before-exec SERVICE -- CMD...]
                                       New version, every service moved to it one by one with its
                                       rollout followed; rolled back if a rollout fails.
                                       --before-exec: first mount the new version in SERVICE and run
                                       CMD in one of its tasks ($SWARMDESK_NEW_FILE is its path),
                                       e.g. a database's ALTER USER ... PASSWORD
  secret rm NAME                       Remove a secret (refused while services use it)
  secret rotation ls                   Unfinished rotations (interrupted ones can be resumed or rolled back)
  secret rotation resume ID [--from-file F | --stdin]
  secret rotation rollback ID [--keep-new]
  config ...                           The same for configs, plus: config inspect NAME (prints the content)
`

/** The flags of `swarmdesk swarm …` (security-commands.ts). */
const swarmCliOptions = {
  rotate: { type: 'boolean', default: false },
  quiet: { type: 'boolean', short: 'q', default: false },
  autolock: { type: 'string' },
  'task-history-limit': { type: 'string' },
  'snapshot-interval': { type: 'string' },
  'dispatcher-heartbeat': { type: 'string' },
  'cert-expiry': { type: 'string' },
  'ca-cert': { type: 'string' },
  'ca-key': { type: 'string' }
} as const

const SWARM_USAGE = `  swarm security                       Root CA, certificate lifetime, CA rotation, each node's certificate issuer,
                                       autolock and the swarm settings (tokens masked)
  swarm join-token [--rotate] [-q] worker|manager
                                       The docker swarm join line (-q: the token only); --rotate makes a new token
                                       (nodes already joined are unaffected)
  swarm update [--autolock=true|false] [--task-history-limit N] [--snapshot-interval N]
      [--dispatcher-heartbeat D] [--cert-expiry D]
                                       Change the swarm's settings (D like 5s, 90m, 2160h)
  swarm ca rotate [--cert-expiry D] [--ca-cert FILE --ca-key FILE] [--wait [--timeout SECONDS]] [-y]
                                       Rotate the root CA (a new one, or yours, checked first); -y starts it
                                       even with nodes down; --wait follows every node to the new root
  swarm unlock-key [--rotate] [-q]     The unlock key of an autolocked swarm (--rotate: a new one)
  swarm unlock NODE                    Unlock a locked manager over its own connection; the key is read from stdin
`

/** `swarmdesk --help`, and what a misuse prints after its reason. */
export const USAGE = `Usage: swarmdesk [-H HOST | --context NAME | --connection NAME] [--json] COMMAND

Engine (like the docker CLI): -H/--host unix:///path | tcp://host:port | ssh://user@host,
  --context NAME, else DOCKER_HOST, else the current docker context, else /var/run/docker.sock;
  --connection NAME uses a connection saved in SwarmDesk.

Commands:
  node ls                              List the swarm's nodes
  node label add NODE KEY[=VALUE]...   Add or change labels (retried safely on concurrent edits)
  node label rm NODE KEY...            Remove labels
${NODE_CHANGE_USAGE}${NETWORK_USAGE}${STACK_USAGE}${SERVICE_USAGE}${EXEC_USAGE}${FORWARD_USAGE}${LOGS_USAGE}${SECRET_USAGE}${SWARM_USAGE}  placement plan --service NAME        Where a live service's tasks can run, and why not, per node
  placement plan -c FILE [-c FILE] [SERVICE]
                                       The same for the services of a stack file, before deploying
  version                              Print SwarmDesk's version
`

/** The options of every command, for node's parseArgs (`service exec` parses what follows it itself). */
export const cliOptions = {
  host: { type: 'string', short: 'H' },
  context: { type: 'string' },
  connection: { type: 'string' },
  'compose-file': { type: 'string', short: 'c', multiple: true },
  service: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
  // stack commands (-c/--compose-file above is shared with placement)
  prune: { type: 'boolean', default: false },
  'resolve-image': { type: 'string' },
  'with-registry-auth': { type: 'boolean', default: false },
  wait: { type: 'boolean', default: false },
  timeout: { type: 'string' },
  dotenv: { type: 'boolean', default: false },
  ...logCliOptions,
  ...serviceCliOptions,
  ...networkCliOptions,
  ...secretCliOptions,
  ...swarmCliOptions
} as const

/**
 * The lists answered by a few light reads (quick-lists.ts): `service ls`, `node ls`, `secret ls`,
 * `config ls`, `stack ls`, on an engine named by -H, --context or the docker CLI's default (a
 * saved connection goes the full way).
 */
/**
 * What needs no command: `--help` or no command at all (the usage, exit 0 or 2) and `version`.
 * Null when a command is to run. Shared by the light entry and the full command line.
 */
export function answerWithoutCommand(values: { help?: boolean; version?: boolean }, positionals: readonly string[], io: { out(text: string): void; err(text: string): void }, version: () => string): number | null {
  if (values.help || positionals.length === 0) {
    ;(values.help ? io.out : io.err)(USAGE)
    return values.help ? 0 : 2
  }
  if (values.version || positionals[0] === 'version') {
    io.out(`swarmdesk ${version()}\n`)
    return 0
  }
  return null
}

export function isQuickList(positionals: readonly string[], flags: { connection?: string }): boolean {
  const [group, command, ...rest] = positionals
  return command === 'ls' && rest.length === 0 && !flags.connection && ['service', 'node', 'secret', 'config', 'stack'].includes(group)
}
