/**
 * Writing the relation graph's edges with the companies that state them (the SQL of the graph's
 * writes; reads are in graph-store.ts). Every writer calls these inside the transaction that
 * writes the company rows, so a reader sees a company and its edges change together.
 */
import type SqliteDatabase from 'better-sqlite3';
import type { Transaction } from 'kysely';
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

/** 11 columns × 1,000 rows stays under PostgreSQL's 65,535 bound parameters. */
const ROWS_PER_STATEMENT = [1000, 100, 10, 1] as const;

function* chunks<T>(values: readonly T[]): Generator<T[]> {
  let i = 0;
  for (const size of ROWS_PER_STATEMENT) for (; values.length - i >= size; i += size) yield values.slice(i, i + size);
}

/** PostgreSQL (and any Kysely path): replaces the edges of `replacedKeys`, then writes `rows`. */
export async function writeRelationRows(trx: Transaction<Schema>, replacedKeys: readonly string[], rows: readonly CompanyRelationTable[]): Promise<void> {
  for (const chunk of chunks(replacedKeys)) await trx.deleteFrom('company_relations').where('src', 'in', chunk).execute();
  for (const chunk of chunks(rows)) await trx.insertInto('company_relations').values(chunk).execute();
}
