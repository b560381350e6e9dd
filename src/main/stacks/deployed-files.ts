// The compose files SwarmDesk last deployed, per swarm and stack, for drift:
// `<dataDir>/stacks/<swarmId>/<stack>.json`. The texts of the files, the options, and the names
// (never the values) of the variables interpolated. Written atomically, readable by the user only.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { deployedRecordSchema, type DeployedRecord } from '../../shared/stacks'
import { deployedDir, deployedPath } from './deployed-paths'

export class DeployedFiles {
  constructor(private readonly dataDir: string) {}

  pathOf(swarmId: string, stack: string): string {
    return deployedPath(this.dataDir, swarmId, stack)
  }

  async save(record: DeployedRecord): Promise<void> {
    const path = this.pathOf(record.swarmId, record.stack)
    await mkdir(deployedDir(this.dataDir, record.swarmId), { recursive: true, mode: 0o700 })
    const temp = `${path}.${process.pid}.tmp`
    await writeFile(temp, JSON.stringify(deployedRecordSchema.parse(record), null, 2) + '\n', { mode: 0o600 })
    await rename(temp, path)
  }

  /** null when SwarmDesk never deployed this stack on this swarm (or the record is unreadable). */
  async load(swarmId: string, stack: string): Promise<DeployedRecord | null> {
    try {
      const parsed = deployedRecordSchema.safeParse(JSON.parse(await readFile(this.pathOf(swarmId, stack), 'utf8')))
      return parsed.success ? parsed.data : null
    } catch {
      return null
    }
  }
}
