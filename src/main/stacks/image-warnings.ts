// An image the registry could not pin to a digest, said once per image with every service that
// uses it (the CLI says it once per service: four identical long warnings for one image).
import { phrase, type Phrase, type PhraseValue } from '../../shared/phrase'

/** Why an image of a service could not be pinned: the registry's error, when it gave one. */
export interface UnresolvedImage {
  image: string
  error: PhraseValue | null
}

export interface ImageWarning {
  image: string
  /** the services that use the image, in the order given, each once */
  services: string[]
  /** the compose key of the first of them (where the plan points) */
  firstKey: string | null
  said: Phrase
}

/** One warning per image, in the order the images first appear, naming every service using it. */
export function groupUnresolvedImages(items: ReadonlyArray<{ service: string; key?: string | null; unresolved: UnresolvedImage }>): ImageWarning[] {
  const byImage = new Map<string, { services: string[]; firstKey: string | null; error: PhraseValue | null }>()
  for (const { service, key = null, unresolved } of items) {
    const group = byImage.get(unresolved.image)
    if (!group) byImage.set(unresolved.image, { services: [service], firstKey: key, error: unresolved.error })
    else {
      if (!group.services.includes(service)) group.services.push(service)
      if (group.error === null) group.error = unresolved.error
    }
  }
  return [...byImage].map(([image, { services, firstKey, error }]) => ({
    image,
    services,
    firstKey,
    said:
      error === null
        ? phrase('stacks.said.problem.imageUnresolved', { image, services: services.join(', ') })
        : phrase('stacks.said.problem.imageUnresolvedBecause', { image, services: services.join(', '), error })
  }))
}
