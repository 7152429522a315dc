import type { ReportModel } from '../model/types.js';
import { renderDocx } from './docx/render-docx.js';
import { renderPdf } from './pdf/render-pdf.js';

export type ReportFormat = 'pdf' | 'docx';
export const REPORT_FORMATS: readonly ReportFormat[] = ['pdf', 'docx'];

/** Media type and file extension per format, for whoever stores or serves the bytes. */
export const REPORT_MEDIA_TYPES: Readonly<Record<ReportFormat, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export class UnsupportedFormatError extends Error {
  override name = 'UnsupportedFormatError';
}

/** Renders on the calling thread; the pool's workers and the inline renderer both end here. */
export function renderReport(model: ReportModel, format: ReportFormat): Promise<Uint8Array> {
  if (format === 'pdf') return renderPdf(model);
  if (format === 'docx') return renderDocx(model);
  return Promise.reject(new UnsupportedFormatError(`unsupported report format "${String(format)}": expected pdf or docx`));
}
