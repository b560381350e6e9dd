// Engine API request bodies as the docker CLI's Go client marshals them (moby/moby api/types).
// Optional properties are the ones Go leaves out (omitempty); `| null` marks the ones it sends
// as null. Durations are integer nanoseconds, file modes decimal integers.

export type Labels = Record<string, string>

export interface DriverBody {
  Name?: string
  Options?: Record<string, string>
}

export interface NetworkCreateBody {
  Name: string
  Driver: string
  Scope: string
  IPAM: { Driver: string; Options: Record<string, string> | null; Config: { Subnet?: string }[] | null } | null
  Internal: boolean
  Attachable: boolean
  Ingress: boolean
  ConfigOnly: boolean
  ConfigFrom: null
  Options: Record<string, string> | null
  Labels: Labels
}

export interface SecretSpecBody {
  Name: string
  Labels: Labels
  /** base64; filled in by whoever reads the file (never by the compiler) */
  Data?: string
  Driver?: DriverBody
  Templating?: DriverBody
}

export interface ConfigSpecBody {
  Name: string
  Labels: Labels
  Data?: string
  Templating?: DriverBody
}

export interface FileTargetBody {
  Name: string
  UID: string
  GID: string
  Mode: number
}

export interface SecretReferenceBody {
  File: FileTargetBody
  /** "" until resolved against the engine by name (the CLI looks it up after creating secrets) */
  SecretID: string
  SecretName: string
}

export interface ConfigReferenceBody {
  File?: FileTargetBody
  Runtime?: Record<string, never>
  ConfigID: string
  ConfigName: string
}

export interface MountBody {
  Type?: string
  Source?: string
  Target?: string
  ReadOnly?: boolean
  Consistency?: string
  BindOptions?: { Propagation?: string }
  VolumeOptions?: { NoCopy?: boolean; Labels?: Labels; Subpath?: string; DriverConfig?: DriverBody }
  ImageOptions?: { Subpath?: string }
  TmpfsOptions?: { SizeBytes?: number }
  ClusterOptions?: Record<string, never>
}

export interface HealthcheckBody {
  Test?: string[]
  Interval?: number
  Timeout?: number
  StartPeriod?: number
  StartInterval?: number
  Retries?: number
}

export interface CredentialSpecBody {
  Config: string
  File: string
  Registry: string
}

export interface ContainerSpecBody {
  Image?: string
  Labels?: Labels
  Command?: string[]
  Args?: string[]
  Hostname?: string
  Env?: string[]
  Dir?: string
  User?: string
  Privileges: { CredentialSpec: CredentialSpecBody | null; SELinuxContext: null; NoNewPrivileges: boolean }
  Init?: boolean
  StopSignal?: string
  TTY?: boolean
  OpenStdin?: boolean
  ReadOnly?: boolean
  Mounts?: MountBody[]
  StopGracePeriod?: number
  Healthcheck?: HealthcheckBody
  Hosts?: string[]
  DNSConfig?: { Nameservers?: string[]; Search?: string[] }
  Secrets?: SecretReferenceBody[]
  Configs?: ConfigReferenceBody[]
  Isolation?: string
  Sysctls?: Record<string, string>
  CapabilityAdd?: string[]
  CapabilityDrop?: string[]
  Ulimits?: { Name: string; Hard: number; Soft: number }[]
  OomScoreAdj?: number
}

export interface GenericResourceBody {
  DiscreteResourceSpec?: { Kind?: string; Value?: number }
}

export interface ResourcesBody {
  Limits?: { NanoCPUs?: number; MemoryBytes?: number; Pids?: number }
  Reservations?: { NanoCPUs?: number; MemoryBytes?: number; GenericResources?: GenericResourceBody[] }
}

export interface RestartPolicyBody {
  Condition?: string
  Delay?: number
  MaxAttempts?: number
  Window?: number
}

export interface PlacementBody {
  Constraints?: string[]
  Preferences?: { Spread: { SpreadDescriptor: string } }[]
  MaxReplicas?: number
  Platforms?: { Architecture?: string; OS?: string }[]
}

export interface NetworkAttachmentBody {
  Target?: string
  Aliases?: string[]
  DriverOpts?: Record<string, string>
}

export interface UpdateConfigBody {
  Parallelism: number
  Delay?: number
  FailureAction?: string
  Monitor?: number
  MaxFailureRatio: number
  Order: string
}

export interface PortConfigBody {
  Protocol?: string
  TargetPort?: number
  PublishedPort?: number
  PublishMode?: string
}

export interface ServiceModeBody {
  Replicated?: { Replicas?: number }
  Global?: Record<string, never>
  ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number }
  GlobalJob?: Record<string, never>
}

export interface ServiceSpecBody {
  Name: string
  Labels: Labels
  TaskTemplate: {
    ContainerSpec: ContainerSpecBody
    Resources: ResourcesBody
    RestartPolicy?: RestartPolicyBody
    Placement: PlacementBody
    Networks?: NetworkAttachmentBody[]
    LogDriver?: DriverBody
    ForceUpdate: number
  }
  Mode: ServiceModeBody
  UpdateConfig?: UpdateConfigBody
  RollbackConfig?: UpdateConfigBody
  EndpointSpec: { Mode?: string; Ports?: PortConfigBody[] }
}
