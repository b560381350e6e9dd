// Raw (interpolated, schema-valid) compose dict -> typed model for ONE file, like the CLI's
// loadSections: short syntaxes expanded, durations/sizes parsed, env_file + environment resolved,
// bind sources and secret/config files made absolute, external names settled.
import { phrase } from '../../shared/phrase'
import type { ComposeModel, FileObjectConfig, NetworkConfig, ServiceConfig, VolumeConfig } from './compose-types'
import { absPath, issue, readersOf, versionAtLeast, type DecodeInput, type DecodeIssue, type Decoding, type Readers } from './compose-decode-readers'
import { decodeService } from './compose-decode-service'

export type { DecodeInput, DecodeIssue } from './compose-decode-readers'

export interface DecodeResult {
  model: ComposeModel
  errors: DecodeIssue[]
  warnings: DecodeIssue[]
  missingEnvFiles: string[]
}

/** networks: external names settled (the deprecated external.name moves to name) */
function decodeNetworks(decoding: Decoding, r: Readers): Record<string, NetworkConfig> {
  const { raw } = decoding.input
  const { errors, warnings, input } = decoding
  const { str, bool, map, stringMap, mappingOrList, external } = r
  const networks: Record<string, NetworkConfig> = {}
  for (const [key, value] of Object.entries(map(raw.networks))) {
    const n = map(value)
    const ipam = map(n.ipam)
    const nw: NetworkConfig = {
      name: str(n.name),
      driver: str(n.driver),
      driverOpts: stringMap(n.driver_opts, ['networks', key, 'driver_opts']),
      ipam: { driver: str(ipam.driver), config: (Array.isArray(ipam.config) ? ipam.config : []).map((c) => ({ subnet: str(map(c).subnet) })) },
      external: external(n.external),
      internal: bool(n.internal),
      attachable: bool(n.attachable),
      labels: mappingOrList(n.labels, ['networks', key, 'labels'])
    }
    if (nw.external.external) {
      if (nw.external.name !== '') {
        if (nw.name !== '') errors.push(issue(['networks', key], phrase('compose.decode.externalNameConflict', { object: phrase('compose.object.network'), name: key, kind: 'network' })))
        else if (versionAtLeast(input.version, '3.5')) warnings.push(issue(['networks', key, 'external', 'name'], phrase('compose.decode.externalNameDeprecated', { object: phrase('compose.object.network'), name: key, kind: 'network' })))
        nw.name = nw.external.name
        nw.external.name = ''
      } else if (nw.name === '') nw.name = key
    }
    networks[key] = nw
  }
  return networks
}

/** volumes: an external volume takes no driver, options or labels */
function decodeVolumes(decoding: Decoding, r: Readers): Record<string, VolumeConfig> {
  const { raw } = decoding.input
  const { errors, warnings, input } = decoding
  const { str, map, stringMap, mappingOrList, external } = r
  const volumes: Record<string, VolumeConfig> = {}
  for (const [key, value] of Object.entries(map(raw.volumes))) {
    const v = map(value)
    const vol: VolumeConfig = {
      name: str(v.name),
      driver: str(v.driver),
      driverOpts: stringMap(v.driver_opts, ['volumes', key, 'driver_opts']),
      external: external(v.external),
      labels: mappingOrList(v.labels, ['volumes', key, 'labels'])
    }
    if (vol.external.external) {
      const conflict = (field: string): void => {
        errors.push(issue(['volumes', key], phrase('compose.decode.externalConflict', { field, name: key })))
      }
      if (vol.driver !== '') conflict('driver')
      else if (vol.driverOpts && Object.keys(vol.driverOpts).length > 0) conflict('driver_opts')
      else if (Object.keys(vol.labels).length > 0) conflict('labels')
      else if (vol.external.name !== '') {
        if (vol.name !== '') errors.push(issue(['volumes', key], phrase('compose.decode.externalNameConflict', { object: phrase('compose.object.volume'), name: key, kind: 'volume' })))
        else if (versionAtLeast(input.version, '3.4')) warnings.push(issue(['volumes', key, 'external', 'name'], phrase('compose.decode.externalNameDeprecated', { object: phrase('compose.object.volume'), name: key, kind: 'volume' })))
        vol.name = vol.external.name
        vol.external.name = ''
      } else if (vol.name === '') vol.name = key
    }
    volumes[key] = vol
  }
  return volumes
}

/** secrets and configs: external names settled, files made absolute, a driver takes no file */
function decodeFileObjects(decoding: Decoding, r: Readers, section: 'secrets' | 'configs'): Record<string, FileObjectConfig> {
  const { raw } = decoding.input
  const { errors, warnings, input } = decoding
  const { str, map, stringMap, mappingOrList, external } = r
  const objType = section === 'secrets' ? 'secret' : 'config'
  const object = section === 'secrets' ? phrase('compose.object.secret') : phrase('compose.object.config')
  const out: Record<string, FileObjectConfig> = {}
  for (const [key, value] of Object.entries(map(raw[section]))) {
    const o = map(value)
    const obj: FileObjectConfig = {
      name: str(o.name),
      file: str(o.file),
      external: external(o.external),
      labels: mappingOrList(o.labels, [section, key, 'labels']),
      driver: str(o.driver),
      driverOpts: stringMap(o.driver_opts, [section, key, 'driver_opts']),
      templateDriver: str(o.template_driver)
    }
    if (obj.external.external) {
      if (obj.external.name !== '') {
        if (obj.name !== '') errors.push(issue([section, key], phrase('compose.decode.externalNameConflict', { object, name: key, kind: objType })))
        else if (versionAtLeast(input.version, '3.5')) warnings.push(issue([section, key, 'external', 'name'], phrase('compose.decode.externalNameDeprecated', { object, name: key, kind: objType })))
        obj.name = obj.external.name
        obj.external.name = ''
      } else if (obj.name === '') obj.name = key
    } else if (obj.driver !== '') {
      if (obj.file !== '') errors.push(issue([section, key], phrase('compose.decode.driverFileConflict', { object, name: key, kind: objType })))
    } else {
      obj.file = absPath(input.workingDir, obj.file)
    }
    out[key] = obj
  }
  return out
}

export function decodeComposeFile(input: DecodeInput): DecodeResult {
  const decoding: Decoding = { input, errors: [], warnings: [], missingEnvFiles: [] }
  const { raw } = input
  const r = readersOf(decoding)
  const { map } = r
  const services: ServiceConfig[] = Object.entries(map(raw.services))
    .map(([name, def]) => decodeService(decoding, r, name, map(def)))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const networks = decodeNetworks(decoding, r)
  const volumes = decodeVolumes(decoding, r)
  return {
    model: {
      version: input.version,
      workingDir: input.workingDir,
      services,
      networks,
      volumes,
      secrets: decodeFileObjects(decoding, r, 'secrets'),
      configs: decodeFileObjects(decoding, r, 'configs')
    },
    errors: decoding.errors,
    warnings: decoding.warnings,
    missingEnvFiles: decoding.missingEnvFiles
  }
}
