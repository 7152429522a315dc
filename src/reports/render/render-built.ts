import type { BuiltReport } from '../report-source.js';
import { renderReportJson } from './json/report-json.js';
import { renderReport } from './render-report.js';

/** Every format a built report is rendered in: PDF and Word print the model; JSON carries it with the verdict. */
export type BuiltReportFormat = 'pdf' | 'docx' | 'json';

export function renderBuiltReport(built: BuiltReport, format: BuiltReportFormat): Promise<Uint8Array> {
  if (format === 'json') return Promise.resolve(renderReportJson(built));
  return renderReport(built.model, format);
}
