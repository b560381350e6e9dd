// For the compiler's part tests: a compose fragment (YAML) loaded the way `stack deploy` loads it,
// the stack namespace `app`, and a problem sink that records what a part reports, by path, with
// the phrase's key (the wording is the compiler's job and is checked by the golden tests).
import { namespace, type Namespace, type ServiceProblems } from '../../src/main/stacks/compile/common'
import { formatDiagnostic, loadCompose } from '../../src/main/stacks/compose-loader'
import type { ComposeModel, ServiceConfig } from '../../src/main/stacks/compose-types'
import { isPhrase, type PhraseValue } from '../../src/shared/phrase'

export interface Fragment {
  ns: Namespace
  model: ComposeModel
  /** the first service of the fragment */
  service: ServiceConfig
}

export function composeFragment(yaml: string): Fragment {
  const loaded = loadCompose({ files: [{ path: '/fragment/docker-compose.yml', text: yaml }], env: {} })
  if (!loaded.model) throw new Error(`the fragment does not load: ${loaded.errors.map(formatDiagnostic).join('; ')}`)
  const service = loaded.model.services[0]
  if (!service) throw new Error('the fragment has no service')
  return { ns: namespace('app'), model: loaded.model, service }
}

/** `fail <path>: <key>` / `warn <path>: <key>`, in the order reported */
export function recordingProblems(): ServiceProblems & { seen: string[] } {
  const seen: string[] = []
  const key = (problem: PhraseValue): string => (isPhrase(problem) ? problem.key : String(problem))
  return {
    seen,
    fail: (path, problem) => seen.push(`fail ${path}: ${key(problem)}`),
    warn: (path, problem) => seen.push(`warn ${path}: ${key(problem)}`)
  }
}
