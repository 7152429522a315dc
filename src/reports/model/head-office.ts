/**
 * A branch's head office in a few lines: name, USCC, status, and — scored under the same scorecard
 * from its own snapshot — its grade and key risks. Pure: the producer finds the head office in the
 * store, the report never does.
 */
import { scoreCompanyV2 } from '../score/scorecard-v2.js';
import type { ReportSnapshot } from '../snapshot.js';
import { text } from './format.js';
import { statusWithDate } from './sections/context.js';
import { riskFlags } from './sections/scoring.js';
import type { HeadOfficeSummary } from './types.js';

/** Key risks shown for a head office: the most severe few. */
const HEAD_OFFICE_RISKS = 5;

export function headOfficeSummary(snapshot: ReportSnapshot): HeadOfficeSummary {
  const { doc, dataDate } = snapshot;
  const score = scoreCompanyV2(doc, dataDate);
  const grade = score.score === null ? score.grade : `${score.grade}（${score.score} 分，数据截至 ${dataDate}）`;
  return {
    name: doc.name,
    uscc: text(doc.uscc ?? doc.regNo),
    status: statusWithDate(doc.status, doc.statusDate),
    grade,
    keyRisks: riskFlags(score, doc.status, doc.statusDate).filter((f) => f.severity !== 'low').slice(0, HEAD_OFFICE_RISKS).map((f) => `${f.label}：${f.detail}`),
  };
}
