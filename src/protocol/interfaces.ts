import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Account } from '../accounts/accounts.js';
import type { Schema } from '../db/schema.js';
import type { Transact } from '../orders/group-commit.js';
import type { CompanyDirectory } from '../orders/ports.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { ProductCatalogue } from '../accounts/products.js';
import type { CallContext } from './call-context.js';
import type { ResultValue, Paging, XmlItemName } from './envelope.js';
import type { Params } from './params.js';
import type { RelationGraph } from './relation-shapes.js';
import type { ErrorStatus } from './status-codes.js';

/**
 * The interface registry: every vendor interface the API serves is declared once, here in shape
 * and in its own module in substance, and served over the one check order of PROTOCOL.md
 * (src/protocol/call-pipeline.ts). Nothing else in the service names an interface.
 *
 * Adding an interface (the contract):
 *  1. Write an `InterfaceDeclaration`: its canonical `name` (the key of account permissions, prices,
 *     operator switches, quotas, audit rows and metrics labels: keep it stable once an account may
 *     hold it), the `Controller/Action` `paths` it answers to (served under every prefix, `/` and
 *     `/api/yj/`, case-insensitively, a trailing slash allowed), its `parameters` (names with their
 *     aliases; `required` ones answer 202 when missing or blank before the handler runs), its
 *     `billing` (per call, per report format, or free), its `envelope` (report interfaces: Status,
 *     Message, Result; company-data interfaces: the 2022+ order with OrderNumber and Paging) and its
 *     `successMessage`.
 *  2. Write `handle(call, deps)`: it runs after method, key, lockout, signature, IP, interface
 *     permission, quota and maintenance checks and after the generic parameter checks, so it starts
 *     at the interface's own parameter checks. It answers with `{status: '200', result}` or throws
 *     `refuse(status, reason)` (src/protocol/call-pipeline.ts); a per-call charge goes through
 *     `chargeCall` (src/accounts/call-charges.ts) as its last step, so only a success is charged.
 *  3. Add it to `INTERFACES` (src/protocol/catalogue.ts). Accounts then buy it with
 *     `accounts update KEY --interfaces …`, price it with `--price NAME=UNITS`, the operator
 *     switches it with `settings --interface NAME=disabled`, and /openapi.json lists it.
 */
export interface InterfaceDeclaration {
  /** Canonical name: `Controller/Action` for company-data interfaces; `CreateReport`/`GetReportInfo` (as accounts have always stored them). */
  readonly name: string;
  /** `Controller/Action` paths (first: the documented one); matched case-insensitively under every prefix. */
  readonly paths: readonly string[];
  /**
   * Also served under `/api/` (besides `/` and `/api/yj/`): the form the vendor's document links
   * for this interface (`/api/company/findRelation`).
   */
  readonly alsoUnderApi?: boolean;
  /** One line for /openapi.json and the docs. */
  readonly summary: string;
  /** Default: GET and POST. Any other method answers 118. */
  readonly methods?: readonly string[];
  readonly parameters: readonly ParameterSpec[];
  readonly billing: BillingRule;
  readonly envelope: EnvelopeShape;
  readonly successMessage: string;
  /**
   * Places work that stays in flight (orders): counted by the 122 in-flight limit and refused in
   * maintenance (124). Billed interfaces are counted by the daily limits (109/116) whatever this says.
   */
  readonly placesOrders?: boolean;
  /** The order the call context reads along with the account (GetReportInfo's orderNo), when well-formed. */
  readonly contextOrderNo?: (params: Params) => string | undefined;
  /** JSON Schema of a success's `Result`, for /openapi.json. */
  readonly resultSchema?: Readonly<Record<string, unknown>>;
  handle(call: InterfaceCall, deps: InterfaceDeps): Promise<InterfaceSuccess>;
}

export interface ParameterSpec {
  readonly name: string;
  /** Other names clients send for it (`searchKey` for `keyNo`); matched case-insensitively like the name. */
  readonly aliases?: readonly string[];
  /** Missing or blank answers 202 (reason `<snake_name>_missing`) before the handler runs. */
  readonly required?: boolean;
  readonly description: string;
  readonly example?: string;
}

