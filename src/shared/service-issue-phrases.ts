// The service draft's issue codes as phrases, the one mapping of them: main's edges word them in
// English (the INVALID_INPUT error of a refused create/update, its issues, `swarmdesk service ...`
// output), the service form in the user's language (services.issues.<code> in en/ and
// fr/services.json). Pure.
import { phrase, type Phrase } from './phrase'
import type { DraftIssueBody } from './services'

/** A service mode as a word of the sentence it is in (the English is the mode's own name). */
export function modePhrase(mode: 'replicated' | 'global' | 'replicated-job' | 'global-job'): Phrase {
  switch (mode) {
    case 'replicated':
      return phrase('services.said.mode.replicated')
    case 'global':
      return phrase('services.said.mode.global')
    case 'replicated-job':
      return phrase('services.said.mode.replicated-job')
    case 'global-job':
      return phrase('services.said.mode.global-job')
  }
}

/**
 * A draft issue as a phrase of `services.issues.<code>` (the catalogue the form words them with),
 * so a refused create/update reads in the user's language in the app and in English in the CLI.
 */
export function draftIssuePhrase(issue: DraftIssueBody): Phrase {
  switch (issue.code) {
    case 'name-missing':
      return phrase('services.issues.name-missing')
    case 'name-invalid':
      return phrase('services.issues.name-invalid', { name: issue.name })
    case 'name-taken':
      return phrase('services.issues.name-taken', { name: issue.name })
    case 'image-missing':
      return phrase('services.issues.image-missing')
    case 'image-invalid':
      return phrase('services.issues.image-invalid', { image: issue.image, reason: issue.reason })
    case 'replicas-range':
      return phrase('services.issues.replicas-range', { max: issue.max, min: issue.min })
    case 'env-format':
      return phrase('services.issues.env-format', { entry: issue.entry })
    case 'env-twice':
      return phrase('services.issues.env-twice', { firstLine: issue.firstLine, key: issue.key })
    case 'label-format':
      return phrase('services.issues.label-format', { entry: issue.entry })
    case 'target-port-range':
      return phrase('services.issues.target-port-range', { port: issue.port })
    case 'published-port-range':
      return phrase('services.issues.published-port-range', { port: issue.port })
    case 'port-twice':
      return phrase('services.issues.port-twice', { firstRow: issue.firstRow, port: issue.port })
    case 'port-taken':
      return phrase('services.issues.port-taken', { port: issue.port, service: issue.service })
    case 'network-missing':
      return phrase('services.issues.network-missing')
    case 'network-unknown':
      return phrase('services.issues.network-unknown', { network: issue.network })
    case 'network-ingress':
      return phrase('services.issues.network-ingress', { network: issue.network })
    case 'network-twice':
      return phrase('services.issues.network-twice', { network: issue.network })
    case 'alias-invalid':
      return phrase('services.issues.alias-invalid', { alias: issue.alias })
    case 'mount-target-relative':
      return phrase('services.issues.mount-target-relative', { target: issue.target })
    case 'mount-target-twice':
      return phrase('services.issues.mount-target-twice', { target: issue.target })
    case 'bind-source-relative':
      return phrase('services.issues.bind-source-relative')
    case 'volume-name-invalid':
      return phrase('services.issues.volume-name-invalid', { source: issue.source })
    case 'secret-missing':
      return phrase('services.issues.secret-missing')
    case 'config-missing':
      return phrase('services.issues.config-missing')
    case 'secret-unknown':
      return phrase('services.issues.secret-unknown', { name: issue.name })
    case 'config-unknown':
      return phrase('services.issues.config-unknown', { name: issue.name })
    case 'secret-target-twice':
      return phrase('services.issues.secret-target-twice', { target: issue.target })
    case 'config-target-twice':
      return phrase('services.issues.config-target-twice', { target: issue.target })
    case 'file-mode':
      return phrase('services.issues.file-mode', { value: issue.value })
    case 'file-owner':
      return phrase('services.issues.file-owner', { field: issue.field, value: issue.value })
    case 'constraint':
      // The parser's phrases nested, so the form says them in the user's language (same English).
      return issue.suggestion
        ? phrase('services.issues.constraint-suggested', { message: issue.said, suggestion: issue.suggestionSaid ?? issue.suggestion })
        : phrase('services.issues.constraint', { message: issue.said })
    case 'spread-invalid':
      return phrase('services.issues.spread-invalid', { value: issue.value })
    case 'max-per-node-negative':
      return phrase('services.issues.max-per-node-negative')
    case 'max-per-node-global':
      return phrase('services.issues.max-per-node-global')
    case 'reservation-above-limit':
      return phrase('services.issues.reservation-above-limit', { limit: issue.limit, reservation: issue.reservation })
    case 'duration':
      return phrase('services.issues.duration', { value: issue.value })
    case 'duration-positive':
      return phrase('services.issues.duration-positive', { value: issue.value })
    case 'size':
      return phrase('services.issues.size', { value: issue.value })
    case 'cpus':
      return phrase('services.issues.cpus', { value: issue.value })
    case 'max-attempts-negative':
      return phrase('services.issues.max-attempts-negative')
    case 'parallelism-negative':
      return phrase('services.issues.parallelism-negative')
    case 'failure-ratio':
      return phrase('services.issues.failure-ratio', { value: issue.value })
    case 'rollback-rollback':
      return phrase('services.issues.rollback-rollback')
    case 'healthcheck-command':
      return phrase('services.issues.healthcheck-command')
    case 'healthcheck-retries':
      return phrase('services.issues.healthcheck-retries')
    case 'mode-change':
      return phrase('services.issues.mode-change', { fromMode: modePhrase(issue.from), toMode: modePhrase(issue.to), to: issue.to })
    case 'rename':
      return phrase('services.issues.rename', { from: issue.from, to: issue.to })
  }
}
