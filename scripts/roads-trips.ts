/**
 * Drive times of well-known trips on a graph file, against commonly cited figures (typical free-flow
 * durations quoted by route planners; not a live service). `npm run roads:trips -- <file.graph>`.
 */
import { readGraphFile, createRoutingNetwork, routeBetween, type LonLat } from '../api/src/domain/routing/index.js';

const TRIPS: { from: string; a: LonLat; to: string; b: LonLat; usualKm: number; usualMin: number }[] = [
  { from: 'Paris (Notre-Dame)', a: [2.3488, 48.8534], to: 'Lyon (Bellecour)', b: [4.832, 45.7578], usualKm: 465, usualMin: 270 },
  { from: 'Rennes', a: [-1.68, 48.1113], to: 'Brest', b: [-4.4861, 48.3904], usualKm: 245, usualMin: 145 },
  { from: 'Toulouse', a: [1.444, 43.6045], to: 'Bordeaux', b: [-0.5792, 44.8378], usualKm: 245, usualMin: 145 },
  { from: 'Lille', a: [3.0573, 50.6292], to: 'Paris', b: [2.3488, 48.8534], usualKm: 225, usualMin: 135 },
  { from: 'Marseille', a: [5.3698, 43.2965], to: 'Nice', b: [7.262, 43.7102], usualKm: 200, usualMin: 135 },
  { from: 'Paris', a: [2.3488, 48.8534], to: 'Strasbourg', b: [7.7521, 48.5734], usualKm: 490, usualMin: 290 },
  { from: 'Bordeaux', a: [-0.5792, 44.8378], to: 'Paris', b: [2.3488, 48.8534], usualKm: 585, usualMin: 340 },
  { from: 'Ajaccio', a: [8.7386, 41.9192], to: 'Bastia', b: [9.4508, 42.6977], usualKm: 150, usualMin: 150 },
  { from: 'Nantes', a: [-1.5536, 47.2184], to: 'Bordeaux', b: [-0.5792, 44.8378], usualKm: 345, usualMin: 205 },
  { from: 'Clermont-Ferrand', a: [3.0863, 45.7772], to: 'Montpellier', b: [3.8767, 43.6108], usualKm: 335, usualMin: 210 },
  { from: 'Grenoble', a: [5.7245, 45.1885], to: 'Briançon (col du Lautaret)', b: [6.6436, 44.8986], usualKm: 115, usualMin: 120 },
];

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run roads:trips -- <file.graph>');
  process.exit(2);
}
const { graph, ch } = readGraphFile(file);
const network = createRoutingNetwork(graph, ch!);
console.log('| trip | ours: km | ours: h:min | usual km | usual h:min | ratio (time) |');
console.log('|---|---|---|---|---|---|');
const hm = (min: number) => { const m = Math.round(min); return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")}`; };
for (const t of TRIPS) {
  const r = routeBetween(network, t.a, t.b);
  if (!r) {
    console.log(`| ${t.from} → ${t.to} | no route | | ${t.usualKm} | ${hm(t.usualMin)} | |`);
    continue;
  }
  const min = r.durationSec / 60;
  console.log(`| ${t.from} → ${t.to} | ${(r.distanceM / 1000).toFixed(0)} | ${hm(min)} | ${t.usualKm} | ${hm(t.usualMin)} | ${(min / t.usualMin).toFixed(2)} |`);
}
