/**
 * The 准入尽调报告 plug-in (report type 3): the checklist verdict on the first pages, then the
 * credit report's evidence chapters the items rest on. Pure: the producer hands in the snapshot
 * and the relation graph's findings.
 */
import type { ReportModel, Section } from '../../model/types.js';
import { refuseDueDiligence } from '../eligibility.js';
import type { ReportInputs, ReportTypePlugin } from '../report-type.js';
import { creditBase } from '../shared/credit-base.js';
import { evidenceChapters, retitledModel, table, verdictHead } from '../shared/evidence.js';
import { dueDiligenceChecklist, MIN_AGE_YEARS, MIN_COVERAGE_SHARE, type DueDiligenceVerdict } from './checklist.js';

export { dueDiligenceChecklist, type ChecklistItem, type DueDiligenceVerdict } from './checklist.js';

export const DUE_DILIGENCE_TITLE = '准入尽调报告';

/** The credit report's chapters an onboarding officer checks the items against, in its order. */
const EVIDENCE = ['basic', 'shareholders', 'personnel', 'equity-penetration', 'controller', 'related-risk', 'changes', 'annual-reports', 'judicial', 'business-risk', 'sources'];

export function dueDiligenceSections(verdict: DueDiligenceVerdict): Section[] {
  const counts = (r: string) => verdict.items.filter((i) => i.result === r).length;
  return [
    {
      id: 'due-diligence',
      title: '准入结论',
      level: 1,
      blocks: [
        ...verdictHead(verdict.conclusion === 'admit', `准入结论：${verdict.conclusionText}`, [
          { label: '准入结论', value: verdict.conclusionText },
          { label: '核查项', value: `通过 ${counts('pass')} 项 · 关注 ${counts('attention')} 项 · 不通过 ${counts('fail')} 项` },
        ]),
        { kind: 'paragraph', style: 'emphasis', text: `决定规则：${verdict.rule}` },
        table([['核查项', 2.4], ['结果', 1.2, 'center'], ['依据', 8]], verdict.items.map((i) => [i.title, i.resultText, i.evidence]), '准入核查清单'),
        {
          kind: 'paragraph',
          style: 'muted',
          text: `规则：任一项不通过 → 不准入；无不通过但有关注 → 有条件准入（关注项须核实后准入）；全部通过 → 准入。数据源未提供的项目记为关注，不视为无记录；成立不足 ${MIN_AGE_YEARS} 年、数据覆盖低于 ${Math.round(MIN_COVERAGE_SHARE * 100)}% 为关注（docs/report-types.md）。`,
        },
      ],
    },
  ];
}

export function dueDiligenceModel(credit: ReportModel, verdict: DueDiligenceVerdict): ReportModel {
  return retitledModel(credit, DUE_DILIGENCE_TITLE, [{ label: '准入结论', value: verdict.conclusionText }], [
    ...dueDiligenceSections(verdict),
    ...evidenceChapters(credit, EVIDENCE),
  ]);
}

export function buildDueDiligenceReport(inputs: ReportInputs): { model: ReportModel; verdict: DueDiligenceVerdict } {
  const { credit, relations } = creditBase(inputs);
  const verdict = dueDiligenceChecklist(inputs.snapshot.doc, inputs.snapshot.dataDate, relations);
  return { model: dueDiligenceModel(credit, verdict), verdict };
}

export const dueDiligenceReportType: ReportTypePlugin<DueDiligenceVerdict> = {
  code: 3,
  slug: 'due-diligence',
  title: DUE_DILIGENCE_TITLE,
  verdictKey: 'dueDiligence',
  reads: ['relations'],
  refuse: refuseDueDiligence,
  build: buildDueDiligenceReport,
};
