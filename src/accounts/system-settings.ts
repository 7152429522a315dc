import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { UNCHECKED_CATALOGUE, type ProductCatalogue } from './products.js';

export type InterfaceSwitch = 'active' | 'disabled' | 'deleted';
const SWITCHES: readonly string[] = ['active', 'disabled', 'deleted'];

/** Operator-wide switches, stored in the database so every API process sees the same ones. */
export interface SystemSettings {
  /** CreateReport answers 124; GetReportInfo and retrieve are still served. */
  readonly maintenance: boolean;
  /**
   * Interfaces the operator switched (113 deleted, 114 disabled), by name; one not named is active.
   * An API call's context carries only the called interface's switch.
   */
  readonly interfaces: Readonly<Record<string, InterfaceSwitch>>;
  /** Operator-wide cap on one key's orders per day (109); null: none. */
  readonly systemDailyLimit: number | null;
}

/** An interface's switch: the row `interface.<name>`, active without one. */
export function interfaceSwitchOf(settings: SystemSettings, name: string): InterfaceSwitch {
  return Object.hasOwn(settings.interfaces, name) ? settings.interfaces[name]! : 'active';
}

/** The scalar rows of `system_settings`; interface switches are the rows `interface.<Name>`. */
export const SYSTEM_SETTING_NAMES = ['maintenance', 'system_daily_limit'] as const;
export const INTERFACE_SETTING_PREFIX = 'interface.';

export async function readSystemSettings(db: Kysely<Schema>): Promise<SystemSettings> {
  const rows = await db.selectFrom('system_settings').select(['name', 'value']).execute();
  const map = new Map(rows.map((r) => [r.name, r.value]));
  const switches = rows
    .filter((r) => r.name.startsWith(INTERFACE_SETTING_PREFIX))
    .map((r) => [r.name.slice(INTERFACE_SETTING_PREFIX.length), r.value] as const);
  return systemSettingsFrom((name) => map.get(name), switches);
}

/**
 * Settings from their stored values (`value(name)`: the row's value, or undefined/null without
 * one) and the interface switches read (`[name, value]`, a null value meaning no row).
 */
export function systemSettingsFrom(
  value: (name: (typeof SYSTEM_SETTING_NAMES)[number]) => string | null | undefined,
  switches: ReadonlyArray<readonly [string, string | null | undefined]> = [],
): SystemSettings {
  const interfaces: Record<string, InterfaceSwitch> = {};
  for (const [name, state] of switches) interfaces[name] = state && SWITCHES.includes(state) ? (state as InterfaceSwitch) : 'active';
  const limit = value('system_daily_limit');
  return { maintenance: value('maintenance') === 'on', interfaces, systemDailyLimit: limit ? Number(limit) : null };
}

export interface SystemSettingsPatch {
  maintenance?: boolean;
  interfaces?: Readonly<Record<string, InterfaceSwitch>>;
  systemDailyLimit?: number | null;
}

/** Interface names are checked against `catalogue` (the API's interface registry). */
export async function updateSystemSettings(db: Kysely<Schema>, patch: SystemSettingsPatch, catalogue: ProductCatalogue = UNCHECKED_CATALOGUE): Promise<SystemSettings> {
  const values: Array<{ name: string; value: string | null }> = [];
  if (patch.maintenance !== undefined) values.push({ name: 'maintenance', value: patch.maintenance ? 'on' : null });
  for (const [name, state] of Object.entries(patch.interfaces ?? {})) {
    if (catalogue.formatsOf(name) === undefined) throw new Error(`unknown interface "${name}" (known: ${catalogue.names.join(', ')})`);
    if (!SWITCHES.includes(state)) throw new Error(`interface state must be active, disabled or deleted, got "${String(state)}"`);
    values.push({ name: INTERFACE_SETTING_PREFIX + name, value: state === 'active' ? null : state });
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
