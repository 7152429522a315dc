import { InterfaceRegistry, type InterfaceDeclaration } from './interfaces.js';
import { COMPANY_DATA_INTERFACES } from './company-data-calls.js';
import { MONITOR_INTERFACES } from './monitor-calls.js';
import { REPORT_INTERFACES } from './report-calls.js';

/**
 * Every interface the API serves, in the order /openapi.json lists them. Adding one: see the
 * contract in src/protocol/interfaces.ts (and docs/api.md, "Adding an interface").
 */
export const INTERFACES: readonly InterfaceDeclaration[] = [...REPORT_INTERFACES, ...COMPANY_DATA_INTERFACES, ...MONITOR_INTERFACES];

/** The registry over `INTERFACES`: routing, and the catalogue accounts and settings are checked against. */
export const INTERFACE_REGISTRY = new InterfaceRegistry(INTERFACES);
