import { useId, useRef, useState, type ChangeEvent } from 'react';
import { shell } from '../lib/messages';

interface Props {
  /** Called with the chosen file (the input is reset so the same file can be chosen again). */
  onFile(file: File): void;
  accept?: string;
  disabled?: boolean;
  /** The button's words (default "Choisir un fichier"). */
  label?: string;
  /** Accessible name of the input, e.g. "Fichier à importer". */
  ariaLabel?: string;
  testId?: string;
}

/**
 * A file button in French: the browser's own button ("Choose file" / "No file chosen") follows the
 * browser's language, so the real input is visually hidden and a styled label opens it. Keyboard and
 * screen readers still reach the input (it is hidden with the .visually-hidden pattern, not display:none).
 */
export function FilePicker({ onFile, accept, disabled, label = shell.chooseFile, ariaLabel, testId }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string | null>(null);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setName(file.name);
    onFile(file);
    e.target.value = '';
  };
  return (
    <span className={`file-picker${disabled ? ' disabled' : ''}`}>
      <input ref={input} id={id} type="file" className="visually-hidden" accept={accept} disabled={disabled} aria-label={ariaLabel ?? label} onChange={onChange} data-testid={testId} />
      <label htmlFor={id} className="file-picker-button" aria-hidden="true">
        {label}
      </label>
      <span className="file-picker-name muted small">{name ?? shell.noFileChosen}</span>
    </span>
  );
}
