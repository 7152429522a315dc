import type { Kysely } from 'kysely';
import { resolveCompany } from '../companies/resolver.js';
import { companyLookup, findCompanyByKeyNo } from '../companies/store.js';
import type { Schema } from '../db/schema.js';
import { takeSnapshot } from '../reports/snapshot.js';
import { reportTypePlugin } from '../reports/types/index.js';
import type { CompanyDirectory } from './ports.js';

/** The order flow's view of the company store: the resolver over the real look-ups. */
export function companyDirectory(db: Kysely<Schema>): CompanyDirectory {
  const lookup = companyLookup(db);
  return {
    async resolve(input) {
      const r = await resolveCompany(input, lookup);
      if (!r.ok) return r;
      return { ok: true, company: { keyNo: r.company.keyNo, name: r.company.name, uscc: r.company.uscc } };
    },
    // Only a type with a rule reads the document (type 1 has none: ordering it costs no extra read).
    async refusalFor(company, reportType, nowMs) {
      const plugin = reportTypePlugin(reportType);
      if (!plugin?.refuse) return null;
      const stored = await findCompanyByKeyNo(db, company.keyNo);
      if (!stored) return null; // gone since it resolved: the job fails and refunds, as for any report
      return plugin.refuse({ snapshot: takeSnapshot(stored, () => new Date(nowMs)) });
    },
  };
}
