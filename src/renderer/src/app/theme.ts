import { createTheme } from '@mantine/core'

/** Dense and calm: people read tables here, so small controls and system fonts. */
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '600' },
  components: {
    TextInput: { defaultProps: { size: 'sm' } },
    PasswordInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm' } },
    Autocomplete: { defaultProps: { size: 'sm' } },
    Button: { defaultProps: { size: 'sm' } },
    Badge: { defaultProps: { tt: 'none' } }
  }
})
