import { parseArgs } from 'node:util';
import { resealSecretKeys } from '../accounts/master-key-rotation.js';
import { parseMasterKey, secretBox } from '../accounts/secrets.js';
import { UsageError, withCommandDatabase, type Command, type CommandContext } from './command.js';


function noArguments(ctx: CommandContext): void {
  try {
    parseArgs({ args: [...ctx.argv], options: {}, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

export const accountsReencryptCommand: Command = {
  name: 'accounts reencrypt',
  usage: 'accounts reencrypt   (with ZHENGXIN_OLD_MASTER_KEY and ZHENGXIN_MASTER_KEY set)',
  summary: 'Master-key rotation: re-seal every SecretKey from ZHENGXIN_OLD_MASTER_KEY to ZHENGXIN_MASTER_KEY in one transaction (docs/deploy.md).',
  async run(ctx) {
    noArguments(ctx);
    const oldText = ctx.env.ZHENGXIN_OLD_MASTER_KEY?.trim();
    const newText = ctx.env.ZHENGXIN_MASTER_KEY?.trim();
    if (!oldText || !newText) throw new UsageError('set ZHENGXIN_OLD_MASTER_KEY to the current key and ZHENGXIN_MASTER_KEY to the new one');
    const [oldKey, newKey] = [parseMasterKey(oldText), parseMasterKey(newText)];
    if (oldKey.equals(newKey)) throw new UsageError('ZHENGXIN_OLD_MASTER_KEY and ZHENGXIN_MASTER_KEY are the same key');
    const count = await withCommandDatabase(ctx, (database) => resealSecretKeys(database.db, secretBox(oldKey), secretBox(newKey), new Date().toISOString()));
    ctx.stdout.write(`re-sealed the SecretKeys of ${count} accounts under the new master key; start every process with the new ZHENGXIN_MASTER_KEY\n`);
    return 0;
  },
};

export const jobsRequeueCommand: Command = {
  name: 'jobs requeue',
  usage: 'jobs requeue',
  summary: 'Queue a report job again for every order still P that has no live job in Redis (lost with Redis, or left in the failed set); the workers\' reconciler does the same by itself every ZHENGXIN_RECONCILE_MS.',
  async run(ctx) {
    noArguments(ctx);
    if (!ctx.config.redisUrl) {
      ctx.stdout.write('REDIS_URL is not set: the database queue keeps its jobs in the database, nothing to requeue\n');
      return 0;
    }
    const redisUrl = ctx.config.redisUrl;
    const report = await withCommandDatabase(ctx, async (database) => {
      const { createBullmqJobQueue } = await import('../queue/bullmq-queue.js');
      const queue = createBullmqJobQueue({ database, redisUrl, queueName: ctx.config.queueName, relay: false, reconcileMs: 0 });
      try {
        await queue.ping();
        return await queue.requeueAll();
      } finally {
        await queue.stop();
      }
    });
    ctx.stdout.write(
      `${report.checked} P orders checked (orders whose job is still in the outbox are the relay's): ${report.live} have a live job; ` +
      `queued again ${report.requeued.length} that had no job in Redis; revived ${report.revived.length} from BullMQ's failed set\n`,
    );
    for (const { orderNo, problem } of report.problems) ctx.stdout.write(`could not requeue ${orderNo}: ${problem}\n`);
    return report.problems.length > 0 ? 1 : 0;
  },
};

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'Apply pending database migrations (DATABASE_URL, or the SQLite file under ZHENGXIN_DATA_DIR) and say which ran; every process also does this when it starts.',
  async run(ctx) {
    noArguments(ctx);
    const { openDatabase } = await import('../db/database.js');
    const { migrateToLatest } = await import('../db/migrate.js');
    const database = await openDatabase({ dataDir: ctx.config.dataDir, databaseUrl: ctx.config.databaseUrl, migrate: false });
    try {
      const applied = await migrateToLatest(database.db);
      ctx.stdout.write(applied.length ? `applied ${applied.length} migrations: ${applied.join(', ')}\n` : 'the database is up to date; no migration to apply\n');
    } finally {
      await database.close();
    }
    return 0;
  },
};
