import { useEffect, useRef, type ReactNode } from 'react'
import { useComputedColorScheme } from '@mantine/core'
import { basicSetup } from 'codemirror'
import { indentWithTab } from '@codemirror/commands'
import { yaml } from '@codemirror/lang-yaml'
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language'
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint'
import { Compartment, EditorState } from '@codemirror/state'
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view'
import { tags } from '@lezer/highlight'
import { offsetAt, type BufferDiagnostic } from './problem-diagnostics'

interface YamlEditorProps {
  value: string
  onChange: (text: string) => void
  /** main's problems for this buffer, computed for `diagnosticsText` */
  diagnostics: readonly BufferDiagnostic[]
  /** the text the diagnostics belong to; while the buffer differs the old ones follow the edits */
  diagnosticsText: string | null
  readOnly: boolean
  /** move the cursor there (a problem clicked in the list) */
  focus: { line: number; column: number; seq: number } | null
  ariaLabel: string
  placeholder: string
  testId: string
}

// Mantine's colour variables follow the colour scheme, so one style serves light and dark.
const highlight = HighlightStyle.define([
  { tag: tags.definition(tags.propertyName), color: 'var(--mantine-color-blue-text)' },
  { tag: tags.string, color: 'var(--mantine-color-teal-text)' },
  { tag: tags.special(tags.string), color: 'var(--mantine-color-teal-text)' },
  { tag: tags.lineComment, color: 'var(--mantine-color-dimmed)', fontStyle: 'italic' },
  { tag: tags.labelName, color: 'var(--mantine-color-grape-text)' },
  { tag: tags.typeName, color: 'var(--mantine-color-orange-text)' },
  { tag: tags.keyword, color: 'var(--mantine-color-violet-text)' },
  { tag: [tags.meta, tags.separator, tags.punctuation, tags.squareBracket, tags.brace], color: 'var(--mantine-color-dimmed)' }
])

function theme(dark: boolean) {
  return EditorView.theme(
    {
      // grows with the file, then scrolls: short files leave room for the problems below
      '&': { maxHeight: 'min(60vh, 640px)', fontSize: '13px', backgroundColor: 'var(--mantine-color-body)', color: 'var(--mantine-color-text)' },
      '&.cm-focused': { outline: 'none' },
      '.cm-scroller': { fontFamily: 'var(--mantine-font-family-monospace)', overflow: 'auto' },
      '.cm-content, .cm-gutter': { minHeight: '240px' },
      '.cm-content': { caretColor: 'var(--mantine-color-text)' },
      '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--mantine-color-text)' },
      '.cm-gutters': { backgroundColor: 'var(--mantine-color-default-hover)', color: 'var(--mantine-color-dimmed)', borderRight: '1px solid var(--mantine-color-default-border)' },
      '.cm-activeLineGutter': { backgroundColor: 'var(--mantine-color-default-border)' },
      '.cm-activeLine': { backgroundColor: dark ? 'rgba(255,255,255,0.04)' : 'rgba(0,0,0,0.03)' },
      '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': {
        backgroundColor: dark ? 'rgba(99,140,230,0.35)' : 'rgba(34,139,230,0.2)'
      },
      '.cm-tooltip': { backgroundColor: 'var(--mantine-color-body)', border: '1px solid var(--mantine-color-default-border)', color: 'var(--mantine-color-text)' },
      '.cm-diagnostic': { whiteSpace: 'pre-wrap', maxWidth: '520px' },
      '.cm-placeholder': { color: 'var(--mantine-color-dimmed)' }
    },
    { dark }
  )
}

/**
 * A CodeMirror 6 YAML editor whose diagnostics are main's plan problems (set from outside, never
 * computed here). Controlled loosely: typing reports the text, a different `value` from outside
 * (a file loaded) replaces the document.
 */
export function YamlEditor({ value, onChange, diagnostics, diagnosticsText, readOnly, focus, ariaLabel, placeholder, testId }: YamlEditorProps): ReactNode {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const onChangeRef = useRef(onChange)
  const compartments = useRef({ readOnly: new Compartment(), theme: new Compartment() })
  const dark = useComputedColorScheme('light') === 'dark'
  const initial = useRef({ value, readOnly, dark, ariaLabel, placeholder })

  useEffect(() => {
    onChangeRef.current = onChange
  }, [onChange])

  useEffect(() => {
    if (!host.current) return
    const start = initial.current
    const c = compartments.current
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: start.value,
        extensions: [
          basicSetup,
          keymap.of([indentWithTab]),
          yaml(),
          syntaxHighlighting(highlight),
          lintGutter(),
          placeholderText(start.placeholder),
          c.readOnly.of(EditorState.readOnly.of(start.readOnly)),
          c.theme.of(theme(start.dark)),
          EditorView.contentAttributes.of({ 'aria-label': start.ariaLabel, spellcheck: 'false' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString())
          })
        ]
      })
    })
    view.current = editor
    return () => {
      editor.destroy()
      view.current = null
    }
  }, [])

  useEffect(() => {
    const editor = view.current
    if (editor && editor.state.doc.toString() !== value) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } })
  }, [value])

  useEffect(() => {
    view.current?.dispatch({ effects: compartments.current.readOnly.reconfigure(EditorState.readOnly.of(readOnly)) })
  }, [readOnly])

  useEffect(() => {
    view.current?.dispatch({ effects: compartments.current.theme.reconfigure(theme(dark)) })
  }, [dark])

  useEffect(() => {
    const editor = view.current
    if (!editor || diagnosticsText === null || editor.state.doc.toString() !== diagnosticsText) return
    const length = editor.state.doc.length
    const list: Diagnostic[] = diagnostics.map((d) => ({ from: Math.min(d.from, length), to: Math.min(d.to, length), severity: d.severity, message: d.message, source: 'stacks.plan' }))
    editor.dispatch(setDiagnostics(editor.state, list))
  }, [diagnostics, diagnosticsText])

  useEffect(() => {
    const editor = view.current
    if (!editor || !focus) return
    const at = offsetAt(editor.state.doc.toString(), focus.line, focus.column)
    editor.dispatch({ selection: { anchor: at }, scrollIntoView: true })
    editor.focus()
  }, [focus])

  return <div ref={host} data-testid={testId} data-lint-count={diagnostics.length} />
}
