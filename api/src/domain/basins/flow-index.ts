/**
 * A flow table (origin × unit × stays) summed per pair and indexed both ways (CSR by origin, CSR by unit), the
 * shape every flow-basin step reads. Checks the table (indices in range, stays finite ≥ 0, some stays).
 */
import { BasinInputError, type FlowTable } from './types.js';
import { basinsText } from '../../messages/basins.js';

export interface FlowIndex {
  originCount: number;
  unitCount: number;
  /** by origin: units unit[offsets[i] … offsets[i+1]-1], sorted by unit, with their stays (duplicates summed) */
  offsets: Int32Array;
  unit: Int32Array;
  stays: Float64Array;
  /** by unit: the same pairs, origins byUnitOrigin[unitOffsets[u] …], stays byUnitStays */
  unitOffsets: Int32Array;
  byUnitOrigin: Int32Array;
  byUnitStays: Float64Array;
  /** Σ stays per origin (its residents' stays) */
  originStays: Float64Array;
}

function checkFlows(f: FlowTable): void {
  const n = f.stays.length;
  if (f.origin.length !== n) throw new BasinInputError('BAD_INPUT', 'flows.origin', basinsText.sizeMismatch('flows.origin', n, f.origin.length));
  if (f.unit.length !== n) throw new BasinInputError('BAD_INPUT', 'flows.unit', basinsText.sizeMismatch('flows.unit', n, f.unit.length));
  let total = 0;
  for (let r = 0; r < n; r++) {
    if (!(f.origin[r] >= 0 && f.origin[r] < f.originCount)) throw new BasinInputError('BAD_INPUT', 'flows.origin', basinsText.indexOutOfRange('flows.origin', f.origin[r], f.originCount));
    if (!(f.unit[r] >= 0 && f.unit[r] < f.unitCount)) throw new BasinInputError('BAD_INPUT', 'flows.unit', basinsText.indexOutOfRange('flows.unit', f.unit[r], f.unitCount));
    if (!(f.stays[r] >= 0 && f.stays[r] < Infinity)) throw new BasinInputError('BAD_INPUT', 'flows.stays', basinsText.badStays(r));
    total += f.stays[r];
  }
  if (!(total > 0)) throw new BasinInputError('NO_FLOWS', 'flows', basinsText.noFlows);
}

/** Rows sorted by (key, second) through two counting sorts; returns the permutation. */
function orderBy(key: Int32Array, keyCount: number, second: Int32Array, secondCount: number): Int32Array {
  const bySecond = countingSort(second, secondCount, Int32Array.from(key.keys()));
  return countingSort(key, keyCount, bySecond);
}
function countingSort(key: Int32Array, keyCount: number, rows: Int32Array): Int32Array {
  const start = new Int32Array(keyCount + 1);
  for (const r of rows) start[key[r] + 1]++;
  for (let k = 0; k < keyCount; k++) start[k + 1] += start[k];
  const out = new Int32Array(rows.length);
  for (const r of rows) out[start[key[r]]++] = r;
  return out;
}

export function indexFlows(flows: FlowTable): FlowIndex {
  checkFlows(flows);
  const { originCount: O, unitCount: U, origin, unit, stays } = flows;
  const order = orderBy(origin, O, unit, U);
  const offsets = new Int32Array(O + 1);
  const units: number[] = [];
  const st: number[] = [];
  const originStays = new Float64Array(O);
  for (let k = 0; k < order.length; k++) {
    const r = order[k];
    const o = origin[r];
    originStays[o] += stays[r];
    const p = units.length - 1;
    if (p >= offsets[o] && k > 0 && origin[order[k - 1]] === o && units[p] === unit[r]) st[p] += stays[r];
    else { units.push(unit[r]); st.push(stays[r]); }
    offsets[o + 1] = units.length;
  }
  for (let o = 0; o < O; o++) if (offsets[o + 1] < offsets[o]) offsets[o + 1] = offsets[o];
  const unitArr = Int32Array.from(units);
  const staysArr = Float64Array.from(st);
  // by unit: transpose the summed pairs
  const pairOrigin = new Int32Array(unitArr.length);
  for (let o = 0; o < O; o++) for (let k = offsets[o]; k < offsets[o + 1]; k++) pairOrigin[k] = o;
  const byUnit = countingSort(unitArr, U, Int32Array.from(unitArr.keys()));
  const unitOffsets = new Int32Array(U + 1);
  for (const u of unitArr) unitOffsets[u + 1]++;
  for (let u = 0; u < U; u++) unitOffsets[u + 1] += unitOffsets[u];
  return {
    originCount: O, unitCount: U, offsets, unit: unitArr, stays: staysArr,
    unitOffsets, byUnitOrigin: Int32Array.from(byUnit, (k) => pairOrigin[k]), byUnitStays: Float64Array.from(byUnit, (k) => staysArr[k]),
    originStays,
  };
}
