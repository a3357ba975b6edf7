import type { ToastAction } from '../state/workspace';
import { shell } from '../lib/messages';

/** The one toast (errors, confirmations), with an optional action button such as "Annuler". */
export function Toast({ message, action, onClose }: { message: string | null; action?: ToastAction | null; onClose(): void }) {
  if (!message) return null;
  return (
    <div className="toast" role="alert" data-testid="toast">
      <span>{message}</span>
      {action && (
        <button className="toast-action" onClick={() => (action.run(), onClose())}>
          {action.label}
        </button>
      )}
      <button className="icon" onClick={onClose} aria-label={shell.close}>×</button>
    </div>
  );
}
