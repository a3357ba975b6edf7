import { M, REFERENCE_LABELS } from '../../lib/messages/zones';
import { setReference } from './actions';
import { zonesStore } from './slice';
import type { ReferenceLevel } from './types';

/** The reference a profile or a comparison is indexed against (département, région, France): one choice for both. */
export function ReferencePicker() {
  const reference = zonesStore.use((s) => s.reference);
  return (
    <div className="segmented" role="radiogroup" aria-label={M.profile.reference}>
      {(Object.keys(REFERENCE_LABELS) as ReferenceLevel[]).map((level) => (
        <button key={level} role="radio" aria-checked={reference === level} className={reference === level ? 'on' : ''} onClick={() => setReference(level)}>
          {REFERENCE_LABELS[level]}
        </button>
      ))}
    </div>
  );
}