export type BillingRule =
  /** Every successful call costs the account's price for `NAME` (default `defaultPrice` units). */
  | { readonly per: 'call'; readonly defaultPrice: number }
  /** Every success costs the account's price for `NAME:FORMAT`, for the format the call asked for. */
  | { readonly per: 'format'; readonly formats: readonly string[]; readonly defaultPrice: number }
  /** Never charged, never counted by the daily limits (GetReportInfo). */
  | { readonly per: 'free' };

export type EnvelopeShape =
  /** PROTOCOL.md's envelope: Status, Message, Result (an object of documented fields). */
  | { readonly kind: 'report' }
  /**
   * The company-data envelope of OPENAPI-SHAPES.md §2 (2022+ order): Status, Message, OrderNumber
   * (`orderNumberPrefix` + yyyyMMddHHmmss + 8 digits, on errors too), Paging when `paged`
   * (null on errors), Result. Arrays in the XML envelope repeat `xmlItemName(arrayName)`.
   */
  | { readonly kind: 'data'; readonly orderNumberPrefix: string; readonly paged: boolean; readonly xmlItemName?: XmlItemName };

/** What a handler sees: the request, the account that passed every earlier check, and helpers. */
export interface InterfaceCall {
  readonly declaration: InterfaceDeclaration;
  readonly requestId: string;
  readonly method: string;
  readonly params: Params;
  readonly ip: string;
  readonly nowMs: number;
  readonly account: Account;
  readonly context: CallContext;
  /** The call's OrderNumber (data envelope only; the billing reference of a per-call charge). */
  readonly orderNumber: string | undefined;
  /** A declared parameter by its name or any alias (case-insensitively); undefined when absent. */
  param(name: string): string | undefined;
  /** The `Idempotency-Key` request header, when sent (CreateReport). */
  readonly idempotencyKey?: string | undefined;
}

export interface InterfaceSuccess {
  readonly status: '200';
  readonly result: ResultValue;
  readonly paging?: Paging | null;
  /** The order the call created or read (audit). */
  readonly orderNo?: string;
  /** A new order was committed (wakes in-process workers). */
  readonly created?: boolean;
}

/** An error answer from a handler (thrown by `refuse`). */
export interface InterfaceRefusal {
  readonly status: ErrorStatus;
  readonly reason: string;
}

/**
 * What handlers may use. Report interfaces use the order store and queue; company-data interfaces
 * add the ports they need here (one field each), filled in by src/app.ts.
 */
export interface InterfaceDeps {
  readonly db: Kysely<Schema>;
  readonly jobQueue: JobQueue;
  readonly directory: CompanyDirectory;
  /** How an order's transaction runs (a group commit on SQLite); default: a transaction of its own. */
  readonly transact?: Transact;
  /** `PUBLIC_BASE_URL` without a trailing slash: report URLs are absolute when set. */
  readonly publicBaseUrl?: string;
  /** Companies one account may watch (Monitor/Add; default 10,000). */
  readonly watchLimit?: number;
  /** The relation graph (findRelation, EquityThrough); absent or not built: they answer 203. */
  readonly relationGraph?: RelationGraph;
}

/** Something an account buys, enables and is charged for per format, served by an interface of its own name's choosing (report types through CreateReport). */
export interface ProductDeclaration {
  readonly name: string;
  readonly summary: string;
  readonly formats: readonly string[];
  /** Units per success when the account sets no price for it (see its interface for fallbacks). */
  readonly defaultPrice: number;
}

/** Served path prefixes, in the form clients send them (matching folds case). */
export const SERVED_PREFIXES = ['/api/yj/', '/'] as const;

/**
 * The registry: declarations by canonical name and by `controller/action` (folded). Built once
 * from `INTERFACES`; refuses two declarations claiming one name or path.
 */
export class InterfaceRegistry implements ProductCatalogue {
  private readonly byPath = new Map<string, InterfaceDeclaration>();
  private readonly byName = new Map<string, InterfaceDeclaration>();
  private readonly productByName = new Map<string, ProductDeclaration>();
  readonly names: readonly string[];

