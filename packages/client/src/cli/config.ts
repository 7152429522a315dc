/**
 * Where the CLI's credentials come from, highest precedence first: command-line flags, the
 * environment (`ZHENGXIN_KEY`, `ZHENGXIN_SECRET_KEY`, `ZHENGXIN_BASE_URL`, `ZHENGXIN_PATH_STYLE`),
 * then a JSON config file (`--config FILE`, else `$XDG_CONFIG_HOME/zhengxin/client.json`, else
 * `~/.config/zhengxin/client.json`).
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface CliCredentials {
  readonly key: string;
  readonly secretKey: string;
  readonly baseUrl: string;
  readonly pathStyle: 'pro' | 'open';
}

export interface ConfigFileContents {
  readonly key?: string;
  readonly secretKey?: string;
  readonly baseUrl?: string;
  readonly pathStyle?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function defaultConfigPath(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(homeDir, '.config');
  return path.join(configHome, 'zhengxin', 'client.json');
}

/**
 * Reads a config file. A missing default file is fine (null); a missing explicit one is an error.
 * `warn` is told when the file, which holds a SecretKey, is readable by other users.
 */
export function readConfigFile(file: string, explicit: boolean, warn: (message: string) => void): ConfigFileContents | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(`cannot read config file ${file}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(`config file ${file} must hold a JSON object`);
  for (const [name, value] of Object.entries(parsed)) {
    if (!['key', 'secretKey', 'baseUrl', 'pathStyle'].includes(name)) throw new ConfigError(`config file ${file}: unknown setting "${name}" (known: key, secretKey, baseUrl, pathStyle)`);
    if (typeof value !== 'string') throw new ConfigError(`config file ${file}: "${name}" must be a string`);
  }
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    warn(`warning: ${file} holds a SecretKey and is readable by other users; chmod 600 it`);
  }
  return parsed as ConfigFileContents;
}

export function resolveCredentials(
  flags: { readonly baseUrl?: string; readonly pathStyle?: string },
  env: Readonly<Record<string, string | undefined>>,
  file: ConfigFileContents | null,
  fileName: string,
): CliCredentials {
  const pick = (...values: Array<string | undefined>) => values.find((v) => v !== undefined && v.trim() !== '')?.trim();
  const key = pick(env.ZHENGXIN_KEY, file?.key);
  const secretKey = pick(env.ZHENGXIN_SECRET_KEY, file?.secretKey);
  const baseUrl = pick(flags.baseUrl, env.ZHENGXIN_BASE_URL, file?.baseUrl);
  const pathStyle = pick(flags.pathStyle, env.ZHENGXIN_PATH_STYLE, file?.pathStyle) ?? 'pro';
  const missing = [
    key ? null : 'key (ZHENGXIN_KEY)',
    secretKey ? null : 'secret key (ZHENGXIN_SECRET_KEY)',
    baseUrl ? null : 'base URL (ZHENGXIN_BASE_URL or --base-url)',
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) throw new ConfigError(`missing ${missing.join(', ')}; set them in the environment or in ${fileName}`);
  if (pathStyle !== 'pro' && pathStyle !== 'open') throw new ConfigError(`path style must be "pro" or "open", got ${JSON.stringify(pathStyle)}`);
  return { key: key!, secretKey: secretKey!, baseUrl: baseUrl!, pathStyle };
}
