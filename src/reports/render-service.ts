import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ReportModel } from './model/types.js';
import { renderReport, type ReportFormat } from './render/render-report.js';
import { renderBuiltReport } from './render/render-built.js';
import { reportOfSource, type ReportSource } from './report-source.js';

export interface RenderRequest {
  model: ReportModel;
  format: 'pdf' | 'docx';
}

export interface ReportRenderer {
  render(req: RenderRequest): Promise<Uint8Array>;
  /** Builds the model from `source` and renders it, both on the renderer's thread (src/reports/report-source.ts). */
  renderSource(source: ReportSource): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** What a render thread is given: a model to render, or a source to build the model from first. */
export type RenderTask = RenderRequest | { source: ReportSource };

/** The compiled worker beside this module in dist/ (the service only runs compiled). */
const WORKER_URL = new URL('./render/pool/render-worker.js', import.meta.url);

/** Render threads' default nice value: rendering takes the CPU time the API leaves over. */
export const DEFAULT_RENDER_NICENESS = 19;

/**
 * Renders in a pool of worker threads, so a process serving the API keeps its event loop free
 * while reports render (a standard report is tens of milliseconds of CPU). Each worker parses
 * the fonts once (~20 MB of memory per worker). Default size: one thread per core but one,
 * at least one. `niceness` (0–19, default 19; 0 leaves it) lowers the render threads' scheduling
 * priority on Linux, so that on a busy machine API requests get the cores first and reports render
 * in what is left; a no-op elsewhere.
 */
export function createRenderPool(options: { threads?: number; niceness?: number } = {}): ReportRenderer {
  const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`createRenderPool: threads must be a positive integer, got ${String(options.threads)}`);
  const niceness = options.niceness ?? DEFAULT_RENDER_NICENESS;
  if (!Number.isInteger(niceness) || niceness < 0 || niceness > 19) throw new RangeError(`createRenderPool: niceness must be a whole number 0–19, got ${String(options.niceness)}`);
  const pool = new Piscina({ filename: WORKER_URL.href, minThreads: threads, maxThreads: threads, idleTimeout: Infinity, workerData: { niceness } });
  let closed = false;
  return {
    async render(req) {
      if (closed) throw new Error('render pool is closed');
      checkFormat(req.format);
      return (await pool.run(req satisfies RenderTask)) as Uint8Array;
    },
    async renderSource(source) {
      if (closed) throw new Error('render pool is closed');
      checkSourceFormat(source.format);
      return (await pool.run({ source } satisfies RenderTask)) as Uint8Array;
    },
    async close() {
      closed = true;
      await pool.destroy();
    },
  };
}

/** The same rendering on the calling thread: for the CLI and benchmarks, not for a server. */
export function createInlineRenderer(): ReportRenderer {
  return {
    async render(req) {
      checkFormat(req.format);
      return renderReport(req.model, req.format);
    },
    async renderSource(source) {
      checkSourceFormat(source.format);
      return renderBuiltReport(reportOfSource(source), source.format);
    },
    close: async () => {},
  };
}

/** A source may also ask for JSON (the report as data, built from the same model). */
function checkSourceFormat(format: string): void {
  if (format !== 'json') checkFormat(format);
}

function checkFormat(format: string): asserts format is ReportFormat {
  if (format !== 'pdf' && format !== 'docx') throw new Error(`unsupported report format "${format}": expected pdf or docx`);
}
