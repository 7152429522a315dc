import type { Kysely } from 'kysely';

/**
 * `orders.report_type`: which report an order asked for (the wire's `reportType`: 1 企业信用报告,
 * 2 企业信用决策报告, 3 准入尽调报告, 4 空壳扫描报告). Orders placed before it are credit reports (1).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('report_type', 'integer', (c) => c.notNull().defaultTo(1)).execute();
}

export async function down(): Promise<void> {
  throw new Error('migrations are append-only; restore from backup to go back');
}
