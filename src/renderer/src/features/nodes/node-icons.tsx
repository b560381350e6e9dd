import type { ReactNode } from 'react'
import { Icon, type IconProps } from '../../components/icons'

/** Icons only the Nodes screens use, drawn like components/icons.tsx (inline stroke SVG). */
export const IconDots = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M12 5h.01M12 12h.01M12 19h.01" strokeWidth={3} />
  </Icon>
)
export const IconUndo = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M9 14L4 9l5-5" />
    <path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11" />
  </Icon>
)
export const IconTag = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M3 12V4a1 1 0 0 1 1-1h8l9 9-9 9z" />
    <path d="M7.5 7.5h.01" />
  </Icon>
)
export const IconX = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M6 6l12 12M18 6L6 18" />
  </Icon>
)
export const IconAll = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <rect x="3" y="3" width="7" height="7" rx="1" />
    <rect x="14" y="3" width="7" height="7" rx="1" />
    <rect x="3" y="14" width="7" height="7" rx="1" />
    <rect x="14" y="14" width="7" height="7" rx="1" />
  </Icon>
)
