import type { Kysely } from 'kysely';
import { resolveCompany } from '../companies/resolver.js';
import { companyLookup } from '../companies/store.js';
import type { Schema } from '../db/schema.js';
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
  };
}
