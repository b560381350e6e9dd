import type { ReactNode } from 'react'
import { ActionIcon, Tooltip, useComputedColorScheme, useMantineColorScheme } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { IconMoon, IconSun } from '../components/icons'

export function ThemeToggle(): ReactNode {
  const { t } = useTranslation()
  const { setColorScheme } = useMantineColorScheme()
  const computed = useComputedColorScheme('light')
  const label = computed === 'dark' ? t('app.lightMode') : t('app.darkMode')
  return (
    <Tooltip label={label}>
      <ActionIcon variant="default" size="md" onClick={() => setColorScheme(computed === 'dark' ? 'light' : 'dark')} aria-label={label} data-testid="theme-toggle">
        {computed === 'dark' ? <IconSun /> : <IconMoon />}
      </ActionIcon>
    </Tooltip>
  )
}
