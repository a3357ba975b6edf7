import { useEffect, useState } from 'react';
import { api, type LayerSummary } from '../../api/client';
import { colorByLayer, deleteLayer, importDone, layersStore, loadLayers, renameLayer, setLayers, toggleLayer, type LayerStat } from './state';
import { handleError } from '../../state/actions';
import { ImportPanel } from './ImportPanel';

const KIND_LABEL: Record<string, string> = { internal: 'interne', external: 'externe', computed: 'calculée', reference: 'référence' };

type Provenance = { fileName?: string; importedAt?: string; sha256?: string; encoding?: string | null; delimiter?: string | null; user?: string; sizeBytes?: number };

/** The workspace's data layers: kind, source, date, rows, owner; show/hide, rename, colour communes by, export, delete. */
export function LayersPanel() {
  const { layers, importOpen, truncated } = layersStore.use((s) => s);
  useEffect(() => void loadLayers(), []);
  if (importOpen) return <ImportPanel onClose={() => setLayers({ importOpen: false })} onImported={importDone} onError={handleError} />;
  return (
    <section className="panel layers" aria-label="Couches de données" data-testid="layers-panel">
      <header>
        <div className="eyebrow">Couches de données</div>
        <button className="toggle" onClick={() => setLayers({ importOpen: true, selected: null })}>
          Importer…
        </button>
      </header>
      {layers?.length === 0 && <p className="muted small">Aucune couche : importez un fichier CSV, XLSX ou GeoJSON.</p>}
      <ul className="layer-list">
        {(layers ?? []).map((l) => (
          <LayerItem key={l.id} layer={l} truncated={truncated[l.id] ?? false} />
        ))}
      </ul>
    </section>
  );
}

function LayerItem({ layer: l, truncated }: { layer: LayerSummary; truncated: boolean }) {
  const prov = l.provenance as Provenance;
  const measures = (l.measures as { name: string; type: string; unit?: string }[]).filter((m) => m.type === 'number');
  const [stat, setStat] = useState<string>('count');
  const [name, setName] = useState(l.name);
  const [description, setDescription] = useState(l.description);
  const [stat0, measure] = stat.split(':') as [LayerStat, string | undefined];
  const exportUrl = api.layers[':id'].aggregate.$url({ param: { id: l.id }, query: { by: 'commune', format: 'csv', ...(measure ? { measure } : {}) } }).toString();
  return (
    <li data-testid="layer-item">
      <label className="layer-row">
        <input type="checkbox" checked={!l.hidden} onChange={() => toggleLayer(l)} aria-label={`Afficher ${l.name}`} />
        <span className="layer-name">{l.name}</span>
        {l.synthetic && (
          <span className="badge synthetic" title="Données fictives de démonstration, générées depuis les populations réelles">
            synthétique
          </span>
        )}
      </label>
      <div className="muted tiny">
        {KIND_LABEL[l.kind] ?? l.kind} · {l.featureCount.toLocaleString('fr-FR')} lignes · {prov.importedAt ? new Date(prov.importedAt).toLocaleDateString('fr-FR') : '—'} · {l.owner}
        {truncated && ' · carte limitée aux 100 000 premiers points'}
      </div>
      <div className="layer-actions small">
        <select value={stat} onChange={(e) => setStat(e.target.value)} aria-label={`Agrégat de ${l.name}`}>
          <option value="count">nombre par commune</option>
          {measures.flatMap((m) => [
            <option key={`s${m.name}`} value={`sum:${m.name}`}>somme de {m.name}</option>,
            <option key={`m${m.name}`} value={`mean:${m.name}`}>moyenne de {m.name}</option>,
          ])}
        </select>
        <button className="link" onClick={() => colorByLayer(l, stat0, measure ?? null)}>
          Colorer les communes
        </button>
        <a className="link" href={exportUrl} download>
          CSV
        </a>
      </div>
      <details className="tiny">
        <summary>Provenance et édition</summary>
        <div>Source : {l.sourceNote || '—'}</div>
        <div>
          Fichier : {prov.fileName ?? '—'}
          {prov.sizeBytes ? ` (${(prov.sizeBytes / 1024).toFixed(0)} Ko)` : ''} · encodage {prov.encoding ?? '—'}
          {prov.delimiter ? ` · séparateur « ${prov.delimiter} »` : ''}
        </div>
        <div title={prov.sha256}>SHA-256 : {prov.sha256?.slice(0, 16) ?? '—'}…</div>
        {l.description && <div>{l.description}</div>}
        <div className="layer-rename">
          <input value={name} onChange={(e) => setName(e.target.value)} aria-label="Nom de la couche" />
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} aria-label="Description de la couche" rows={2} placeholder="description" />
          <button className="link" disabled={!name.trim() || (name === l.name && description === l.description)} onClick={() => renameLayer(l, name.trim(), description)}>
            Enregistrer
          </button>
        </div>
        {/* No confirm(): the delete can be undone from its toast ("Annuler"), and restored through the API for a day. */}
        <button className="link danger" onClick={() => void deleteLayer(l)}>
          Supprimer la couche
        </button>
      </details>
    </li>
  );
}
