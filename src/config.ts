import path from 'node:path';

/** Everything the service reads from its environment, parsed once and frozen. */
export interface Config {
  readonly dataDir: string;
  /** `postgres://…` selects PostgreSQL; absent selects the embedded SQLite file under dataDir. */
  readonly databaseUrl: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql:// (got "${databaseUrl.split(':')[0]}:…")`);
  }
  return Object.freeze({
    dataDir: path.resolve(nonEmpty(env.ZHENGXIN_DATA_DIR) ?? './data'),
    databaseUrl,
  });
}

function nonEmpty(v: string | undefined): string | undefined {
  const t = v?.trim();
  return t ? t : undefined;
}
