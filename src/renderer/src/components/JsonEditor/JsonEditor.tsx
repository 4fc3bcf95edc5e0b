import { json, jsonParseLinter } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';
import CodeMirror from '@uiw/react-codemirror';
import { useDarkScheme } from './use-dark';
import './JsonEditor.css';

// Built once: the editor keeps its extensions across renders.
const EXTENSIONS = [json(), linter(jsonParseLinter(), { delay: 300 }), lintGutter()];

/** A JSON text field with highlighting and live syntax checking (CodeMirror 6). */
export function JsonEditor({
  value,
  onChange,
  label,
  invalid,
  height = '110px',
  testId,
}: {
  value: string;
  onChange(text: string): void;
  label: string;
  invalid?: boolean;
  height?: string;
  testId?: string;
}): React.JSX.Element {
  const dark = useDarkScheme();
  return (
    <div className={`json-editor${invalid ? ' invalid' : ''}`} data-testid={testId}>
      <CodeMirror
        value={value}
        height={height}
        theme={dark ? 'dark' : 'light'}
        extensions={EXTENSIONS}
        onChange={onChange}
        aria-label={label}
        basicSetup={{ foldGutter: false, highlightActiveLine: false }}
      />
    </div>
  );
}
