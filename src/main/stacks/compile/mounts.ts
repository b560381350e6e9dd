// A service's `volumes:` as mounts, in compose order: convertVolumeToMount and its per-type checks.
import { phrase, type Phrase } from '../../../shared/phrase'
import type { ComposeModel, ServiceVolumeConfig } from '../compose-types'
import type { MountBody } from '../../docker/engine-specs'
import { nonEmptyMap, withStackLabel, type Namespace, type ServiceProblems } from './common'

type MountOption = 'bind' | 'volume' | 'image' | 'tmpfs' | 'cluster'

export function convertMounts(ns: Namespace, model: ComposeModel, volumes: ServiceVolumeConfig[] | null, problems: ServiceProblems): MountBody[] {
  const mounts: MountBody[] = []
  ;(volumes ?? []).forEach((volume, i) => {
    const mount = convertMount(ns, model, volume, (problem) => problems.fail(`volumes.${i}`, problem))
    if (mount) mounts.push(mount)
  })
  return mounts
}

/** null when the volume is refused (reported through `fail`) */
function convertMount(ns: Namespace, model: ComposeModel, volume: ServiceVolumeConfig, fail: (problem: Phrase) => void): MountBody | null {
  const base = (): MountBody => {
    const m: MountBody = {}
    if (volume.type !== '') m.Type = volume.type
    if (volume.source !== '') m.Source = volume.source
    if (volume.target !== '') m.Target = volume.target
    if (volume.readOnly) m.ReadOnly = true
    if (volume.consistency !== '') m.Consistency = volume.consistency
    return m
  }
  const incompatible = (opts: MountOption[], type: string): boolean => {
    const names: Record<string, string> = { bind: 'bind', volume: 'volume', image: type === 'volume' ? 'images' : 'image', tmpfs: 'tmpfs', cluster: 'cluster' }
    for (const opt of opts) {
      if (volume[opt] !== null) {
        fail(phrase('stacks.said.compile.mountOptionsIncompatible', { option: names[opt], type }))
        return true
      }
    }
    return false
  }
  const refused = (problem: Phrase): null => {
    fail(problem)
    return null
  }
  switch (volume.type) {
    case 'volume':
    case '': {
      if (incompatible(['image', 'tmpfs', 'bind', 'cluster'], 'volume')) return null
      const m = base()
      if (volume.source === '') return m
      if (!Object.prototype.hasOwnProperty.call(model.volumes, volume.source)) return refused(phrase('stacks.said.compile.undefinedVolume', { name: volume.source }))
      const stackVolume = model.volumes[volume.source]
      m.Source = stackVolume.name !== '' ? stackVolume.name : ns.scope(volume.source)
      const options: NonNullable<MountBody['VolumeOptions']> = {}
      if (volume.volume?.nocopy) options.NoCopy = true
      if (volume.volume && volume.volume.subpath !== '') options.Subpath = volume.volume.subpath
      if (!stackVolume.external.external) {
        options.Labels = withStackLabel(ns, stackVolume.labels)
        if (stackVolume.driver !== '' || stackVolume.driverOpts !== null) {
          const driver: NonNullable<typeof options.DriverConfig> = {}
          if (stackVolume.driver !== '') driver.Name = stackVolume.driver
          const opts = nonEmptyMap(stackVolume.driverOpts)
          if (opts) driver.Options = opts
          options.DriverConfig = driver
        }
      }
      m.VolumeOptions = options
      return m
    }
    case 'image': {
      if (volume.source === '') return refused(phrase('stacks.said.compile.mountSourceEmpty', { type: 'image' }))
      if (incompatible(['volume', 'bind', 'tmpfs', 'cluster'], 'image')) return null
      const m = base()
      if (volume.image) m.ImageOptions = volume.image.subpath !== '' ? { Subpath: volume.image.subpath } : {}
      return m
    }
    case 'bind': {
      if (volume.source === '') return refused(phrase('stacks.said.compile.mountSourceEmpty', { type: 'bind' }))
      if (incompatible(['volume', 'image', 'tmpfs', 'cluster'], 'bind')) return null
      const m = base()
      if (volume.bind) m.BindOptions = volume.bind.propagation !== '' ? { Propagation: volume.bind.propagation } : {}
      return m
    }
    case 'tmpfs': {
      if (volume.source !== '') return refused(phrase('stacks.said.compile.tmpfsSourceSet'))
      if (incompatible(['bind', 'volume', 'image', 'cluster'], 'tmpfs')) return null
      const m = base()
      if (volume.tmpfs) m.TmpfsOptions = volume.tmpfs.size !== 0 ? { SizeBytes: volume.tmpfs.size } : {}
      return m
    }
    case 'npipe': {
      if (volume.source === '') return refused(phrase('stacks.said.compile.mountSourceEmpty', { type: 'npipe' }))
      if (incompatible(['volume', 'image', 'tmpfs'], 'npipe')) return null
      const m = base()
      if (volume.bind) m.BindOptions = volume.bind.propagation !== '' ? { Propagation: volume.bind.propagation } : {}
      return m
    }
    case 'cluster': {
      if (volume.source === '') return refused(phrase('stacks.said.compile.mountSourceEmpty', { type: 'cluster' }))
      if (incompatible(['tmpfs', 'bind', 'volume'], 'cluster')) return null
      const m = base()
      m.ClusterOptions = {}
      if (!volume.source.startsWith('group:')) {
        if (!Object.prototype.hasOwnProperty.call(model.volumes, volume.source)) return refused(phrase('stacks.said.compile.undefinedVolume', { name: volume.source }))
        const stackVolume = model.volumes[volume.source]
        m.Source = stackVolume.name !== '' ? stackVolume.name : ns.scope(volume.source)
      }
      return m
    }
    default:
      return refused(phrase('stacks.said.compile.volumeType'))
  }
}
