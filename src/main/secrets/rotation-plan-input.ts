// The input of a rotation plan, read from the engine, the value's HMAC, the last deployed stack
// files and the unfinished journals; the plan itself is the pure planRotation.
import type { ClusterRegistry } from '../clusters/cluster-registry'
import { swarmIdOf as swarmIdOfCluster } from '../clusters/swarm-id'
import { nextVersionName, type RotationOptions, type RotationPlan, type StoredKind } from '../../shared/secrets'
import { STACK_NAMESPACE_LABEL } from '../mirror/normalise'
import { DeployedFiles } from '../stacks/deployed-files'
import { StackEngine } from '../docker/stack-engine'
import { isUnfinished, type Journal, type RotationJournal } from './rotation-journal'
import { planRotation } from './rotation-planner'
import type { ValueHmac } from './secret-values'
import { editStackFiles } from './stack-file-edit'
import { listObjects, resolve } from './secret-objects'

export type RotationPlanInput = { clusterId: string; kind: StoredKind; objectId: string } & RotationOptions

/** Plans a rotation of an object with a value (or none yet) against the cluster as it is now. */
export function rotationPlanning(registry: ClusterRegistry, dataDir: string, hmac: ValueHmac, journals: RotationJournal): (input: RotationPlanInput, value: Buffer | null) => Promise<RotationPlan> {
  const deployed = new DeployedFiles(dataDir)
  const engineOf = (clusterId: string) => new StackEngine(registry.get(clusterId).engine)
  const swarmIdOf = (clusterId: string): Promise<string> => swarmIdOfCluster(registry, clusterId)

  async function unfinishedOf(swarmId: string): Promise<Journal[]> {
    return (await journals.list()).filter((j) => j.swarmId === swarmId && isUnfinished(j))
  }

  async function buildPlan(input: RotationPlanInput, value: Buffer | null): Promise<RotationPlan> {
    const engine = engineOf(input.clusterId)
    const [objects, services, swarmId] = await Promise.all([listObjects(engine, input.kind), engine.listServices(undefined, true), swarmIdOf(input.clusterId)])
    const object = resolve(objects, input.kind, input.objectId)
    const labels = { ...(object.Spec.Labels ?? {}) }
    const existingNames = objects.map((o) => o.Spec.Name)
    let identity: 'identical' | 'different' | 'unknown' = 'unknown'
    let extraLabels: Record<string, string> = {}
    if (value && input.kind === 'secret') {
      identity = await hmac.identity(labels, value, object.ID)
      extraLabels = await hmac.labelsFor(value)
    } else if (value) {
      const current = Buffer.from((await engine.inspectConfig(object.ID)).Spec.Data ?? '', 'base64')
      identity = current.equals(value) ? 'identical' : 'different'
    }
    const stack = labels[STACK_NAMESPACE_LABEL]
    const newName = input.newName ?? nextVersionName(object.Spec.Name, existingNames)
    let stackFile = null
    if (stack && newName) {
      const record = await deployed.load(swarmId, stack)
      if (record) stackFile = editStackFiles(record.files, { kind: input.kind, stack, oldName: object.Spec.Name, newName })
    }
    return planRotation({
      kind: input.kind,
      object: { id: object.ID, name: object.Spec.Name, version: object.Version.Index, labels, driverBacked: Boolean(object.Spec.Driver?.Name) },
      services,
      existingNames,
      options: input,
      value: value ? { bytes: value.length, identity } : null,
      extraLabels,
      unfinishedRotations: (await unfinishedOf(swarmId)).filter((j) => j.old.id === object.ID || j.new.id === object.ID),
      stackFile
    })
  }

  return buildPlan
}
