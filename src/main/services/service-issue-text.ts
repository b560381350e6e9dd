// The English wording of the service draft's issue codes, for what main says itself: the
// INVALID_INPUT error of a refused create/update (its message and its issues, read by the CLI
// and by scripts) and `swarmdesk service ...` output. The renderer words the same codes through
// i18n (services.issues.<code> in en/ and fr/services.json). Pure.
import type { DraftIssue, DraftIssueBody } from '../../shared/services'

export function draftIssueText(issue: DraftIssueBody): string {
  switch (issue.code) {
    case 'name-missing':
      return 'a service needs a name'
    case 'name-invalid':
      return `"${issue.name}" is not a valid service name: letters, digits and dashes, at most 63, not starting or ending with a dash`
    case 'name-taken':
      return `a service named "${issue.name}" already exists`
    case 'image-missing':
      return 'an image is required, e.g. nginx:1.27 or registry:5000/team/app:2'
    case 'image-invalid':
      return `"${issue.image}" is not a valid image reference: ${issue.reason}`
    case 'replicas-range':
      return `replicas must be between ${issue.min} and ${issue.max}`
    case 'env-format':
      return `"${issue.entry}" is not KEY=VALUE (the key cannot be empty or contain spaces)`
    case 'env-twice':
      return `${issue.key} is set twice (also on line ${issue.firstLine})`
    case 'label-format':
      return `"${issue.entry}" is not key=value (the key cannot be empty or contain spaces)`
    case 'target-port-range':
      return `target port ${issue.port} must be between 1 and 65535`
    case 'published-port-range':
      return `published port ${issue.port} must be between 1 and 65535`
    case 'port-twice':
      return `${issue.port} is published twice in this service (also port ${issue.firstRow})`
    case 'port-taken':
      return `port ${issue.port} is already published by service ${issue.service}: choose another published port`
    case 'network-missing':
      return 'choose a network'
    case 'network-unknown':
      return `no swarm network named "${issue.network}" (create it with docker network create -d overlay ${issue.network})`
    case 'network-ingress':
      return `"${issue.network}" is the ingress network: services join it by publishing a port, not by attaching`
    case 'network-twice':
      return `"${issue.network}" is attached twice`
    case 'alias-invalid':
      return `"${issue.alias}" is not a valid DNS alias`
    case 'mount-target-relative':
      return `the mount target must be an absolute path in the container, like /data (got "${issue.target}")`
    case 'mount-target-twice':
      return `${issue.target} is mounted twice`
    case 'bind-source-relative':
      return 'a bind mount needs an absolute host path as its source, like /srv/data (it must exist on every node the task can run on)'
    case 'volume-name-invalid':
      return `"${issue.source}" is not a volume name (letters, digits, _ . -)`
    case 'secret-missing':
      return 'choose a secret'
    case 'config-missing':
      return 'choose a config'
    case 'secret-unknown':
      return `no secret named "${issue.name}" in this swarm (docker secret ls lists them)`
    case 'config-unknown':
      return `no config named "${issue.name}" in this swarm (docker config ls lists them)`
    case 'secret-target-twice':
      return `two secrets use the target "${issue.target}"`
    case 'config-target-twice':
      return `two configs use the target "${issue.target}"`
    case 'file-mode':
      return `"${issue.value}" is not a file mode: expected octal, like 0400 or 0444`
    case 'file-owner':
      return `"${issue.value}" is not a numeric ${issue.field}`
    case 'constraint':
      return issue.suggestion ? `${issue.message} (${issue.suggestion})` : issue.message
    case 'spread-invalid':
      return `"${issue.value}" is not a spread descriptor: expected node.labels.KEY (e.g. node.labels.zone)`
    case 'max-per-node-negative':
      return 'max replicas per node cannot be negative (0 means no limit)'
    case 'max-per-node-global':
      return 'max replicas per node applies to replicated services only'
    case 'reservation-above-limit':
      return `the memory reservation (${issue.reservation}) is above the limit (${issue.limit})`
    case 'duration':
      return `"${issue.value}" is not a duration: expected a number with a unit, like 10s, 1m30s or 500ms`
    case 'duration-positive':
      return `"${issue.value}" must be a positive duration`
    case 'size':
      return `"${issue.value}" is not a size: expected bytes with an optional unit, like 512M, 1.5G or 64k`
    case 'cpus':
      return `"${issue.value}" is not a number of CPUs: expected a positive decimal like 0.5 or 2`
    case 'max-attempts-negative':
      return 'max attempts cannot be negative (0 means unlimited)'
    case 'parallelism-negative':
      return 'parallelism cannot be negative (0 means all at once)'
    case 'failure-ratio':
      return `the max failure ratio is a fraction between 0 and 1 (got ${issue.value})`
    case 'rollback-rollback':
      return 'a rollback cannot itself roll back on failure: choose pause or continue'
    case 'healthcheck-command':
      return 'a health check needs a command, e.g. wget -q -O- http://localhost/ || exit 1'
    case 'healthcheck-retries':
      return 'retries cannot be negative'
    case 'mode-change':
      return `a service's mode cannot be changed (${issue.from} -> ${issue.to}): the engine refuses it. Create a new ${issue.to} service and remove this one (docker service rm, then docker service create --mode ${issue.to})`
    case 'rename':
      return `a service cannot be renamed by an update (${issue.from} -> ${issue.to}): create a new service instead`
  }
}

/** The issues as the AppError's `{ path, message }` list (what ErrorAlert and the CLI show). */
export function issuesAsMessages(issues: readonly DraftIssue[]): { path: string; message: string }[] {
  return issues.map((issue) => ({ path: issue.path, message: draftIssueText(issue) }))
}
