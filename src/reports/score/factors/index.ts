/**
 * The factors of scorecard version 1 (DATA.md "Scorecard, version 1"), one function each, in the
 * order of the DATA.md table. Each returns the observed value, the bin, the points and the records
 * that caused them. Every window counts back from the data date in the context; nothing reads the
 * clock. Readings of rows the table leaves open are written beside each factor and in
 * docs/scorecard.md.
 */
import { dishonest, openEnforcement, consumptionRestriction, terminatedUnpaid, defendantJudgments, recentDefendantCases } from './judicial.js';
import { abnormal, seriousViolation, penalties, taxArrears, taxViolations, equityPledges, chattelMortgage } from './business-risk.js';
import { age, status, paidInRatio, registeredCapital, insured, annualReport, keyChanges } from './registration.js';
import { taxCredit, intellectualProperty, certificates, tendersWon } from './strengths.js';
import type { Factor } from './common.js';

export type { ScoreContext } from './common.js';

/** In the order of the DATA.md table (tax is two factors). */
export const FACTORS_V1: readonly Factor[] = [
  age,
  status,
  paidInRatio,
  registeredCapital,
  insured,
  annualReport,
  keyChanges,
  dishonest,
  openEnforcement,
  consumptionRestriction,
  terminatedUnpaid,
  defendantJudgments,
  recentDefendantCases,
  abnormal,
  seriousViolation,
  penalties,
  taxArrears,
  taxViolations,
  equityPledges,
  chattelMortgage,
  taxCredit,
  intellectualProperty,
  certificates,
  tendersWon,
];
