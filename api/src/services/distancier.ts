import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { pairsWithin, snapPoints, type RoutingNetwork, type SparseBlock } from '../domain/routing/index.js';

const BATCH = 20_000;
/** From this many new rows on (and more than the rows of other origins/networks kept), indexes are rebuilt after the load. */
export const REINDEX_MIN_ROWS = 500_000;

export interface DistancierOptions {
  /** Name of the road network (rows are kept per network). */
  network: string;
  cutoffSec: number;
  /** Origins restricted to these départements (all communes when absent); destinations are always all. */
  departements?: string[];
  onProgress?: (message: string) => void;
  /** Rebuild the indexes after the load from this many new rows on (default REINDEX_MIN_ROWS). */
  reindexMinRows?: number;
}

export interface DistancierReport {
  network: string;
  cutoffSec: number;
  originCount: number;
  destinationCount: number;
  pairCount: number;
  /** Communes that could not be snapped to the network (DROM, islands without a road): never given invented times. */
  unreachable: string[];
  computeMs: number;
  storeMs: number;
  /** True when the primary key and destination index were dropped for the load and built again after it. */
  indexesRebuilt: boolean;
}

/**
 * Commune × commune drive times within a cut-off, from each commune's point on surface snapped to the network
 * (access legs included), computed with bucket CH (pairsWithin) and stored sparse in `commune_travel_times`,
 * replacing the rows of the same network and origins in one transaction.
 */
