import type { Kysely } from 'kysely';
import { sharedCountsOf } from '../companies/shared-counts.js';
import type { Schema } from '../db/schema.js';
import { LEGAL_REP_COMPANIES_MIN } from '../reports/types/shell-scan/indicators.js';
import type { ReportInputPorts } from './ports.js';

/**
 * The report types' optional inputs as this deployment gives them (src/orders/ports.ts): the
 * server and the tests' servers both take them from here, so a port added here reaches every
 * producer. A port not given here means the input is unknown to every report that reads it.
 */
export function reportInputPorts(db: Kysely<Schema>, given: ReportInputPorts = {}): ReportInputPorts {
  // The shell scan is the one reader: the legal representative's identity is resolved only when it could reach the scan's threshold.
  return { sharedCountsOf: (keyNo) => sharedCountsOf(db, keyNo, { resolveLegalRepFrom: LEGAL_REP_COMPANIES_MIN, stopLegalRepAt: LEGAL_REP_COMPANIES_MIN }), ...given };
}
