/**
 * The parts of the Engine API's JSON that the mirror reads (API 1.41+). Everything optional:
 * older engines omit fields, and a missing field must never crash the normaliser.
 */
type Labels = Record<string, string> | null | undefined

export interface EngineVersion {
  Index?: number
}

/** Swarm.TLSInfo and each node's Description.TLSInfo: the trust root and the issuer of the certificate. */
export interface EngineTlsInfo {
  /** the root CA certificate, PEM */
  TrustRoot?: string
  /** base64 of the issuer's subject, DER */
  CertIssuerSubject?: string
  /** base64 of the issuer's public key, DER (SubjectPublicKeyInfo) */
  CertIssuerPublicKey?: string
}

/** The swarm spec as `GET /swarm` gives it and `POST /swarm/update` takes it back (fields we do not read are kept as they came). */
export interface EngineSwarmSpec {
  Name?: string
  Labels?: Record<string, string> | null
  Orchestration?: { TaskHistoryRetentionLimit?: number | null } | null
  Raft?: { SnapshotInterval?: number; KeepOldSnapshots?: number; LogEntriesForSlowFollowers?: number; ElectionTick?: number; HeartbeatTick?: number } | null
  Dispatcher?: { HeartbeatPeriod?: number } | null
  CAConfig?: { NodeCertExpiry?: number; ExternalCAs?: unknown[] | null; SigningCACert?: string; SigningCAKey?: string; ForceRotate?: number } | null
  EncryptionConfig?: { AutoLockManagers?: boolean } | null
  TaskDefaults?: unknown
  [field: string]: unknown
}

/** GET /swarm (managers only). */
export interface EngineSwarm {
  ID?: string
  Version?: EngineVersion
  CreatedAt?: string
  UpdatedAt?: string
  Spec?: EngineSwarmSpec
  TLSInfo?: EngineTlsInfo
  RootRotationInProgress?: boolean
  JoinTokens?: { Worker?: string; Manager?: string }
  DataPathPort?: number
}

/** The query flags of POST /swarm/update. */
export interface SwarmUpdateFlags {
  rotateWorkerToken?: boolean
  rotateManagerToken?: boolean
  rotateManagerUnlockKey?: boolean
}

export interface EngineNode {
  ID?: string
  Version?: EngineVersion
  CreatedAt?: string
  UpdatedAt?: string
  Spec?: { Role?: string; Availability?: string; Labels?: Labels; Name?: string }
  Description?: {
    Hostname?: string
    Platform?: { Architecture?: string; OS?: string }
    Resources?: { NanoCPUs?: number; MemoryBytes?: number }
    Engine?: { EngineVersion?: string; Labels?: Labels }
    /** the node's certificate: who issued it (base64 DER) and the root it trusts (PEM) */
    TLSInfo?: EngineTlsInfo
  }
  Status?: { State?: string; Message?: string; Addr?: string }
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string } | null
}

export interface EnginePortConfig {
  Protocol?: string
  TargetPort?: number
  PublishedPort?: number
  PublishMode?: string
}

/** A secret or config reference (SecretID/SecretName or ConfigID/ConfigName; File or Runtime target). */
export interface EngineObjectReference {
  SecretID?: string
  SecretName?: string
  ConfigID?: string
  ConfigName?: string
  File?: { Name?: string; UID?: string; GID?: string; Mode?: number } | null
  Runtime?: Record<string, never> | null
}

export interface EngineMount {
  Type?: string
  Source?: string
  Target?: string
  ReadOnly?: boolean
  VolumeOptions?: { DriverConfig?: { Name?: string } | null } | null
}

