import { M } from '../../lib/messages/zones';
import { rgb, shownZones } from './colors';
import { zonesStore } from './slice';

/** Legend block of the zones drawn on the map (outline colour → zone name), also drawn on the PNG export. */
export function Legend() {
  const state = zonesStore.use((s) => s);
  const zones = shownZones(state);
  if (!zones.length) return null;
  return (
    <div className="zone-legend small" data-testid="zone-legend">
      <div className="legend-title">{M.png.legendZones}</div>
      <ul>
        {zones.map((z) => (
          <li key={z.id}><span className="swatch outline" style={{ borderColor: rgb(z.color) }} /> {z.name}</li>
        ))}
      </ul>
    </div>
  );
}
