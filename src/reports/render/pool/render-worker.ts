import { Piscina, workerData } from 'piscina';
import type { RenderTask } from '../../render-service.js';
import { reportOfSource } from '../../report-source.js';
import { loadReportFonts } from '../fonts/report-fonts.js';
import { renderBuiltReport } from '../render-built.js';
import { renderReport } from '../render-report.js';
import { lowerThreadPriority } from './thread-priority.js';

/**
 * Piscina worker: renders one report per task, from its model or from its source (then the model
 * is built here too, off the serving thread). Fonts are parsed when the worker starts, so the
 * first report a worker renders does not pay for it. The result's buffer is transferred, not copied.
 */
// Background work yields to the API (createRenderPool's `niceness`), font parsing included.
const { niceness } = (workerData ?? {}) as { niceness?: number };
if (niceness) lowerThreadPriority(niceness);

loadReportFonts();

export default async function renderTask(task: RenderTask): Promise<Uint8Array> {
  const bytes = 'source' in task ? await renderBuiltReport(reportOfSource(task.source), task.source.format) : await renderReport(task.model, task.format);
  // Transfer only a buffer the bytes own entirely (never a shared pool slab).
  const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
  return Piscina.move(owned) as unknown as Uint8Array;
}
