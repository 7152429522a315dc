/**
 * Administrative divisions (GB/T 2260, NBS 2023), county level, shipped as data in divisions.json
 * (regenerate with `node scripts/extract-divisions.js`).
 *
 * A USCC's division (positions 3–8) is the code of the registering authority when the code was
 * issued and never changes, so codes that were merged or renamed since are legitimately in use:
 * callers warn, not reject, when `findDivision` answers undefined. Authorities also sit at the
 * prefecture (`440300` 深圳市) and province (`110000` 北京市) level, so those codes resolve too.
 */
import data from './divisions.json' with { type: 'json' };

export type DivisionLevel = 'county' | 'prefecture' | 'province';

export interface Division {
  readonly code: string;
  readonly name: string;
  /** The prefecture-level city; the municipality's name under 北京/天津/上海/重庆; '' for counties directly under a province. */
  readonly city: string;
  readonly province: string;
  readonly level: DivisionLevel;
}

const PROVINCES: Readonly<Record<string, string>> = data.provinces;
const CITIES: Readonly<Record<string, string>> = data.cities;

/** Every county-level division (2,978 in NBS 2023), sorted by code. */
export const COUNTY_DIVISIONS: readonly Division[] = Object.freeze(
  data.counties.map(([code, name]) =>
    Object.freeze({ code: code!, name: name!, city: CITIES[code!.slice(0, 4)] ?? '', province: PROVINCES[code!.slice(0, 2)] ?? '', level: 'county' as const }),
  ),
);

const BY_CODE = new Map<string, Division>(COUNTY_DIVISIONS.map((d) => [d.code, d]));

/** Looks up a 6-digit code at county, prefecture (`XXXX00`) or province (`XX0000`) level. */
export function findDivision(code: string): Division | undefined {
  const county = BY_CODE.get(code);
  if (county) return county;
  if (!/^[0-9]{6}$/.test(code)) return undefined;
  const province = PROVINCES[code.slice(0, 2)];
  if (province === undefined) return undefined;
  if (code.endsWith('0000')) return { code, name: province, city: '', province, level: 'province' };
  const city = CITIES[code.slice(0, 4)];
  if (code.endsWith('00') && city) return { code, name: city, city, province, level: 'prefecture' };
  return undefined;
}
