import { useEffect } from 'react';
import { HEALTH_CATEGORY_COLORS } from './layers';
import { selectIndicator } from '../../state/actions';
import { healthStore, showHospitals, showPmsiZones } from './state';
import { loadFlowDatasets } from './zones-state';
import { workspace } from '../../state/workspace';
import { ActorSheet } from './ActorSheet';
import { FlowImport } from './FlowImport';
import { fmt } from './format';
import { ZoneIndicators } from './ZoneIndicators';

/** Commune indicators of the health feature (BPE 2017), shown as the map's choropleth. */
const HEALTH_INDICATORS: [string, string][] = [
  ['health_gp_per_10k', 'médecins généralistes / 10 000 hab.'],
  ['health_maternity_count', 'maternités'],
];

/** Hospital sites layer toggle with its legend, and the actor sheet of the clicked site. */
export function HealthPanel() {
  const visible = healthStore.use((s) => s.visible);
  const count = healthStore.use((s) => s.actors?.length ?? null);
  const selected = healthStore.use((s) => s.selected);
  const zonesShown = healthStore.use((s) => s.zones !== null);
  const zonesTruncated = healthStore.use((s) => s.zones?.truncated ?? false);
  const indicatorId = workspace.use((s) => s.indicatorId);
  useEffect(() => {
    if (new URLSearchParams(location.hash.slice(1)).get('hospitals') === '1') void showHospitals(true);
    void loadFlowDatasets();
  }, []);
  return (
    <>
      <section className="panel tool" aria-label="Établissements de santé" data-testid="health-panel">
        <label className="row" style={{ display: 'flex', gap: 6 }}>
          <input type="checkbox" checked={visible} onChange={(e) => void showHospitals(e.target.checked)} data-testid="health-toggle" />
          <span>Établissements de santé (FINESS){count !== null ? ` · ${fmt(count)} sites` : ''}</span>
        </label>
        <label className="row" style={{ display: 'flex', gap: 6 }}>
          <input type="checkbox" checked={zonesShown} onChange={(e) => void showPmsiZones(e.target.checked)} data-testid="health-zones-toggle" />
          <span>Codes géographiques PMSI (ATIH 2017) de la vue{zonesTruncated ? ' — tronqué, zoomez' : ''}</span>
        </label>
        {visible && (
          <ul className="legend-list small">
            {HEALTH_CATEGORY_COLORS.map(([label, [r, g, b]]) => (
              <li key={label}><span className="swatch" style={{ background: `rgb(${r},${g},${b})`, display: 'inline-block', width: 10, height: 10, borderRadius: 5, marginRight: 6 }} />{label}</li>
            ))}
            <li className="muted">Taille : séjours MCO 2024 ; cerclé blanc : privé. Cliquez un site pour sa fiche.</li>
          </ul>
        )}
        <p className="small health-indicators">
          Par commune :{' '}
          {HEALTH_INDICATORS.map(([id, label], i) => (
            <span key={id}>{i > 0 && ' · '}<button className={`link plain${indicatorId === id ? ' active' : ''}`} onClick={() => selectIndicator(id)}>{label}</button></span>
          ))}
        </p>
        <details className="health-details">
          <summary>Indicateurs de zone : parts de marché, fuite, autarcie</summary>
          <ZoneIndicators />
        </details>
        <details className="health-details">
          <summary>Importer des flux « origine des patients »</summary>
          <FlowImport />
        </details>
      </section>
      {selected && <ActorSheet />}
    </>
  );
}