export interface EngineService {
  ID?: string
  Version?: EngineVersion
  CreatedAt?: string
  UpdatedAt?: string
  Spec?: {
    Name?: string
    Labels?: Labels
    TaskTemplate?: {
      ContainerSpec?: {
        Image?: string
        Secrets?: EngineObjectReference[] | null
        Configs?: EngineObjectReference[] | null
        Mounts?: EngineMount[] | null
      }
      Networks?: { Target?: string; Aliases?: string[] | null }[] | null
      Placement?: {
        Constraints?: string[] | null
        Preferences?: { Spread?: { SpreadDescriptor?: string } }[] | null
        MaxReplicas?: number
        Platforms?: { Architecture?: string; OS?: string }[] | null
      }
      Resources?: {
        Limits?: { NanoCPUs?: number; MemoryBytes?: number }
        Reservations?: { NanoCPUs?: number; MemoryBytes?: number }
      }
    }
    Mode?: {
      Replicated?: { Replicas?: number }
      Global?: Record<string, never>
      ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number }
      GlobalJob?: Record<string, never>
    }
    EndpointSpec?: { Ports?: EnginePortConfig[] | null }
    /** Deprecated place for TaskTemplate.Networks, still filled by old clients. */
    Networks?: { Target?: string; Aliases?: string[] | null }[] | null
    UpdateConfig?: { Parallelism?: number; Delay?: number; FailureAction?: string; Monitor?: number; MaxFailureRatio?: number; Order?: string } | null
  }
  Endpoint?: { Ports?: EnginePortConfig[] | null }
  UpdateStatus?: { State?: string; StartedAt?: string; CompletedAt?: string; Message?: string }
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number; CompletedTasks?: number }
  PreviousSpec?: { TaskTemplate?: { ContainerSpec?: { Image?: string } } } | null
}

export interface EngineTask {
  ID?: string
  Version?: EngineVersion
  CreatedAt?: string
  UpdatedAt?: string
  ServiceID?: string
  Slot?: number
  NodeID?: string
  DesiredState?: string
  Spec?: { ContainerSpec?: { Image?: string; Secrets?: EngineObjectReference[] | null; Configs?: EngineObjectReference[] | null } }
  Status?: {
    Timestamp?: string
    State?: string
    Message?: string
    Err?: string
    ContainerStatus?: { ContainerID?: string; ExitCode?: number }
  }
}

export interface EngineSecretOrConfig {
  ID?: string
  Version?: EngineVersion
  CreatedAt?: string
  UpdatedAt?: string
  Spec?: { Name?: string; Labels?: Labels }
}

export interface EngineNetwork {
  Id?: string
  Name?: string
  Created?: string
  Driver?: string
  Scope?: string
  Attachable?: boolean
  Ingress?: boolean
  Internal?: boolean
  IPAM?: { Config?: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null }
  Labels?: Labels
  Options?: Labels | null
  /** GET /networks/{id} only: the containers attached on this engine, by container ID */
  Containers?: Record<string, { Name?: string; IPv4Address?: string }> | null
}

export interface EngineInfo {
  ID?: string
  Name?: string
  ServerVersion?: string
  OperatingSystem?: string
  /** where the engine keeps images, containers and volumes (metrics: the disk of this path) */
  DockerRootDir?: string
  Swarm?: {
    NodeID?: string
    NodeAddr?: string
    LocalNodeState?: string
    ControlAvailable?: boolean
    Error?: string
    RemoteManagers?: { NodeID?: string; Addr?: string }[] | null
    Nodes?: number
    Managers?: number
    Cluster?: {
      ID?: string
      CreatedAt?: string
      Spec?: {
        Orchestration?: { TaskHistoryRetentionLimit?: number }
        CAConfig?: { NodeCertExpiry?: number }
        EncryptionConfig?: { AutoLockManagers?: boolean }
      }
      DefaultAddrPool?: string[] | null
      DataPathPort?: number
      TLSInfo?: EngineTlsInfo
      RootRotationInProgress?: boolean
    }
  }
}

export interface EngineEvent {
  Type?: string
  Action?: string
  Actor?: { ID?: string; Attributes?: Record<string, string> }
  scope?: string
  time?: number
  timeNano?: number
}

/** GET /containers/{id}/json, the parts node access reads. */
export interface EngineContainer {
  Id?: string
  State?: { Running?: boolean; Status?: string; Pid?: number }
  NetworkSettings?: { Networks?: Record<string, { IPAddress?: string; NetworkID?: string }> | null }
}

export interface EngineCpuStats {
  cpu_usage?: { total_usage?: number }
  system_cpu_usage?: number
  online_cpus?: number
}

/** GET /containers/{id}/stats?stream=false (cgroup counters, as the engine reports them). */
export interface EngineContainerStats {
  read?: string
  cpu_stats?: EngineCpuStats
  precpu_stats?: EngineCpuStats
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> }
}

/** POST /containers/{id}/exec */
export interface ExecCreateBody {
  Cmd: string[]
  Tty: boolean
  AttachStdin: boolean
  AttachStdout: boolean
  AttachStderr: boolean
  Env?: string[]
  User?: string
  WorkingDir?: string
}