export async function buildCommuneDistancier(database: Database, network: RoutingNetwork, options: DistancierOptions): Promise<DistancierReport> {
  const log = options.onProgress ?? (() => {});
  const communes = (
    await sql<{ code: string; departementCode: string; lon: number; lat: number }>`
      SELECT code, departement_code AS "departementCode", ST_X(point) AS lon, ST_Y(point) AS lat FROM communes WHERE point IS NOT NULL ORDER BY code`.execute(database.db)
  ).rows;
  const snapped = snapPoints(network, communes.map((c) => [Number(c.lon), Number(c.lat)]));
  const unreachable = communes.filter((_, i) => !snapped[i]).map((c) => c.code);
  const targets = communes.map((c, i) => ({ c, s: snapped[i] })).filter((t) => t.s);
  const scope = options.departements ? new Set(options.departements) : null;
  const origins = targets.filter((t) => !scope || scope.has(t.c.departementCode));
  log(`${origins.length.toLocaleString('en')} origins × ${targets.length.toLocaleString('en')} destinations within ${options.cutoffSec / 60} min (${unreachable.length} communes off the network)`);
  const t0 = performance.now();
  const blocks: SparseBlock[] = [];
  let pairCount = 0;
  pairsWithin(network.ch, origins.map((o) => o.s!.departure), targets.map((t) => t.s!.arrival), options.cutoffSec * 1000, (block) => {
    blocks.push(block);
    pairCount += block.source.length;
    if (blocks.length % 20 === 0) log(`${pairCount.toLocaleString('en')} pairs…`);
  });
  const computeMs = performance.now() - t0;
  log(`${pairCount.toLocaleString('en')} pairs computed in ${(computeMs / 1000).toFixed(1)} s; storing…`);
  const t1 = performance.now();
  let reindexed = false;
  await database.db.transaction().execute(async (trx) => {
    const others = scope
      ? sql`NOT (t.network = ${options.network} AND t.origin_code IN (SELECT code FROM communes WHERE departement_code = ANY(${[...scope]}::text[])))`
      : sql`t.network <> ${options.network}`;
    // Rows that stay (other networks, origins outside the scope), counted up to the size of the new load.
    const kept = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM commune_travel_times t WHERE ${others} LIMIT ${pairCount + 1}) x`.execute(trx)).rows[0].n);
    if (kept === 0) {
      await sql`TRUNCATE commune_travel_times`.execute(trx); // all rows go: no per-row delete
    } else if (scope) {
      await sql`DELETE FROM commune_travel_times t USING communes c WHERE t.network = ${options.network} AND c.code = t.origin_code AND c.departement_code = ANY(${[...scope]}::text[])`.execute(trx);
    } else {
      await sql`DELETE FROM commune_travel_times WHERE network = ${options.network}`.execute(trx);
    }
    // A large load into a table that keeps fewer rows: drop the primary key and the destination index, load,
    // build them again (one sorted build instead of millions of random B-tree inserts). Same transaction: a
    // failure leaves table and indexes as they were.
    reindexed = pairCount >= (options.reindexMinRows ?? REINDEX_MIN_ROWS) && pairCount >= kept;
    if (reindexed) {
      await sql`ALTER TABLE commune_travel_times DROP CONSTRAINT commune_travel_times_pkey`.execute(trx);
      await sql`DROP INDEX commune_travel_times_dest_idx`.execute(trx);
    }
    // Column arrays through unnest: one statement per batch, no per-row JSON (≈ 2–3× faster than jsonb_to_recordset).
    let o: string[] = [], d: string[] = [], sec: number[] = [], m: number[] = [];
    const flush = async () => {
      if (!o.length) return;
      await sql`
        INSERT INTO commune_travel_times (network, origin_code, dest_code, duration_sec, distance_m)
        SELECT ${options.network}, r.o, r.d, r.s, r.m FROM unnest(${o}::text[], ${d}::text[], ${sec}::real[], ${m}::real[]) AS r(o, d, s, m)`.execute(trx);
      o = []; d = []; sec = []; m = [];
    };
    for (const b of blocks) {
      for (let k = 0; k < b.source.length; k++) {
        const from = origins[b.source[k]].c.code;
        const to = targets[b.target[k]].c.code;
        o.push(from);
        d.push(to);
        // A commune to itself is 0: the same point (the network detour between its snapped seeds is not a trip).
        sec.push(from === to ? 0 : Math.round(b.durationMs[k]) / 1000);
        m.push(from === to ? 0 : Math.round(b.distanceM[k]));
        if (o.length >= BATCH) await flush();
      }
    }
    await flush();
    if (reindexed) {
      log('rows stored; building the indexes…');
      await sql`ALTER TABLE commune_travel_times ADD CONSTRAINT commune_travel_times_pkey PRIMARY KEY (network, origin_code, dest_code)`.execute(trx);
      await sql`CREATE INDEX commune_travel_times_dest_idx ON commune_travel_times (network, dest_code)`.execute(trx);
    }
    await sql`
      INSERT INTO distancier_builds (network, cutoff_sec, origin_count, pair_count, unreachable, built_at, details)
      VALUES (${options.network}, ${options.cutoffSec}, ${origins.length}, ${pairCount}, ${JSON.stringify(unreachable)}::jsonb, now(), ${JSON.stringify({ departements: options.departements ?? 'all' })}::jsonb)
      ON CONFLICT (network) DO UPDATE SET cutoff_sec = EXCLUDED.cutoff_sec, origin_count = EXCLUDED.origin_count, pair_count = EXCLUDED.pair_count,
        unreachable = EXCLUDED.unreachable, built_at = EXCLUDED.built_at, details = EXCLUDED.details`.execute(trx);
  });
  const storeMs = performance.now() - t1;
  log(`stored in ${(storeMs / 1000).toFixed(1)} s${reindexed ? ' (indexes built after the load)' : ''}`);
  return { network: options.network, cutoffSec: options.cutoffSec, originCount: origins.length, destinationCount: targets.length, pairCount, unreachable, computeMs, storeMs, indexesRebuilt: reindexed };
}

/** Communes reachable from a commune within maxSec, fastest first. */
export async function reachableFrom(database: Database, network: string, code: string, maxSec: number) {
  const res = await sql<{ code: string; name: string; durationSec: number; distanceM: number; populationCount: number }>`
    SELECT t.dest_code AS code, c.name, t.duration_sec::float8 AS "durationSec", t.distance_m::float8 AS "distanceM", c.population_count AS "populationCount"
    FROM commune_travel_times t JOIN communes c ON c.code = t.dest_code
    WHERE t.network = ${network} AND t.origin_code = ${code} AND t.duration_sec <= ${maxSec}
    ORDER BY t.duration_sec, t.dest_code`.execute(database.db);
  return res.rows;
}

/**
 * The k nearest actors (rows of a data layer, located at their commune) by commune-to-commune drive time,
 * for one commune or for every origin commune of the distancier.
 */
export async function nearestActors(database: Database, network: string, layerId: string, k: number, communeCode?: string) {
  const res = await sql<{ originCode: string; rank: number; key: string; name: string | null; destCode: string; durationSec: number }>`
    SELECT origin_code AS "originCode", rank::int, key, name, dest_code AS "destCode", duration_sec AS "durationSec" FROM (
      SELECT t.origin_code, f.key, f.name, t.dest_code, t.duration_sec::float8 AS duration_sec,
             row_number() OVER (PARTITION BY t.origin_code ORDER BY t.duration_sec, f.key) AS rank
      FROM commune_travel_times t JOIN layer_features f ON f.commune_code = t.dest_code AND f.layer_id = ${layerId}::uuid
      WHERE t.network = ${network} ${communeCode ? sql`AND t.origin_code = ${communeCode}` : sql``}
    ) x WHERE rank <= ${k} ORDER BY origin_code, rank`.execute(database.db);
  return res.rows;
}
