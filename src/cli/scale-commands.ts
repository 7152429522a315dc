import { parseArgs } from 'node:util';
import { resealSecretKeys } from '../accounts/master-key-rotation.js';
import { parseMasterKey, secretBox } from '../accounts/secrets.js';
import { requeuePendingOrders } from '../queue/job-outbox.js';
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
  summary: 'After losing Redis: queue a report job again for every order still P (safe: jobs are keyed by order number).',
  async run(ctx) {
    noArguments(ctx);
    if (!ctx.config.redisUrl) {
      ctx.stdout.write('REDIS_URL is not set: the database queue keeps its jobs in the database, nothing to requeue\n');
      return 0;
    }
    const redisUrl = ctx.config.redisUrl;
    const { queued, relayed } = await withCommandDatabase(ctx, async (database) => {
      const { createBullmqJobQueue } = await import('../queue/bullmq-queue.js');
      const added = await requeuePendingOrders(database.db, new Date().toISOString());
      const queue = createBullmqJobQueue({ database, redisUrl, relay: false });
      try {
        return { queued: added, relayed: await queue.relayNow() };
      } finally {
        await queue.stop();
      }
    });
    ctx.stdout.write(`queued ${queued} pending orders again; relayed ${relayed} outbox rows to Redis\n`);
    return 0;
  },
};
