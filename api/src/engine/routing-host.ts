/**
 * Routing engine host: the long-lived road network of the process. It loads a graph file (with its
 * contraction hierarchy), or builds one from the committed compact network in a child process on first start,
 * and keeps what queries share: the network, its snapping views per maximum snap distance and its road
 * components. No database and no feature logic: use cases (route, matrix, isochrone) live in services/.
 */
import { existsSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { basename, join } from 'node:path';
import { SCRIPTS_DIR } from '../paths.js';
import { ApiError } from '../errors.js';
import { routingText } from '../messages/routing.js';
import {
  DEFAULT_SNAP, buildSnapIndex, createRoutingNetwork, readGraphFile, roadComponents,
  type GraphFileMeta, type RoutingNetwork, type SnapOptions,
} from '../domain/routing/index.js';

export interface RoutingStatus {
  active: boolean;
  /** Stable name of the network (graph file name without extension): keys the distancier rows. */
  network?: string;
  /** True while the graph is being built from the committed network (first start). */
  building?: boolean;
  reason?: string;
  graphFile?: string;
  source?: string;
  sourceDate?: string;
  licence?: string;
  attribution?: string;
  profile?: string;
  nodeCount?: number;
  edgeCount?: number;
  bbox?: [number, number, number, number];
  loadMs?: number;
}

/** Default maximum snap distance of the points a request sends, unless the network states its own (national main roads: 5 km). */
export const DEFAULT_MAX_SNAP_M = 500;

export interface RoutingStartOptions {
  graphFile?: string;
  compactFile: string;
  cacheDir: string;
  maxSnapM?: number;
  log(m: string): void;
}

export class RoutingHost {
  private network: RoutingNetwork | null = null;
  private views = new Map<number, RoutingNetwork>();
  private roadComponentOf?: Int32Array;

  /** maxSnapFromEnv: MAILLAGE_MAX_SNAP_M, the maximum snap distance when a request gives none. */
  private constructor(public status: RoutingStatus, private readonly maxSnapFromEnv: number | undefined) {}

  /** Loads a graph file (with its contraction hierarchy); inactive, with the reason, when absent. */
  static load(graphFile: string | undefined, options: { maxSnapM?: number } = {}): RoutingHost {
    const host = new RoutingHost({ active: false, reason: routingText.status.noGraphConfigured }, options.maxSnapM);
    if (graphFile) host.activate(graphFile);
    return host;
  }

  /**
   * The network for `npm start`: an explicit graph file, else the graph built from the committed compact
   * network (cached in cacheDir; built once, in a child process, while the app already serves the map).
   */
  static start(options: RoutingStartOptions): RoutingHost {
    if (options.graphFile) return RoutingHost.load(options.graphFile, options);
    if (!existsSync(options.compactFile)) {
      return new RoutingHost({ active: false, reason: routingText.status.missingCompact(options.compactFile) }, options.maxSnapM);
    }
    const cached = join(options.cacheDir, basename(options.compactFile).replace(/\.roads\.json\.gz$/, '') + '.graph');
    if (existsSync(cached) && statSync(cached).mtimeMs >= statSync(options.compactFile).mtimeMs) {
      // Loaded just after the server starts listening: the map is served meanwhile (≈ 0.5 s national graph).
      const host = new RoutingHost({ active: false, building: true, reason: routingText.status.loading }, options.maxSnapM);
      setTimeout(() => {
        host.activate(cached);
        options.log(`road network: ${host.status.nodeCount?.toLocaleString('en')} nodes loaded in ${host.status.loadMs} ms`);
      }, 20);
      return host;
    }
    const host = new RoutingHost({ active: false, building: true, reason: routingText.status.building }, options.maxSnapM);
    options.log(`building the road graph from ${options.compactFile} in the background…`);
    host.buildInChild(options.compactFile, cached, options.log);
    return host;
  }

  /** The build job: scripts/roads-build-graph.ts in a child process (keeps the server responsive), then loads its output. */
  private buildInChild(compactFile: string, graphFile: string, log: (m: string) => void) {
    const script = join(SCRIPTS_DIR, 'roads-build-graph.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, compactFile, graphFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      if (code === 0) {
        this.activate(graphFile);
        log(`road network ready: ${this.status.nodeCount?.toLocaleString('en')} nodes`);
      } else {
        this.status = { active: false, reason: routingText.status.buildFailed(code, out.slice(-500)) };
        log(this.status.reason!);
      }
    });
  }

  private activate(graphFile: string) {
    if (!existsSync(graphFile)) {
      this.status = { active: false, reason: routingText.status.graphMissing(graphFile) };
      return;
    }
    const t0 = performance.now();
    const { graph, ch, meta } = readGraphFile(graphFile);
    if (!ch) {
      this.status = { active: false, reason: routingText.status.noHierarchy(graphFile) };
      return;
    }
    this.status = statusOf(graphFile, meta, graph.nodeCount, graph.edgeCount, performance.now() - t0);
    // A network may state how points reach it (e.g. the national main-road graph: access over minor roads).
    this.network = createRoutingNetwork(graph, ch, (meta.snap as SnapOptions | undefined) ?? {});
  }

  /** The active network, or a 503 NOT_AVAILABLE with the reason (no graph, still building). */
  requireNetwork(): RoutingNetwork {
    if (!this.network) throw new ApiError(503, 'NOT_AVAILABLE', routingText.notAvailable(this.status.reason ?? ''));
    return this.network;
  }

  /** Maximum snap distance of a request's points: the request's maxSnapM, else MAILLAGE_MAX_SNAP_M, else the network's own, else 500 m. */
  maxSnapM(requested?: number): number {
    return requested ?? this.maxSnapFromEnv ?? this.network?.snapOptions.maxSnapDistanceM ?? DEFAULT_MAX_SNAP_M;
  }

  /** The active network snapping at most `maxSnapM` away (shares the graph, hierarchy and snapping index). */
  snapView(maxSnapM: number): RoutingNetwork {
    const network = this.requireNetwork();
    network.snapIndex ??= buildSnapIndex(network.graph);
    let view = this.views.get(maxSnapM);
    if (!view) {
      view = { ...network, snapOptions: { ...DEFAULT_SNAP, ...network.snapOptions, maxSnapDistanceM: maxSnapM } };
      this.views.set(maxSnapM, view);
    }
    return view;
  }

  /** Strongly connected road component of each node of the active network (computed once). */
  components(): Int32Array {
    this.roadComponentOf ??= roadComponents(this.requireNetwork().graph);
    return this.roadComponentOf;
  }

  /** Whether a point lies outside the active network's extent (its bounding box). */
  outside(p: readonly [number, number]): boolean {
    const [w, s, e, n] = this.status.bbox ?? [-Infinity, -Infinity, Infinity, Infinity];
    return !(p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n);
  }
}

function statusOf(graphFile: string, meta: GraphFileMeta, nodeCount: number, edgeCount: number, loadMs: number): RoutingStatus {
  return {
    active: true,
    network: basename(graphFile).replace(/\.graph$/, ''),
    graphFile,
    source: meta.source,
    sourceDate: meta.sourceDate,
    licence: meta.licence,
    attribution: meta.attribution,
    profile: meta.profile,
    nodeCount,
    edgeCount,
    bbox: meta.bbox,
    loadMs: Math.round(loadMs),
  };
}
