import type { ColumnType, Generated } from 'kysely';

/**
 * Table shapes shared by both dialects. Only portable column types are used (text, integer,
 * double precision) so that one set of queries serves SQLite and PostgreSQL alike.
 * Timestamps are ISO 8601 UTC strings; dates are YYYY-MM-DD strings; money is integer fen.
 */
export interface Schema {
  companies: CompanyTable & CompanyVersionColumn;
  company_names: CompanyNameTable;
  company_search: CompanySearchTable;
  company_relations: CompanyRelationTable;
  person_groups: PersonGroupTable;
  person_identity_dirty: PersonIdentityDirtyTable;
  company_contacts: CompanyContactTable;
  accounts: AccountTable;
  account_failures: AccountFailureTable;
  system_settings: SystemSettingTable;
  audit_log: AuditLogTable;
  orders: OrderTable;
  account_ledger: AccountLedgerTable;
  report_jobs: ReportJobTable;
  job_outbox: JobOutboxTable;
  job_revivals: JobRevivalTable;
  report_repairs: ReportRepairTable;
  order_rerenders: OrderRerenderTable;
  console_imports: ConsoleImportTable;
  company_events: CompanyEventTable;
  feed_cursors: FeedCursorTable;
  monitor_watches: MonitorWatchTable;
  callback_deliveries: CallbackDeliveryTable;
  idempotency_keys: IdempotencyKeyTable;
  report_batches: ReportBatchTable;
  report_batch_items: ReportBatchItemTable;
  console_sessions: ConsoleSessionTable;
  console_challenges: ConsoleChallengeTable;
  console_signin_failures: ConsoleSigninFailureTable;
}

/** The change feed (0085): `id` is the cursor, in commit order on both backends. */
export interface CompanyEventTable {
  id: Generated<number>;
  key_no: string;
  type: string;
  /** JSON object: the event's fields. */
  data: string;
  at: string;
}

/** How far an in-service consumer has read the feed (0085). */
export interface FeedCursorTable {
  name: string;
  position: number;
}

/** A company an account watches (0085); `since_event` is the feed position when it was added. */
export interface MonitorWatchTable {
  account_key: string;
  key_no: string;
  since_event: number;
  added_at: string;
}

