import { LOCATED_VIA_LABEL, PRECISION_LABEL } from './import-labels';
import { MAP_MESSAGES, POINT_FIELD_LABELS, fieldLabel } from '../../lib/messages/map';
import { POINT_OTHER_COLOR, POINT_PALETTE, type Rgb } from '../../lib/palette';
import { defineSlice } from '../../state/workspace';

/**
 * How a data layer's points are drawn: the field they are coloured by and the values hidden (a legend entry
 * clicked off). Pure helpers + a small store; the legend writes it, customers.ts reads it. No deck.gl here.
 */
export interface PointStyle {
  /** 'category' | 'precision' | 'locatedVia' | 'departement' | 'm:<measure name>' (a category measure). */
  field: string;
  hidden: string[];
}
export const DEFAULT_POINT_STYLE: PointStyle = { field: 'category', hidden: [] };

export interface PointStyleState { byLayer: Record<string, PointStyle> }
export const pointStyleStore = defineSlice('pointStyle', { byLayer: {} });
export const pointStyleOf = (layerId: string): PointStyle => pointStyleStore.get().byLayer[layerId] ?? DEFAULT_POINT_STYLE;

function setStyle(layerId: string, style: PointStyle) {
  pointStyleStore.set((s) => ({ byLayer: { ...s.byLayer, [layerId]: style } }));
}
export const setPointField = (layerId: string, field: string) => setStyle(layerId, { field, hidden: [] });
export function togglePointValue(layerId: string, value: string) {
  const style = pointStyleOf(layerId);
  const hidden = style.hidden.includes(value) ? style.hidden.filter((v) => v !== value) : [...style.hidden, value];
  setStyle(layerId, { ...style, hidden });
}

/** What a point carries (a layer feature), as far as styling goes. */
export interface StylablePoint {
  category?: string | null;
  precision?: string | null;
  locatedVia?: string | null;
  communeCode?: string | null;
  measures?: unknown;
}
interface MeasureDef {
  name: string;
  type: string;
  unit?: string;
}

/** Fields a layer's points can be coloured by: category, the layer's category measures, how they were located, département. */
export function pointFields(measures: readonly MeasureDef[]): { id: string; label: string }[] {
  return [
    { id: 'category', label: POINT_FIELD_LABELS.category },
    ...measures.filter((m) => m.type === 'category').map((m) => ({ id: `m:${m.name}`, label: fieldLabel(m.name) })),
    { id: 'departement', label: POINT_FIELD_LABELS.departement },
    { id: 'precision', label: POINT_FIELD_LABELS.precision },
    { id: 'locatedVia', label: POINT_FIELD_LABELS.locatedVia },
  ];
}

/** The point's value for a field, as a string ('' when it has none). */
export function pointValue(f: StylablePoint, field: string): string {
  if (field.startsWith('m:')) {
    const v = ((f.measures ?? {}) as Record<string, unknown>)[field.slice(2)];
    return v === null || v === undefined ? '' : String(v);
  }
  if (field === 'departement') {
    const code = f.communeCode ?? '';
    return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
  }
  const v = f[field as 'category' | 'precision' | 'locatedVia'];
  return v ?? '';
}

export function valueLabel(field: string, value: string): string {
  if (!value) return MAP_MESSAGES.noValue;
  if (field === 'precision') return PRECISION_LABEL[value] ?? value;
  if (field === 'locatedVia') return LOCATED_VIA_LABEL[value] ?? value;
  return value;
}

export interface PointCategory {
  value: string;
  label: string;
  count: number;
  color: Rgb;
}

/** Values of a field over a layer's points, most frequent first; the first ones get the palette, the rest "autres" grey. */
export function pointCategories(features: readonly StylablePoint[], field: string): PointCategory[] {
  const counts = new Map<string, number>();
  for (const f of features) {
    const v = pointValue(f, field);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'))
    .map(([value, count], i) => ({ value, label: valueLabel(field, value), count, color: POINT_PALETTE[i] ?? POINT_OTHER_COLOR }));
}

/** Cached per (features array, field): 100k points are classified once, not at every redraw. */
const cache = new WeakMap<readonly StylablePoint[], Map<string, { categories: PointCategory[]; colorOf: Map<string, Rgb> }>>();
export function categoriesOf(features: readonly StylablePoint[], field: string) {
  let byField = cache.get(features);
  if (!byField) cache.set(features, (byField = new Map()));
  let entry = byField.get(field);
  if (!entry) {
    const categories = pointCategories(features, field);
    entry = { categories, colorOf: new Map(categories.map((c) => [c.value, c.color])) };
    byField.set(field, entry);
  }
  return entry;
}

/** The points still shown once the hidden values are taken out (the same array when nothing is hidden). */
const filtered = new WeakMap<readonly StylablePoint[], { key: string; points: readonly StylablePoint[] }>();
export function visiblePoints<T extends StylablePoint>(features: readonly T[], style: PointStyle): readonly T[] {
  if (!style.hidden.length) return features;
  const key = `${style.field}\u0000${style.hidden.join('\u0000')}`;
  const hit = filtered.get(features);
  if (hit?.key === key) return hit.points as readonly T[];
  const hidden = new Set(style.hidden);
  const points = features.filter((f) => !hidden.has(pointValue(f, style.field)));
  filtered.set(features, { key, points });
  return points;
}
