import type { ReactNode } from 'react'
import { useState } from 'react'
import { Button, Menu } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { IconCheck } from '../components/icons'
import { chooseLanguage, storedLanguage, supportedLanguages } from '../i18n'

/** Each language is offered in its own words, so someone lost in the wrong one still finds theirs. */
const languageNames: Record<string, string> = { en: 'English', fr: 'Français' }

/** Header control: follow the OS language (the default) or pin one; the choice is kept across runs. */
export function LanguageSwitch(): ReactNode {
  const { t, i18n } = useTranslation()
  const [pinned, setPinned] = useState<string | null>(storedLanguage)
  const current = i18n.resolvedLanguage ?? 'en'
  const pick = (language: string | null): void => {
    chooseLanguage(language)
    setPinned(language)
  }
  const check = (selected: boolean): ReactNode => (selected ? <IconCheck /> : <span style={{ width: 16, display: 'inline-block' }} />)
  return (
    <Menu position="bottom-end" shadow="md" withinPortal width={240}>
      <Menu.Target>
        <Button variant="default" size="compact-sm" aria-label={t('app.language.label')} data-testid="language-switch" title={t('app.language.label')}>
          {current.toUpperCase()}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('app.language.label')}</Menu.Label>
        <Menu.Item leftSection={check(pinned === null)} onClick={() => pick(null)} data-testid="language-option-system">
          {t('app.language.system')}
        </Menu.Item>
        {supportedLanguages.map((language) => (
          <Menu.Item key={language} lang={language} leftSection={check(pinned === language)} onClick={() => pick(language)} data-testid={`language-option-${language}`}>
            {languageNames[language] ?? language}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