/** A signed callback to send (0085): `state` pending → delivered, or failed after 24 h of retries. */
export interface CallbackDeliveryTable {
  id: string;
  account_key: string;
  url: string;
  event_type: string;
  body: string;
  state: string;
  attempts: number;
  next_at: string;
  lease_until: string | null;
  last_status: string | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** CreateReport's idempotency keys (0085), kept 24 h. */
export interface IdempotencyKeyTable {
  account_key: string;
  idem_key: string;
  params_hash: string;
  order_no: string;
  created_at: string;
}

export interface ReportBatchTable {
  batch_no: string;
  account_key: string;
  size: number;
  created_at: string;
}

export interface ReportBatchItemTable {
  batch_no: string;
  idx: number;
  key_no: string;
  order_no: string | null;
  status: string;
  reason: string | null;
}

/** A signed-in console browser (0080), by the SHA-256 of its cookie value. */
export interface ConsoleSessionTable {
  id_hash: string;
  role: string;
  account_key: string | null;
  actor: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** A customer sign-in nonce (0080), used once. */
export interface ConsoleChallengeTable {
  nonce: string;
  account_key: string;
  expires_at: string;
}

/** A failed console sign-in (0080), counted per client address for the rate limit. */
export interface ConsoleSigninFailureTable {
  id: string;
  ip: string;
  at: string;
}

/** An order whose report file was found damaged when served, to be rendered again (0050). */
export interface ReportRepairTable {
  order_no: string;
  found_at: string;
  reason: string;
  repaired_at: string | null;
}

/** A console import and its progress (0106); `summary` is the final summary's JSON. */
export interface ConsoleImportTable {
  id: string;
  actor: string;
  state: string;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  bytes_total: number | string | null;
  bytes_read: number | string;
  lines: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  summary: string | null;
  error: string | null;
}

/** An operator's re-render of a failed order (0105): the failed order, the new one, who, what was charged. */
export interface OrderRerenderTable {
  failed_order_no: string;
  order_no: string;
  actor: string;
  charged: number;
  at: string;
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
  /** sha256 of `doc` as stored, so a re-import of the same line is a no-op without parsing the old one. */
  doc_hash: string;
  synthetic: number;
  data_as_of: string | null;
  updated_at: string;
}

/**
 * `companies.version` (migration 0110): 1 when first stored, one more per accepted change. Apart
 * from CompanyTable so that the write paths' rows (which leave it to the database) need not name it.
 */
export interface CompanyVersionColumn {
  version: Generated<number>;
}

/** Current and former names, normalised, for exact-name look-ups. */
export interface CompanyNameTable {
  name_norm: string;
  key_no: string;
  is_current: number;
}

/** Fuzzy-search terms of companies (src/companies/search-terms.ts): anchor 2 whole value, 1 start, 0 inside; field 1 name, 2 former name, 3 legal representative. */
export interface CompanySearchTable {
  anchor: number;
  term: string;
  key_no: string;
  field: number;
}

/**
 * The relation graph's edges (0060): what one company document (`src`) states about holders,
 * officers, investees and branches. Ends are references (`k:`, `u:`, `n:`, `p:`), see the migration.
 */
export interface CompanyRelationTable {
  src: string;
  kind: number;
  a_ref: string;
  a_name: string;
  a_type: string;
  b_ref: string;
  b_name: string;
  ratio: number | null;
  amount: string | null;
  label: string | null;
  declared: number;
}

/** Person identity kept with the graph (0116): a mention's group, by the group's first KeyNo. */
export interface PersonGroupTable {
  ref: string;
  key_no: string;
  group_key: string;
}

/** Names whose person groups a write may have changed, not regrouped yet (0116). */
export interface PersonIdentityDirtyTable {
  ref: string;
  version: number;
}

/** Store-wide registration keys (src/companies/registration-keys.ts): kind 1 address, 2 phone, 3 e-mail, 4 legal representative. */
export interface CompanyContactTable {
  kind: number;
  value: string;
  key_no: string;
}

/** An API customer (the vendor's 我的公司). Balances and prices are whole report units. */
export interface AccountTable {
  key: string;
  name: string;
  /** AES-256-GCM ciphertext of the SecretKey under the master key (see src/accounts/secrets.ts). */
  secret_enc: string;
  state: string;
  effective_at: string | null;
  billing: string;
  balance: number;
  credit_limit: number;
  /** Superseded by `prices` (0020); kept in step with `CreateReport:pdf`/`:word` for older code. */
  price_pdf: number;
  price_word: number;
  /** JSON `{PRICE_KEY: units}` (0020): `NAME` or `NAME:FORMAT`; a key not set costs the interface's default. */
  prices: string;
  /** Comma-separated report formats the package covers: `pdf,word`. */
  formats: string;
  /** JSON: `{"CreateReport":{"bought":true,"enabled":true},…}`, any registered interface by name. */
  interfaces: string;
  /** JSON array of CIDRs; empty means any address. */
  allowed_ips: string;
  daily_quota: number | null;
  /** JSON `{NAME: calls}` (0075): per-interface daily quotas, billed calls per China Standard Time day. */
  interface_quotas: string;
  concurrency_limit: number;
  /** Orders of this key in `P` (the 122 check), kept by the order transactions (0011). */
  orders_in_flight: number;
  auth_locked_until: string | null;
  param_locked_until: string | null;
  created_at: string;
  updated_at: string;
  /** Where signed callbacks go (0085); null: none. */
  callback_url: string | null;
}

/** Failed authentications (`auth`) and parameter errors (`param`), counted for the 106/108 lockouts. */
export interface AccountFailureTable {
  id: string;
  account_key: string;
  kind: string;
  at: string;
}

/** Operator-wide switches: `maintenance`, `interface.<Name>`, `system_daily_limit`. */
export interface SystemSettingTable {
  name: string;
  value: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  request_id: string;
  account_key: string | null;
  interface: string;
  method: string;
  status: string;
  reason: string | null;
  ip: string;
  order_no: string | null;
  /** Who did a console action (0080): `operator:NAME` or `customer:KEY`; absent (null) on API calls. */
  actor?: string | null;
}

export interface OrderTable {
  order_no: string;
  account_key: string;
  key_no: string;
  company_name: string;
  credit_code: string | null;
  report_format: string;
  state: string;
  price: number;
  created_at: string;
  finished_at: string | null;
  expires_at: string | null;
  retrieve_code: string | null;
  blob_key: string | null;
  file_size: number | null;
  fail_reason: string | null;
  /** Per-order callback URL (0085); null: the account's. */
  callback_url: string | null;
  /** 1–4, the wire's `reportType` (0065); inserts written before it leave the default, 1. */
  report_type: ColumnType<number, number | undefined, number>;
}

/** Charges, refunds and top-ups; unique (order_no, kind) so an order is charged and refunded at most once. */
export interface AccountLedgerTable {
  id: string;
  account_key: string;
  order_no: string | null;
  kind: string;
  amount: number;
  at: string;
  /** What a charge paid for (0020): the interface's name; null on an order's rows written before. */
  interface: string | null;
}

/** The database-backed job queue (src/queue/db-queue.ts). */
export interface ReportJobTable {
  order_no: string;
  attempts: number;
  run_at: string;
  lease_until: string | null;
  lease_owner: string | null;
  last_error: string | null;
  created_at: string;
}

/** Report jobs committed with their order and not yet relayed to Redis (BullMQ queue only). */
export interface JobOutboxTable {
  order_no: string;
  created_at: string;
  /** A relay's claim on the row while it pushes it to Redis; null or past: free to claim. */
  claimed_until?: string | null;
}

/** Revivals of an order's job from BullMQ's failed set by the reconciler (bounded per order). */
export interface JobRevivalTable {
  order_no: string;
  revivals: number;
  last_at: string;
}

export type { Generated };
