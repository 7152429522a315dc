import { parseArgs } from 'node:util';
import { findOrder, listOrders, type Order, type OrderState } from '../orders/orders.js';
import { rerenderFailedOrder, rerenderProblemText } from '../orders/rerender.js';
import { dbJobQueue } from '../queue/db-queue.js';
import { enqueueInOutbox } from '../queue/job-outbox.js';
import { UsageError, type Command, type CommandContext } from './command.js';
import { withAccountStore } from './accounts-commands.js';

function parse(ctx: CommandContext, options: NonNullable<Parameters<typeof parseArgs>[0]>['options'], positionals: number) {
  try {
    const parsed = parseArgs({ args: [...ctx.argv], options: { json: { type: 'boolean' }, ...options }, allowPositionals: positionals > 0, strict: true });
    if (parsed.positionals.length !== positionals) throw new Error(positionals ? 'expected exactly one argument' : 'unexpected arguments');
    return parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

function describeOrder(o: Order): string {
  return [
    `order      ${o.orderNo}`,
    `account    ${o.accountKey}`,
    `company    ${o.companyName} (${o.creditCode ?? o.keyNo})`,
    `format     ${o.format}, report type ${o.reportType}, price ${o.price}`,
    `state      ${o.state}${o.failReason ? ` (${o.failReason})` : ''}`,
    `created    ${o.createdAt}`,
    ...(o.finishedAt ? [`finished   ${o.finishedAt}`] : []),
    ...(o.retrieveCode ? [`retrieve   /api/rpt/retrieve?code=${o.retrieveCode} (until ${o.expiresAt})`] : []),
  ].join('\n');
}

export const ordersListCommand: Command = {
  name: 'orders list',
  usage: 'orders list [--key KEY] [--state P|S|F] [--limit N] [--json]',
  summary: 'List recent orders, newest first.',
  async run(ctx) {
    const { values } = parse(ctx, { key: { type: 'string' }, state: { type: 'string' }, limit: { type: 'string' } }, 0);
    if (values.state !== undefined && !['P', 'S', 'F'].includes(values.state as string)) throw new UsageError('--state takes P, S or F');
    if (values.limit !== undefined && !/^\d+$/.test(values.limit as string)) throw new UsageError('--limit takes a whole number');
    return withAccountStore(ctx, async (database) => {
      const orders = await listOrders(database.db, {
        accountKey: values.key as string | undefined,
        state: values.state as OrderState | undefined,
        limit: values.limit ? Number(values.limit) : 100,
      });
      ctx.stdout.write(values.json
        ? JSON.stringify(orders) + '\n'
        : (orders.length ? orders.map((o) => `${o.orderNo}  ${o.state}  ${o.format.padEnd(4)}  ${o.createdAt}  ${o.companyName}`).join('\n') : 'no orders') + '\n');
      return 0;
    });
  },
};

export const ordersShowCommand: Command = {
  name: 'orders show',
  usage: 'orders show ORDERNO [--json]',
  summary: 'Show one order.',
  async run(ctx) {
    const { values, positionals } = parse(ctx, {}, 1);
    return withAccountStore(ctx, async (database) => {
      const order = await findOrder(database.db, positionals[0]!.toLowerCase());
      if (!order) {
        ctx.stderr.write(`zhengxin orders show: no order ${positionals[0]}\n`);
        return 1;
      }
      ctx.stdout.write((values.json ? JSON.stringify(order) : describeOrder(order)) + '\n');
      return 0;
    });
  },
};

export const ordersRerenderCommand: Command = {
  name: 'orders rerender',
  usage: 'orders rerender ORDERNO (--charge | --free) [--by NAME] [--json]',
  summary: "Re-render a failed order as a new order linked to it, charging the failed order's price again (--charge) or nothing (--free); the running service's workers render it.",
  async run(ctx) {
    const { values, positionals } = parse(ctx, { charge: { type: 'boolean' }, free: { type: 'boolean' }, by: { type: 'string' } }, 1);
    if (Boolean(values.charge) === Boolean(values.free)) throw new UsageError('say --charge or --free (one of them)');
    const by = (values.by as string | undefined)?.trim() || ctx.env.USER || 'cli';
    return withAccountStore(ctx, async (database) => {
      // The job goes where the service's workers take it from: the database queue, or (scale-out)
      // the outbox that the running processes relay to Redis.
      const queue = ctx.config.redisUrl
        ? { enqueue: (trx: Parameters<typeof enqueueInOutbox>[0], job: { orderNo: string }) => enqueueInOutbox(trx, job.orderNo) }
        : dbJobQueue(database);
      const result = await rerenderFailedOrder(database.db, queue, { orderNo: positionals[0]!.toLowerCase(), charge: Boolean(values.charge), actor: `cli:${by}`, nowMs: Date.now() });
      if (!result.ok) {
        ctx.stderr.write(`zhengxin orders rerender: ${rerenderProblemText(result)}\n`);
        return 1;
      }
      ctx.stdout.write(values.json
        ? JSON.stringify({ order: result.order, rerender: result.link }) + '\n'
        : `re-rendering ${result.link.failedOrderNo} as order ${result.order.orderNo} (charged ${result.link.charged}); the workers render it\n`);
      return 0;
    });
  },
};

export const ORDER_COMMANDS: readonly Command[] = [ordersListCommand, ordersShowCommand, ordersRerenderCommand];
