import type { Generated } from 'kysely';

/**
 * Table shapes shared by both dialects. Only portable column types are used (text, integer,
 * double precision) so that one set of queries serves SQLite and PostgreSQL alike.
 * Timestamps are ISO 8601 UTC strings; dates are YYYY-MM-DD strings; money is integer fen.
 */
export interface Schema {
  companies: CompanyTable;
  company_names: CompanyNameTable;
}

/** One row per company: the whole validated document plus the columns we look up by. */
export interface CompanyTable {
  key_no: string;
  uscc: string | null;
  reg_no: string | null;
  name: string;
  name_norm: string;
  entity_kind: string;
  status_norm: string;
  /** The document as imported (JSON text); the report snapshot reads it whole. */
  doc: string;
  /** sha256 of the canonical document, so a re-import of the same data is a no-op. */
  doc_hash: string;
  synthetic: number;
  data_as_of: string | null;
  updated_at: string;
}

/** Current and former names, normalised, for exact-name look-ups. */
export interface CompanyNameTable {
  name_norm: string;
  key_no: string;
  is_current: number;
}

export type { Generated };
