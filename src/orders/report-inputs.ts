import type { Kysely } from 'kysely';
import { sharedCountsOf } from '../companies/shared-counts.js';
import type { Schema } from '../db/schema.js';
import type { ReportInputPorts } from './ports.js';

/**
 * The report types' optional inputs as this deployment gives them (src/orders/ports.ts): the
 * server and the tests' servers both take them from here, so a port added here reaches every
 * producer. A port not given here means the input is unknown to every report that reads it.
 */
export function reportInputPorts(db: Kysely<Schema>, given: ReportInputPorts = {}): ReportInputPorts {
  return { sharedCountsOf: (keyNo) => sharedCountsOf(db, keyNo), ...given };
}
