import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ReportModel } from './model/types.js';
import { renderReport, type ReportFormat } from './render/render-report.js';

export interface RenderRequest {
  model: ReportModel;
  format: 'pdf' | 'docx';
}

export interface ReportRenderer {
  render(req: RenderRequest): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** The compiled worker beside this module in dist/ (the service only runs compiled). */
const WORKER_URL = new URL('./render/pool/render-worker.js', import.meta.url);

/**
 * Renders in a pool of worker threads, so a process serving the API keeps its event loop free
 * while reports render (a standard report is tens of milliseconds of CPU). Each worker parses
 * the fonts once (~20 MB of memory per worker). Default size: one thread per core but one,
 * at least one.
 */
export function createRenderPool(options: { threads?: number } = {}): ReportRenderer {
  const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`createRenderPool: threads must be a positive integer, got ${String(options.threads)}`);
  const pool = new Piscina({ filename: WORKER_URL.href, minThreads: threads, maxThreads: threads, idleTimeout: Infinity });
  let closed = false;
  return {
    async render(req) {
      if (closed) throw new Error('render pool is closed');
      checkFormat(req.format);
      return (await pool.run(req)) as Uint8Array;
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
    close: async () => {},
  };
}

function checkFormat(format: string): asserts format is ReportFormat {
  if (format !== 'pdf' && format !== 'docx') throw new Error(`unsupported report format "${format}": expected pdf or docx`);
}
