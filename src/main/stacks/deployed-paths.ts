// Where the files SwarmDesk last deployed are kept (deployed-files.ts reads and writes them):
// `<dataDir>/stacks/<swarmId>/<stack>.json`. Paths only, so that `stack ls` can tell whether any
// record exists before loading the record's schema.
import { join } from 'node:path'

const fileName = (part: string): string => encodeURIComponent(part).replace(/\./g, '%2E')

/** The folder of one swarm's records. */
export function deployedDir(dataDir: string, swarmId: string): string {
  return join(dataDir, 'stacks', fileName(swarmId))
}

/** The record of one stack on one swarm. */
export function deployedPath(dataDir: string, swarmId: string, stack: string): string {
  return join(deployedDir(dataDir, swarmId), `${fileName(stack)}.json`)
}