  constructor(
    readonly declarations: readonly InterfaceDeclaration[],
    /** What accounts buy that is no interface of its own (report types, `ReportType/N`): permissions and prices only. */
    readonly products: readonly ProductDeclaration[] = [],
  ) {
    for (const d of declarations) {
      if (this.byName.has(d.name)) throw new Error(`interface "${d.name}" declared twice`);
      this.byName.set(d.name, d);
      for (const p of d.paths) {
        if (!/^[A-Za-z0-9_]+\/[A-Za-z0-9_]+$/.test(p)) throw new Error(`interface "${d.name}": path "${p}" is not Controller/Action`);
        const folded = p.toLowerCase();
        if (this.byPath.has(folded)) throw new Error(`path "${p}" claimed by "${this.byPath.get(folded)!.name}" and "${d.name}"`);
        this.byPath.set(folded, d);
        if (d.alsoUnderApi) this.byPath.set(API_PREFIXED + folded, d);
      }
    }
    for (const p of products) {
      if (this.byName.has(p.name) || this.productByName.has(p.name)) throw new Error(`product "${p.name}" declared twice`);
      this.productByName.set(p.name, p);
    }
    this.names = Object.freeze([...declarations.map((d) => d.name), ...products.map((p) => p.name)]);
  }

  get(name: string): InterfaceDeclaration | undefined {
    return this.byName.get(name);
  }

  /** Every price key with its default price, in declaration order (free interfaces have none). */
  priceKeys(): Array<{ key: string; defaultPrice: number }> {
    return this.declarations.flatMap((d) => {
      const b = d.billing;
      if (b.per === 'free') return [];
      if (b.per === 'call') return [{ key: d.name, defaultPrice: b.defaultPrice }];
      return b.formats.map((f) => ({ key: `${d.name}:${f}`, defaultPrice: b.defaultPrice }));
    }).concat(this.products.flatMap((p) => p.formats.map((f) => ({ key: `${p.name}:${f}`, defaultPrice: p.defaultPrice }))));
  }

  /** A product that is no interface (a report type), by name. */
  product(name: string): ProductDeclaration | undefined {
    return this.productByName.get(name);
  }

  isFree(name: string): boolean {
    return this.byName.get(name)?.billing.per === 'free';
  }

  formatsOf(name: string): readonly string[] | undefined {
    const product = this.productByName.get(name);
    if (product) return product.formats;
    const d = this.byName.get(name);
    if (!d) return undefined;
    return d.billing.per === 'format' ? d.billing.formats : [];
  }

  /**
   * The interface a request path names: `[/api/yj]/Controller/Action[/]`, case-insensitively; the
   * query string is ignored. Undefined for any other path (an unknown interface, answered 214
   * after the key and token checks).
   */
  resolve(url: string): InterfaceDeclaration | undefined {
    return this.byPath.get(interfacePathOf(url));
  }
}

/** The folded `controller/action` of a request URL (empty when the path has another shape). */
export function interfacePathOf(url: string): string {
  const q = url.indexOf('?');
  let path = q === -1 ? url : url.slice(0, q);
  while (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  path = path.toLowerCase();
  let marker = '';
  if (path.startsWith('/api/yj/')) path = path.slice('/api/yj'.length);
  else if (path.startsWith('/api/')) {
    path = path.slice('/api'.length);
    marker = API_PREFIXED;
  }
  const slash = path.indexOf('/', 1);
  if (slash === -1 || path.indexOf('/', slash + 1) !== -1) return '';
  return marker + path.slice(1);
}

/** Registry key prefix of the paths served under `/api/` (declarations with `alsoUnderApi` only). */
const API_PREFIXED = 'api:';

/** `PREFIX` + Beijing-time yyyyMMddHHmmss + 8 random digits (OPENAPI-SHAPES.md §2). */
export function newOrderNumber(prefix: string, nowMs: number): string {
  const t = new Date(nowMs + 8 * 3600_000).toISOString();
  const stamp = t.slice(0, 4) + t.slice(5, 7) + t.slice(8, 10) + t.slice(11, 13) + t.slice(14, 16) + t.slice(17, 19);
  return prefix + stamp + String(crypto.randomInt(0, 100_000_000)).padStart(8, '0');
}

/** `keyNo` → `key_no`: the reason a missing required parameter answers with. */
export function missingReason(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() + '_missing';
}
