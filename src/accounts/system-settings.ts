import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { INTERFACE_NAMES, type ApiInterface } from './accounts.js';

export type InterfaceSwitch = 'active' | 'disabled' | 'deleted';

/** Operator-wide switches, stored in the database so every API process sees the same ones. */
export interface SystemSettings {
  /** CreateReport answers 124; GetReportInfo and retrieve are still served. */
  readonly maintenance: boolean;
  readonly interfaces: Readonly<Record<ApiInterface, InterfaceSwitch>>;
  /** Operator-wide cap on one key's orders per day (109); null: none. */
  readonly systemDailyLimit: number | null;
}

/** The rows of `system_settings` the service reads; every other name is ignored. */
export const SYSTEM_SETTING_NAMES = ['maintenance', ...INTERFACE_NAMES.map((n) => `interface.${n}` as const), 'system_daily_limit'] as const;

export async function readSystemSettings(db: Kysely<Schema>): Promise<SystemSettings> {
  const rows = await db.selectFrom('system_settings').select(['name', 'value']).execute();
  const map = new Map(rows.map((r) => [r.name, r.value]));
  return systemSettingsFrom((name) => map.get(name));
}

/** Settings from their stored values (`value(name)`: the row's value, or undefined/null without one). */
export function systemSettingsFrom(value: (name: (typeof SYSTEM_SETTING_NAMES)[number]) => string | null | undefined): SystemSettings {
  const interfaces = Object.fromEntries(
    INTERFACE_NAMES.map((n) => [n, (value(`interface.${n}`) as InterfaceSwitch | null | undefined) ?? 'active']),
  ) as Record<ApiInterface, InterfaceSwitch>;
  const limit = value('system_daily_limit');
  return { maintenance: value('maintenance') === 'on', interfaces, systemDailyLimit: limit ? Number(limit) : null };
}

export interface SystemSettingsPatch {
  maintenance?: boolean;
  interfaces?: Partial<Record<ApiInterface, InterfaceSwitch>>;
  systemDailyLimit?: number | null;
}

export async function updateSystemSettings(db: Kysely<Schema>, patch: SystemSettingsPatch): Promise<SystemSettings> {
  const values: Array<{ name: string; value: string | null }> = [];
  if (patch.maintenance !== undefined) values.push({ name: 'maintenance', value: patch.maintenance ? 'on' : null });
  for (const [name, state] of Object.entries(patch.interfaces ?? {})) {
    if (!(INTERFACE_NAMES as readonly string[]).includes(name)) throw new Error(`unknown interface "${name}"`);
    if (!['active', 'disabled', 'deleted'].includes(state)) throw new Error(`interface state must be active, disabled or deleted, got "${state}"`);
    values.push({ name: `interface.${name}`, value: state === 'active' ? null : state });
  }
  if (patch.systemDailyLimit !== undefined) values.push({ name: 'system_daily_limit', value: patch.systemDailyLimit === null ? null : String(patch.systemDailyLimit) });
  await db.transaction().execute(async (trx) => {
    for (const { name, value } of values) {
      await trx.deleteFrom('system_settings').where('name', '=', name).execute();
      if (value !== null) await trx.insertInto('system_settings').values({ name, value }).execute();
    }
  });
  return readSystemSettings(db);
}
