import type { ReactNode, SVGProps } from 'react'

/** A handful of stroke icons, inline so the renderer loads nothing remote and needs no icon package. */
export type IconProps = SVGProps<SVGSVGElement> & { size?: number }

/** The frame every icon shares; feature folders draw their own icons inside it. */
export function Icon({ size = 16, children, ...rest }: IconProps & { children: ReactNode }): ReactNode {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      {...rest}
    >
      {children}
    </svg>
  )
}

export const IconCopy = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <rect x="9" y="9" width="12" height="12" rx="2" />
    <path d="M5 15V5a2 2 0 0 1 2-2h10" />
  </Icon>
)
export const IconCheck = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M5 12l5 5L20 7" />
  </Icon>
)
export const IconStar = (p: IconProps): ReactNode => (
  <Icon {...p} fill="currentColor" strokeWidth={1}>
    <path d="M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z" />
  </Icon>
)
export const IconSun = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="4" />
    <path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4" />
  </Icon>
)
export const IconMoon = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z" />
  </Icon>
)
export const IconPlus = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M12 5v14M5 12h14" />
  </Icon>
)
export const IconArrowUp = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M12 19V5M6 11l6-6 6 6" />
  </Icon>
)
export const IconArrowDown = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M12 5v14M6 13l6 6 6-6" />
  </Icon>
)
export const IconTrash = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3" />
  </Icon>
)
export const IconAlert = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M12 3l10 18H2z" />
    <path d="M12 10v4M12 17.5v.5" />
  </Icon>
)
export const IconInfo = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 11v6M12 7.5v.5" />
  </Icon>
)
export const IconTerminal = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M4 17l6-5-6-5M12 19h8" />
  </Icon>
)
export const IconLayers = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M12 3l9 5-9 5-9-5z" />
    <path d="M3 13l9 5 9-5" />
  </Icon>
)
export const IconServer = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <rect x="3" y="4" width="18" height="7" rx="1.5" />
    <rect x="3" y="13" width="18" height="7" rx="1.5" />
    <path d="M7 7.5h.01M7 16.5h.01" />
  </Icon>
)
export const IconBoxes = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <rect x="3" y="3" width="8" height="8" rx="1" />
    <rect x="13" y="3" width="8" height="8" rx="1" />
    <rect x="3" y="13" width="8" height="8" rx="1" />
    <rect x="13" y="13" width="8" height="8" rx="1" />
  </Icon>
)
export const IconPlug = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M9 2v6M15 2v6M6 8h12v4a6 6 0 0 1-12 0zM12 18v4" />
  </Icon>
)
export const IconGauge = (p: IconProps): ReactNode => (
  <Icon {...p}>
    <path d="M4 18a9 9 0 1 1 16 0" />
    <path d="M12 14l4-5" />
  </Icon>
)
