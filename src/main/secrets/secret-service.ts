// The secrets and configs procedures: the stored objects (lists with consumers, config content,
// create, remove: secret-objects.ts) and the rotation engine (plan, rotate, journal, resume, roll
// back: secret-rotations.ts), sharing one value HMAC key.
import { createRotations, type RotationsDeps } from './secret-rotations'
import { createStoredObjects } from './secret-objects'
import { ValueHmac } from './secret-values'

export type SecretServiceDeps = RotationsDeps

export function createSecretService(deps: SecretServiceDeps) {
  const hmac = new ValueHmac(deps.dataDir)
  return {
    ...createStoredObjects(deps.registry, hmac),
    ...createRotations(deps, hmac),
    /** a secret created by a stack deploy: its value's fingerprint, so a rotation can tell a same value */
    rememberValue: (secretId: string, value: Buffer) => hmac.remember(secretId, value)
  }
}

export type SecretService = ReturnType<typeof createSecretService>
