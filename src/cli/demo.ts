/** `zhengxin demo`: the main job until the API lands (README "Two commands"). */
import { ensureDemoData, pickDemoCompany } from '../companies/demo-data.js';
import { formatCompanySummary } from './company-commands.js';
import { withCommandDatabase, type Command } from './command.js';

export const demoCommand: Command = {
  name: 'demo',
  usage: 'demo',
  summary: 'Create the store, generate and import the synthetic demo dataset (reused on later runs), and print one company.',
  async run(ctx) {
    return withCommandDatabase(ctx, async (database) => {
      const where = ctx.config.databaseUrl ? 'PostgreSQL' : `${ctx.config.dataDir} (SQLite)`;
      const started = Date.now();
      const demo = await ensureDemoData(database.db);
      ctx.stdout.write(
        demo.created
          ? `Imported ${demo.companies} synthetic companies into ${where} in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`
          : `Reusing the ${demo.companies} companies already in ${where}.\n`,
      );
      const company = await pickDemoCompany(database.db);
      if (!company) {
        ctx.stderr.write('zhengxin demo: the store holds no active enterprise to show\n');
        return 1;
      }
      ctx.stdout.write(`\n${formatCompanySummary(company)}\nMore: npx zhengxin company show ${company.uscc ?? company.keyNo} --json\n`);
      return 0;
    });
  },
};
