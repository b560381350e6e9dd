// The Engine JSON of a stack's live objects, as the planner reads it (API 1.41+). Specs stay
// generic JSON: the planner compares them field by field and must see fields it has no name for.

export type Json = null | boolean | number | string | Json[] | JsonObject
export interface JsonObject {
  [key: string]: Json
}

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A plain JSON copy (drops `undefined`, which Go's omitempty would not send either). */
export function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value ?? null)) as Json
}

export interface LiveVersion {
  Index: number
}

export interface LiveService {
  ID: string
  Version: LiveVersion
  /** the stored spec, read without insertDefaults (what was sent, as the daemon converted it) */
  Spec: JsonObject
  UpdateStatus?: { State?: string; Message?: string } | null
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number; CompletedTasks?: number } | null
}

export interface LiveNetwork {
  Id: string
  Name: string
  Driver?: string
  Scope?: string
  Internal?: boolean
  Attachable?: boolean
  Ingress?: boolean
  Labels?: Record<string, string> | null
  Options?: Record<string, string> | null
  IPAM?: { Driver?: string; Config?: { Subnet?: string }[] | null } | null
}

export interface LiveSecret {
  ID: string
  Version: LiveVersion
  Spec: { Name: string; Labels?: Record<string, string> | null; Driver?: { Name?: string } | null; Templating?: { Name?: string } | null }
}

export interface LiveConfig {
  ID: string
  Version: LiveVersion
  Spec: { Name: string; Labels?: Record<string, string> | null; Data?: string; Templating?: { Name?: string } | null }
}

export interface LiveTask {
  ID: string
  ServiceID: string
  NodeID?: string
  Slot?: number
  DesiredState?: string
  Status?: { State?: string; Message?: string; Err?: string; Timestamp?: string }
}

/** Everything the planner needs to know about the cluster for one stack. */
export interface LiveState {
  /** every service (the stack's carry the namespace label; others matter for name conflicts) */
  services: LiveService[]
  /** every network the manager knows (targets are IDs in service specs; externals are checked by name) */
  networks: LiveNetwork[]
  secrets: LiveSecret[]
  configs: LiveConfig[]
}
