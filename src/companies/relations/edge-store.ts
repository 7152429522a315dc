/**
 * Writing the relation graph's edges with the companies that state them (the SQL of the graph's
 * writes; reads are in graph-store.ts). Every writer calls these inside the transaction that
 * writes the company rows, so a reader sees a company and its edges change together.
 */
import type SqliteDatabase from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import type { CompanyRelationTable, Schema } from '../../db/schema.js';
import { settle, type RelationEdge } from './edges.js';

export const INSERT_RELATION =
  'insert into company_relations (src, kind, a_ref, a_name, a_type, b_ref, b_name, ratio, amount, label, declared) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
export const DELETE_RELATIONS_OF = 'delete from company_relations where src = ?';

export type InsertRelation = SqliteDatabase.Statement<unknown[]>;

/** A document's edges under its settled KeyNo, through a prepared `INSERT_RELATION`. */
export function insertRelationEdges(insert: InsertRelation, edges: readonly RelationEdge[] | undefined, keyNo: string): void {
  if (!edges) return;
  for (const e of edges) insert.run(keyNo, e.kind, settle(e.aRef, keyNo), e.aName, e.aType, settle(e.bRef, keyNo), e.bName, e.ratio, e.amount, e.label, e.declared);
}

export function relationRows(edges: readonly RelationEdge[] | undefined, keyNo: string): CompanyRelationTable[] {
  return (edges ?? []).map((e) => ({
    src: keyNo, kind: e.kind, a_ref: settle(e.aRef, keyNo), a_name: e.aName, a_type: e.aType, b_ref: settle(e.bRef, keyNo), b_name: e.bName,
    ratio: e.ratio, amount: e.amount, label: e.label, declared: e.declared,
  }));
}

/** Rows per statement: one array per column, so any batch is one statement of 11 parameters; this bounds the arrays' size. */
const ROWS_PER_STATEMENT = 20_000;

/**
 * The edges as one array per column, inserted by `unnest`: PostgreSQL parses and plans one short
 * statement with 11 parameters per batch instead of 1,000-row VALUES lists of 11,000 parameters.
 */
const INSERT_UNNESTED = sql`insert into company_relations (src, kind, a_ref, a_name, a_type, b_ref, b_name, ratio, amount, label, declared)
  select * from unnest(`;

/** PostgreSQL (the Kysely path): replaces the edges of `replacedKeys`, then writes `rows`. */
export async function writeRelationRows(trx: Transaction<Schema>, replacedKeys: readonly string[], rows: readonly CompanyRelationTable[]): Promise<void> {
  for (let i = 0; i < replacedKeys.length; i += ROWS_PER_STATEMENT) {
    await sql`delete from company_relations where src = any(${replacedKeys.slice(i, i + ROWS_PER_STATEMENT)}::text[])`.execute(trx);
  }
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const column = <K extends keyof CompanyRelationTable>(k: K): Array<CompanyRelationTable[K]> => chunk.map((r) => r[k]);
    await sql`${INSERT_UNNESTED}${column('src')}::text[], ${column('kind')}::integer[], ${column('a_ref')}::text[], ${column('a_name')}::text[],
      ${column('a_type')}::text[], ${column('b_ref')}::text[], ${column('b_name')}::text[], ${column('ratio')}::double precision[],
      ${column('amount')}::text[], ${column('label')}::text[], ${column('declared')}::integer[])`.execute(trx);
  }
}
