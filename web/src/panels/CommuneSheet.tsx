import type { CommuneSheetData } from '../api/client';

const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? '—' : n.toLocaleString('fr-FR', { maximumFractionDigits: digits }));

/** The commune sheet shown on click or search. */
export function CommuneSheet({ sheet, replacedFrom, onClose }: { sheet: CommuneSheetData; replacedFrom: string | null; onClose(): void }) {
  const rows: [string, string][] = [
    ['Code INSEE', sheet.code],
    ['Département', `${sheet.departement.name} (${sheet.departement.code})`],
    ['Région', sheet.region.name],
    ['EPCI', sheet.epci ? `${sheet.epci.name}` : '—'],
    ['Population', `${fmt(sheet.populationCount)} hab.`],
    ['Superficie', sheet.areaKm2 === null ? '—' : `${fmt(sheet.areaKm2, 1)} km²`],
    ['Densité', sheet.densityPerKm2 === null ? '—' : `${fmt(sheet.densityPerKm2, 1)} hab./km²`],
    ['Codes postaux', sheet.postcodes.join(', ') || '—'],
  ];
  return (
    <section className="panel sheet" aria-label={`Fiche commune ${sheet.name}`} data-testid="commune-sheet">
      <header>
        <div>
          <div className="eyebrow">Commune</div>
          <h2>{sheet.name}</h2>
        </div>
        <button className="icon" onClick={onClose} aria-label="Fermer la fiche">×</button>
      </header>
      {replacedFrom && <p className="notice">Le code {replacedFrom} n'existe plus : il a été remplacé par {sheet.code} ({sheet.name}).</p>}
      <dl>
        {rows.map(([k, v]) => (
          <div key={k} className="row">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {sheet.formerCodes.length > 0 && (
        <p className="muted small">Anciennes communes : {sheet.formerCodes.map((f) => `${f.name} (${f.code})`).join(', ')}</p>
      )}
      {sheet.geometryNote && <p className="notice small">{sheet.geometryNote}</p>}
      <p className="muted small">Sources : INSEE COG 2026, populations légales 2023 ; contours IGN Admin Express 2018.</p>
    </section>
  );
}
