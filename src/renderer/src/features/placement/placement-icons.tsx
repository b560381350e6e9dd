import type { ReactNode } from 'react'
import { Icon, type IconProps } from '../../components/icons'

/** Icons only the Placement screens (and their nav entry) use, drawn like components/icons.tsx. */

/** A grid with some cells taken: tasks placed on nodes. */
export const IconPlacement = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <rect x="3" y="3" width="18" height="18" rx="2" />
    <path d="M3 9h18M3 15h18M9 3v18M15 3v18" />
    <path d="M5.5 11.5h1M11.5 17.5h1M17.5 5.5h1" strokeWidth={3} />
  </Icon>
)
export const IconYes = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M5 12l5 5L20 7" />
  </Icon>
)
export const IconNo = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M6 6l12 12M18 6L6 18" />
  </Icon>
)
export const IconFlask = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M9 3h6M10 3v6L4.5 18.5A1.7 1.7 0 0 0 6 21h12a1.7 1.7 0 0 0 1.5-2.5L14 9V3" />
    <path d="M7 15h10" />
  </Icon>
)
export const IconArrowRight = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M5 12h14M13 6l6 6-6 6" />
  </Icon>
)
