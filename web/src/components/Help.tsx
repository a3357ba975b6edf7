import { help } from '../lib/messages';
import { closeHelp } from '../state/actions';
import { workspace } from '../state/workspace';

/**
 * The first-visit help (shown once per browser, reopened with "?"): what Maillage is and three things to try.
 * It opens at the top of the panel column (the bottom sheet on a phone), not over the map, so the map stays
 * usable while it is read.
 */
export function Help() {
  const open = workspace.use((s) => s.ui.helpOpen);
  if (!open) return null;
  return (
    <section className="panel help" role="dialog" aria-labelledby="help-title" data-testid="help">
      <header>
        <h2 id="help-title">{help.title}</h2>
        <button className="icon" onClick={closeHelp} aria-label={help.close}>
          ×
        </button>
      </header>
      <p className="small">{help.intro}</p>
      <div className="eyebrow">{help.tryTitle}</div>
      <ol className="help-steps">
        {help.steps.map((s) => (
          <li key={s.title}>
            <strong>{s.title}</strong>
            <span className="small">{s.text}</span>
          </li>
        ))}
      </ol>
      <p className="muted tiny">
        {help.privacy} {help.reopen}
      </p>
      <button className="primary" onClick={closeHelp}>
        {help.dismiss}
      </button>
    </section>
  );
}
