/**
 * What kind of entity a company document describes, and whether a credit report covers it
 * (DATA.md "What a credit report covers (status 208)"). The USCC's positions 1–2 (registering
 * authority + category) decide when the code is there; otherwise the registered 企业类型 text does.
 */
import { normaliseUscc } from './uscc.js';

export const ENTITY_KINDS = [
  // covered
  'ENTERPRISE',
  'INDIVIDUAL_BUSINESS', // 个体工商户
  'COOPERATIVE', // 农民专业合作社
  // not covered (208)
  'GOVERNMENT_ORGAN', // 机关
  'PUBLIC_INSTITUTION', // 事业单位
  'MASS_ORGANISATION', // 群众团体 and other 机构编制 entities
  'FOREIGN_AFFAIRS',
  'LAW_FIRM', // 律师执业机构
  'JUDICIAL_ADMIN', // other 司法行政 registrations
  'CULTURE',
  'SOCIAL_ORGANISATION', // 社会团体
  'PRIVATE_NON_ENTERPRISE', // 民办非企业单位
  'FOUNDATION', // 基金会
  'CIVIL_AFFAIRS_OTHER',
  'TOURISM',
  'RELIGIOUS',
  'TRADE_UNION',
  'MILITARY',
  'RURAL_COLLECTIVE', // 农村集体经济组织
  'OTHER_REGISTRATION', // Y1 其他
  'HK_MACAO_TAIWAN',
  'OVERSEAS',
] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface EntityKindResult {
  kind: EntityKind;
  /** False means the API answers 208 for it. */
  covered: boolean;
}

const COVERED = new Set<EntityKind>(['ENTERPRISE', 'INDIVIDUAL_BUSINESS', 'COOPERATIVE']);

export function isCoveredKind(kind: string): boolean {
  return COVERED.has(kind as EntityKind);
}

/** Positions 1–2 of the USCC → kind (GB 32100-2015 table, as listed in DATA.md). */
const BY_USCC_PREFIX: Readonly<Record<string, EntityKind>> = {
  '11': 'GOVERNMENT_ORGAN', '12': 'PUBLIC_INSTITUTION', '13': 'MASS_ORGANISATION', '19': 'MASS_ORGANISATION',
  '21': 'FOREIGN_AFFAIRS', '29': 'FOREIGN_AFFAIRS',
  '31': 'LAW_FIRM', '32': 'JUDICIAL_ADMIN', '33': 'JUDICIAL_ADMIN', '34': 'JUDICIAL_ADMIN', '35': 'JUDICIAL_ADMIN', '39': 'JUDICIAL_ADMIN',
  '41': 'CULTURE', '49': 'CULTURE',
  '51': 'SOCIAL_ORGANISATION', '52': 'PRIVATE_NON_ENTERPRISE', '53': 'FOUNDATION', '59': 'CIVIL_AFFAIRS_OTHER',
  '61': 'TOURISM', '62': 'TOURISM', '69': 'TOURISM',
  '71': 'RELIGIOUS', '72': 'RELIGIOUS', '79': 'RELIGIOUS',
  '81': 'TRADE_UNION', '89': 'TRADE_UNION',
  '91': 'ENTERPRISE', '92': 'INDIVIDUAL_BUSINESS', '93': 'COOPERATIVE',
  A1: 'MILITARY', A9: 'MILITARY',
  N1: 'RURAL_COLLECTIVE', N2: 'RURAL_COLLECTIVE', N3: 'RURAL_COLLECTIVE', N9: 'RURAL_COLLECTIVE',
  Y1: 'OTHER_REGISTRATION',
};

/**
 * Type texts of entities registered outside the mainland. Anchored at the start on purpose:
 * "有限责任公司（台港澳法人独资）" or "外商投资企业" are mainland enterprises with foreign investors
 * and are covered; "香港公司", "台湾企业", "外国（地区）企业", "境外企业" are not.
 */
const HK_MACAO_TAIWAN_TYPE = /^(中国)?(香港|澳门|台湾)(特别行政区|地区)?(公司|企业|法人|注册)/u;
const OVERSEAS_TYPE = /^(境外|海外|外国|国外)(\(地区\))?(公司|企业|法人|注册)/u;

/** Ordered: the first pattern found in the type text wins (个体 before 企业, 分公司 is an enterprise). */
const BY_TYPE_TEXT: ReadonlyArray<[RegExp, EntityKind]> = [
  [/个体/u, 'INDIVIDUAL_BUSINESS'],
  [/合作社/u, 'COOPERATIVE'],
  [/律师事务所|律师执业/u, 'LAW_FIRM'],
  [/基金会/u, 'FOUNDATION'],
  [/民办非企业|社会服务机构/u, 'PRIVATE_NON_ENTERPRISE'],
  [/社会团体|社团/u, 'SOCIAL_ORGANISATION'],
  [/事业单位/u, 'PUBLIC_INSTITUTION'],
  [/机关/u, 'GOVERNMENT_ORGAN'],
  [/宗教|寺|庙|教堂/u, 'RELIGIOUS'],
  [/工会/u, 'TRADE_UNION'],
  [/集体经济组织|经济合作社|股份经济合作/u, 'RURAL_COLLECTIVE'],
  [/军队/u, 'MILITARY'],
];

/**
 * Kind and coverage. An unrecognised type text counts as an enterprise: the register we import is a
 * register of market entities, and refusing a report on a type we failed to parse would be worse
 * than producing it.
 */
export function entityKind(uscc?: string | null, companyType?: string | null): EntityKindResult {
  const type = (companyType ?? '').normalize('NFKC').replace(/\s+/gu, '');
  if (HK_MACAO_TAIWAN_TYPE.test(type)) return result('HK_MACAO_TAIWAN');
  if (OVERSEAS_TYPE.test(type)) return result('OVERSEAS');
  const prefix = uscc ? normaliseUscc(uscc).slice(0, 2) : '';
  const byCode = BY_USCC_PREFIX[prefix];
  if (byCode) return result(byCode);
  for (const [pattern, kind] of BY_TYPE_TEXT) if (pattern.test(type)) return result(kind);
  return result('ENTERPRISE');
}

function result(kind: EntityKind): EntityKindResult {
  return { kind, covered: COVERED.has(kind) };
}
