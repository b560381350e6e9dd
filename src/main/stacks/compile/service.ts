// One compose service -> the ServiceSpec docker/cli's convertService builds, part by part. The
// parts are converted in the CLI's order, so problems are reported in the order it finds them.
import type { ComposeModel, ServiceConfig } from '../compose-types'
import type { ServiceSpecBody } from '../../docker/engine-specs'
import { LABEL_IMAGE, withStackLabel, type Namespace, type ServiceProblems } from './common'
import { convertContainerSpec } from './container'
import { convertCredentialSpec } from './credential-spec'
import { convertDNSConfig } from './dns'
import { convertEndpoint } from './endpoint'
import { convertConfigReferences, convertSecretReferences } from './file-references'
import { convertHealthcheck } from './healthcheck'
import { convertLogDriver } from './logging'
import { convertMode } from './mode'
import { convertMounts } from './mounts'
import { convertServiceNetworks } from './networks'
import { convertPlacement } from './placement'
import { convertResources } from './resources'
import { convertRestartPolicy } from './restart-policy'
import { convertUpdateConfig } from './update-config'

export interface ConvertedService {
  spec: ServiceSpecBody
  /** credential_spec.config names the config whose ID goes into Privileges.CredentialSpec.Config */
  credentialSpecConfig: string | null
}

export function convertService(ns: Namespace, model: ComposeModel, service: ServiceConfig, problems: ServiceProblems): ConvertedService {
  const secrets = convertSecretReferences(ns, model, service, problems)
  const configs = convertConfigReferences(ns, model, service, problems)
  const endpointSpec = convertEndpoint(service)
  const mode = convertMode(service, problems)
  const mounts = convertMounts(ns, model, service.volumes, problems)
  const resources = convertResources(service.deploy.resources, problems)
  const restartPolicy = convertRestartPolicy(service, problems)
  const healthcheck = convertHealthcheck(service.healthcheck, problems)
  const attachments = convertServiceNetworks(ns, model, service, problems)
  const dnsConfig = convertDNSConfig(service, problems)
  const credentialSpec = convertCredentialSpec(service.credentialSpec, configs.credentialSpecConfig, problems)
  const containerSpec = convertContainerSpec(ns, service, { mounts, healthcheck, dnsConfig, secrets, configs: configs.all, credentialSpec })
  const placement = convertPlacement(service.deploy.placement, problems)

  const taskTemplate: ServiceSpecBody['TaskTemplate'] = { ContainerSpec: containerSpec, Resources: resources, Placement: placement, ForceUpdate: 0 }
  if (restartPolicy) taskTemplate.RestartPolicy = restartPolicy
  if (attachments.length > 0) taskTemplate.Networks = attachments
  const logDriver = convertLogDriver(service.logging)
  if (logDriver) taskTemplate.LogDriver = logDriver

  const spec: ServiceSpecBody = {
    Name: ns.scope(service.name),
    Labels: { ...withStackLabel(ns, service.deploy.labels), [LABEL_IMAGE]: service.image },
    TaskTemplate: taskTemplate,
    Mode: mode,
    EndpointSpec: endpointSpec
  }
  const update = convertUpdateConfig(service.deploy.updateConfig)
  if (update) spec.UpdateConfig = update
  const rollback = convertUpdateConfig(service.deploy.rollbackConfig)
  if (rollback) spec.RollbackConfig = rollback
  return { spec, credentialSpecConfig: configs.credentialSpecConfig }
}
