/**
 * The grade the change feed compares (`grade.changed`): the current scorecard's grade on the
 * document's own data date (the write's date when it has none), as a report ordered now would print it.
 */
import type { Grader } from '../companies/change-feed.js';
import { beijingDateOf } from '../reports/snapshot.js';
import { scoreCompanyV2 } from '../reports/score/scorecard-v2.js';

export function reportGrader(nowIso: string): Grader {
  return (doc) => {
    const date = beijingDateOf(doc.dataAsOf) ?? beijingDateOf(nowIso);
    if (!date) return undefined;
    try {
      return scoreCompanyV2(doc, date).grade;
    } catch {
      // A document the scorecard cannot score is still stored; it simply has no grade to compare.
      return undefined;
    }
  };
}
