import { randomUUID } from 'node:crypto'
import type { ClusterState, ConnectionProfile } from '../../shared/connections'
import { phrase } from '../../shared/phrase'
import { refusal } from '../i18n/words'
import { ClusterSession, type SessionDeps } from './cluster-session'

/** The open clusters (several at once), keyed by a per-run cluster id. */
export class ClusterRegistry {
  private readonly sessions = new Map<string, ClusterSession>()

  constructor(private readonly deps: SessionDeps) {}

  list(): ClusterState[] {
    return [...this.sessions.values()].map((session) => session.state)
  }

  get(clusterId: string): ClusterSession {
    const session = this.sessions.get(clusterId)
    if (!session) throw refusal('NOT_FOUND', phrase('clusters.said.not-open', { id: clusterId }))
    return session
  }

  /** Opening a profile that is already open returns the open one instead of a second link. */
  async open(profile: ConnectionProfile): Promise<ClusterState> {
    for (const session of this.sessions.values()) if (session.profile.id === profile.id) return session.state
    const session = new ClusterSession(randomUUID(), profile, this.deps)
    this.sessions.set(session.clusterId, session)
    try {
      await session.open()
    } catch (error) {
      this.sessions.delete(session.clusterId)
      throw error
    }
    return session.state
  }

  close(clusterId: string): boolean {
    const session = this.sessions.get(clusterId)
    if (!session) return false
    this.sessions.delete(clusterId)
    session.close()
    return true
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id)
  }
}
