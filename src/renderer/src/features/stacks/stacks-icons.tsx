import type { ReactNode } from 'react'
import { Icon, type IconProps } from '../../components/icons'

/** Icons only the Stacks screens (and their nav entry) use, in the shared icon frame. */

/** Three stacked sheets: a compose file's services deployed together. */
export const IconStacks = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <rect x="4" y="3" width="16" height="5" rx="1" />
    <rect x="4" y="10" width="16" height="5" rx="1" />
    <rect x="4" y="17" width="16" height="4" rx="1" />
  </Icon>
)
export const IconArrowLeft = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M19 12H5M11 6l-6 6 6 6" />
  </Icon>
)
export const IconFile = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />
    <path d="M14 3v5h5" />
  </Icon>
)
export const IconRocket = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M5 15c-1.5 1-2 4-2 6 2 0 5-.5 6-2" />
    <path d="M9 18l-3-3c1-4 4-10 13-12-2 9-8 12-12 13" />
    <circle cx="15" cy="9" r="1.5" />
  </Icon>
)
export const IconX = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M6 6l12 12M18 6L6 18" />
  </Icon>
)
export const IconDot = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="4" />
  </Icon>
)
