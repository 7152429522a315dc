/** The synthetic dataset: documents that look real, are marked `"source":"synthetic"`, and repeat exactly per seed. */
export { DEFAULT_REFERENCE_DATE, generateCompanies, generateCompany, heavyLitigationCompany, standardCompany } from './generate.js';
export type { GenerateCompaniesOptions, GenerateCompanyOptions } from './generate.js';
export type { CompanyTraits, EntityKind, StatusKind } from './identity.js';
export type { RecordCounts, RecordKind } from './records.js';
export { writeCompanyNdjson, writeNdjson } from './ndjson.js';
