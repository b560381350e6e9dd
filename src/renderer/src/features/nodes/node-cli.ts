import { labelChangeCli } from '../../../../shared/docker-cli'
import type { LabelChange } from './label-diff'

export { labelChangeCli }

/** One command per node: the Engine has no multi-node update, and neither has the CLI. */
export function labelChangeCliForNodes(change: LabelChange, nodes: readonly string[]): string {
  return nodes.map((node) => labelChangeCli(change, node)).join('\n')
}
