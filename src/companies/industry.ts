/**
 * Industry classification GB/T 4754-2017 (国民经济行业分类). Codes are written as the section letter
 * followed by the digits of the finer level: `I` (门类 section), `I65` (大类 division), `I651` (中类
 * group), `I6513` (小类 class). Sections and divisions ship with the code; groups and classes exist
 * only once imported from a `code,name,level,parent` file (`parseIndustryCsv` + `buildIndustryCatalogue`).
 */
import { INDUSTRY_DIVISION_DATA, INDUSTRY_SECTION_DATA } from './industry-data.js';

export type IndustryLevel = 'section' | 'division' | 'group' | 'class';

export interface Industry {
  /** Canonical code: section letter + 0, 2, 3 or 4 digits. */
  readonly code: string;
  readonly name: string;
  readonly level: IndustryLevel;
  /** The section letter, also for the section itself. */
  readonly section: string;
  /** The canonical code of the level above; absent for a section. */
  readonly parent?: string;
}

export interface IndustryCatalogue {
  readonly byCode: ReadonlyMap<string, Industry>;
}

const DIGITS_BY_LEVEL: Record<IndustryLevel, number> = { section: 0, division: 2, group: 3, class: 4 };
const LEVEL_BY_DIGITS: Record<number, IndustryLevel | undefined> = { 0: 'section', 2: 'division', 3: 'group', 4: 'class' };
const LEVEL_NAMES: Record<string, IndustryLevel> = {
  section: 'section', division: 'division', group: 'group', class: 'class',
  门类: 'section', 大类: 'division', 中类: 'group', 小类: 'class',
};

export const INDUSTRY_SECTIONS: readonly Industry[] = Object.freeze(
  INDUSTRY_SECTION_DATA.map(([letter, name]) => Object.freeze({ code: letter, name, level: 'section' as const, section: letter })),
);

/** Section letter of a two-digit division number, from the ranges of the standard. */
const SECTION_OF_DIVISION = new Map<string, string>();
for (const [letter, , first, last] of INDUSTRY_SECTION_DATA) {
  for (let n = first; n <= last; n++) SECTION_OF_DIVISION.set(String(n).padStart(2, '0'), letter);
}

export const INDUSTRY_DIVISIONS: readonly Industry[] = Object.freeze(
  INDUSTRY_DIVISION_DATA.map(([digits, name]) => {
    const section = SECTION_OF_DIVISION.get(digits);
    if (!section) throw new Error(`industry division ${digits} lies in no section range`);
    return Object.freeze({ code: section + digits, name, level: 'division' as const, section, parent: section });
  }),
);

/** The shipped catalogue: sections and divisions only. */
export const STANDARD_INDUSTRY_CATALOGUE: IndustryCatalogue = buildIndustryCatalogue([]);

/**
 * Canonical form of a code: upper-case letter + digits. Bare digits (`6513`) get their section
 * letter from the division range. Answers undefined when the shape is wrong or the division does
 * not exist.
 */
export function canonicalIndustryCode(input: string): string | undefined {
  const code = input.trim().toUpperCase();
  const m = /^([A-T])?([0-9]{2,4})?$/.exec(code);
  if (!m || (!m[1] && !m[2])) return undefined;
  const digits = m[2] ?? '';
  if (!digits) return m[1];
  const section = SECTION_OF_DIVISION.get(digits.slice(0, 2));
  if (!section || (m[1] && m[1] !== section)) return undefined;
  return section + digits;
}

/** Looks up a code at any level the catalogue knows (finer levels only when imported). */
export function findIndustry(code: string, catalogue: IndustryCatalogue = STANDARD_INDUSTRY_CATALOGUE): Industry | undefined {
  const canonical = canonicalIndustryCode(code);
  return canonical === undefined ? undefined : catalogue.byCode.get(canonical);
}

/** The standard's sections and divisions plus the given finer entries (which may also rename nothing: duplicates of shipped codes are ignored). */
export function buildIndustryCatalogue(extra: readonly Industry[]): IndustryCatalogue {
  const byCode = new Map<string, Industry>();
  for (const s of INDUSTRY_SECTIONS) byCode.set(s.code, s);
  for (const d of INDUSTRY_DIVISIONS) byCode.set(d.code, d);
  // Parents before children, so a class may follow its group anywhere in the file.
  const sorted = [...extra].sort((a, b) => DIGITS_BY_LEVEL[a.level] - DIGITS_BY_LEVEL[b.level]);
  for (const entry of sorted) {
    if (byCode.has(entry.code) && (entry.level === 'section' || entry.level === 'division')) continue;
    if (entry.parent === undefined || !byCode.has(entry.parent)) {
      throw new Error(`industry ${entry.code}: parent ${entry.parent ?? '(none)'} is not in the catalogue`);
    }
    byCode.set(entry.code, entry);
  }
  return { byCode };
}

/**
 * Parses a `code,name,level,parent` CSV (header optional; a UTF-8 BOM and double-quoted fields are
 * accepted). `level` is section/division/group/class or 门类/大类/中类/小类; `parent` may be empty and
 * is then derived from the code. Throws an error naming the line of the first bad row.
 */
export function parseIndustryCsv(text: string): Industry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const entries: Industry[] = [];
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (line.trim() === '') return;
    const fields = splitCsvLine(line, lineNo);
    if (index === 0 && fields[0]?.trim().toLowerCase() === 'code') return;
    if (fields.length < 3) throw new Error(`industry CSV line ${lineNo}: expected code,name,level,parent, got ${fields.length} field(s)`);
    const [rawCode = '', rawName = '', rawLevel = '', rawParent = ''] = fields.map((f) => f.trim());
    const code = canonicalIndustryCode(rawCode);
    if (!code) throw new Error(`industry CSV line ${lineNo}: code ${JSON.stringify(rawCode)} is not a GB/T 4754-2017 code`);
    const level = LEVEL_NAMES[rawLevel.toLowerCase()];
    if (!level) throw new Error(`industry CSV line ${lineNo}: level ${JSON.stringify(rawLevel)} is not one of section, division, group, class`);
    if (LEVEL_BY_DIGITS[code.length - 1] !== level) throw new Error(`industry CSV line ${lineNo}: code ${code} does not have the shape of a ${level}`);
    if (!rawName) throw new Error(`industry CSV line ${lineNo}: name is empty`);
    const derivedParent = level === 'section' ? undefined : level === 'division' ? code[0] : code.slice(0, code.length - 1);
    let parent = derivedParent;
    if (rawParent) {
      parent = canonicalIndustryCode(rawParent);
      if (parent !== derivedParent) throw new Error(`industry CSV line ${lineNo}: parent ${rawParent} does not contain ${code}`);
    }
    const entry: Industry = parent === undefined ? { code, name: rawName, level, section: code[0]! } : { code, name: rawName, level, section: code[0]!, parent };
    entries.push(entry);
  });
  return entries;
}

function splitCsvLine(line: string, lineNo: number): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (true) {
        if (i >= line.length) throw new Error(`industry CSV line ${lineNo}: unterminated quoted field`);
        if (line[i] === '"') {
          if (line[i + 1] === '"') { value += '"'; i += 2; continue; }
          i++;
          break;
        }
        value += line[i++];
      }
      fields.push(value);
      if (i < line.length && line[i] !== ',') throw new Error(`industry CSV line ${lineNo}: text after a quoted field`);
      i++;
    } else {
      const end = line.indexOf(',', i);
      const stop = end === -1 ? line.length : end;
      fields.push(line.slice(i, stop));
      i = stop + 1;
    }
  }
  return fields;
}
