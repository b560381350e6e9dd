import type { ReactNode } from 'react'
import { Icon, type IconProps } from '../../components/icons'

/** Three nodes joined by one network. */
export const IconNetwork = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <rect x="9" y="2" width="6" height="5" rx="1" />
    <rect x="2" y="17" width="6" height="5" rx="1" />
    <rect x="16" y="17" width="6" height="5" rx="1" />
    <path d="M12 7v5M5 17v-5h14v5" />
  </Icon>
)
