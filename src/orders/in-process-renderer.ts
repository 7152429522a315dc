import { renderDocx } from '../reports/render/docx/render-docx.js';
import { renderPdf } from '../reports/render/pdf/render-pdf.js';
import type { ReportFileRenderer } from './report-production.js';

/** Interim: renders on the main thread until the render service's worker pool lands. */
export function inProcessRenderer(): ReportFileRenderer {
  return {
    render: ({ model, format }) => (format === 'pdf' ? renderPdf(model) : renderDocx(model)),
    close: async () => {},
  };
}
