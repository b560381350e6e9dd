import type { ReactNode } from 'react'
import { Badge, Group, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { PlanProblem } from '../../../../shared/stacks'
import { baseName, fileIndexOf, fixWords, problemWords } from './problem-diagnostics'
import classes from './stacks.module.css'

interface ProblemListProps {
  problems: readonly PlanProblem[]
  /** the plan's files (main's resolved paths), to tell which buffer a problem is in */
  files: readonly string[]
  /** go to the problem in the editor; absent when there is no editor */
  onSelect?: (problem: PlanProblem, fileIndex: number) => void
  testId?: string
}

/** Main's problems: a translated title per code, main's phrase as details (in the user's language), the fix, the place. */
export function ProblemList({ problems, files, onSelect, testId = 'stack-problems' }: ProblemListProps): ReactNode {
  const { t } = useTranslation()
  if (problems.length === 0) return null
  const errors = problems.filter((p) => p.severity === 'error').length
  return (
    <Stack gap={4} data-testid={testId} data-errors={errors} data-warnings={problems.length - errors}>
      <Text size="sm" fw={600}>
        {t('stacks.problems.title', { errors, warnings: problems.length - errors })}
      </Text>
      {problems.map((p, i) => {
        const fileIndex = fileIndexOf(p, files)
        const fix = fixWords(t, p)
        const clickable = Boolean(onSelect && p.location && fileIndex !== null)
        const select = (): void => {
          if (clickable && onSelect && fileIndex !== null) onSelect(p, fileIndex)
        }
        return (
          <div
            key={`${i}:${p.code}:${p.message}`}
            className={classes.problem}
            data-clickable={clickable}
            role={clickable ? 'button' : undefined}
            tabIndex={clickable ? 0 : undefined}
            onClick={select}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault()
                select()
              }
            }}
            data-testid="stack-problem"
            data-severity={p.severity}
            data-code={p.code}
            data-line={p.location?.line}
            data-column={p.location?.column}
            data-file-index={fileIndex ?? undefined}
          >
            <Group gap={6} wrap="nowrap" align="flex-start">
              <Badge size="xs" color={p.severity === 'error' ? 'red' : 'yellow'} variant="filled" radius="sm" style={{ flexShrink: 0, marginTop: 2 }}>
                {t(`stacks.problems.severity.${p.severity}`)}
              </Badge>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm">
                  {p.location ? (
                    <Text span size="sm" ff="monospace" c="dimmed" mr={6} data-testid="stack-problem-place">
                      {t('stacks.problems.place', { file: baseName(p.location.file), line: p.location.line, column: p.location.column })}
                    </Text>
                  ) : null}
                  <Text span size="sm" fw={500}>
                    {t(`stacks.problems.code.${p.code}`)}
                  </Text>
                  {p.subject ? (
                    <Text span size="sm" ff="monospace" c="dimmed" ml={6}>
                      {p.subject}
                    </Text>
                  ) : null}
                </Text>
                <Text size="xs" style={{ wordBreak: 'break-word' }} data-testid="stack-problem-message">
                  {problemWords(t, p)}
                </Text>
                {fix ? (
                  <Text size="xs" c="teal" style={{ wordBreak: 'break-word' }} data-testid="stack-problem-fix">
                    {t('stacks.problems.fix', { fix })}
                  </Text>
                ) : null}
              </Stack>
            </Group>
          </div>
        )
      })}
    </Stack>
  )
}
