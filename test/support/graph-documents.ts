import type { CompanyDocument } from '../../src/companies/document.js';
import { completeUscc } from '../../src/companies/uscc.js';

/**
 * Hand-built company documents for the relation-graph tests: `company(name, extra)` gives a
 * 有限责任公司 in business with a valid credit code `codePrefix` + a serial from `firstSerial`
 * (each test file its own range, so its codes are its own).
 */
export function companyMaker(codePrefix: string, firstSerial: number, establishedOn = '2015-03-02'): (name: string, extra?: Partial<CompanyDocument>) => CompanyDocument {
  let serial = firstSerial;
  return (name, extra = {}) => {
    serial++;
    return { companyType: '有限责任公司', status: '存续（在营、开业、在册）', establishedOn, name, uscc: completeUscc(`${codePrefix}${String(serial).padStart(8, '0')}`), ...extra };
  };
}

/** A natural-person shareholder. */
export const person = (name: string, ratio: number, extra: object = {}) => ({ name, kind: 'person' as const, ratio, ...extra });

/** A company shareholder named with its credit code. */
export const holder = (c: CompanyDocument, ratio: number, extra: object = {}) => ({ name: c.name, kind: 'company' as const, uscc: c.uscc, ratio, ...extra });
