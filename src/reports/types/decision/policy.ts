/**
 * The operator's credit policy for the 企业信用决策报告: thresholds, hard rejections, review triggers,
 * the data the policy requires, dimension weights and the credit-line model's parameters. The
 * service loads it once at start (policy-file.ts) and refuses to start on a bad one, naming the
 * field; the report prints its name and version. Validation is pure: the JSON Schema in
 * docs/decision-policy.schema.json plus the checks a schema cannot express (thresholds in order,
 * known category ids, a weight that is not zero).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { categoryCoverage, type CategoryId } from '../../../companies/categories.js';
import type { CompanyDocument } from '../../../companies/document.js';
import schema from '../../../../docs/decision-policy.schema.json' with { type: 'json' };
import type { Grade } from '../../score/types.js';

/** Every rule a policy may name as a hard rejection or a review trigger (rules.ts evaluates them). */
export const RULE_IDS = [
  'dishonest-current', 'status-inactive', 'insufficient-data', 'serious-violation-current', 'bankruptcy-pending',
  'liquidating-or-suspended', 'consumption-restriction-current', 'abnormal-operations-current', 'open-enforcement',
  'terminated-unpaid', 'tax-arrears-current', 'tax-violation-recent', 'equity-freeze-current', 'exit-restriction-current',
  'related-dishonest', 'related-revoked',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const DIMENSION_IDS = ['stability', 'performance', 'judicial', 'operating', 'related'] as const;
export type DimensionId = (typeof DIMENSION_IDS)[number];

export interface DecisionPolicy {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly thresholds: {
    readonly approveMinScore: number;
    readonly reviewMinScore: number;
    readonly approveMinComposite: number;
    readonly reviewMinComposite: number;
  };
  readonly hardRejections: readonly RuleId[];
  readonly reviewTriggers: readonly RuleId[];
  readonly requiredData: { readonly categories: readonly CategoryId[]; readonly onMissing: 'review' | 'decline' };
  readonly dimensions: { readonly weights: Readonly<Record<DimensionId, number>>; readonly onUnknown: 'review' | 'ignore' };
  readonly creditLine: CreditLineParameters;
}

/** Amounts in 万元. */
export interface CreditLineParameters {
  readonly revenueRatio: number;
  readonly taxPaidMultiple: number;
  readonly perInsuredStaff: number;
  readonly paidInRatio: number;
  readonly gradeMultipliers: Readonly<Record<Grade, number>>;
  readonly reviewFactor: number;
  readonly openEnforcementDeduction: number;
  readonly guaranteeDeduction: number;
  readonly pledgeHaircut: number;
  readonly unknownCapHaircut: number;
  readonly maxAmount: number;
  readonly minAmount: number;
  readonly roundTo: number;
  readonly termMonths: Readonly<Record<Grade, number>>;
  readonly reviewMaxTermMonths: number;
}

/**
 * The policy shipped with zhengxin, used when ZHENGXIN_DECISION_POLICY is not set. The same policy is
 * docs/decision-policy.default.yaml (a test keeps the two equal), which an operator copies to edit.
 */
export const DEFAULT_DECISION_POLICY: DecisionPolicy = deepFreeze({
  name: 'zhengxin-default',
  version: '2026.12',
  description: 'zhengxin 默认授信策略：示例参数，银行应按自身风险偏好修改后使用。',
  thresholds: { approveMinScore: 700, reviewMinScore: 540, approveMinComposite: 70, reviewMinComposite: 50 },
  hardRejections: ['dishonest-current', 'status-inactive', 'insufficient-data', 'serious-violation-current', 'bankruptcy-pending'],
  reviewTriggers: [
    'liquidating-or-suspended', 'consumption-restriction-current', 'abnormal-operations-current', 'open-enforcement',
    'terminated-unpaid', 'tax-arrears-current', 'tax-violation-recent', 'equity-freeze-current', 'exit-restriction-current',
    'related-dishonest', 'related-revoked',
  ],
  requiredData: {
    categories: ['judgments', 'enforcements', 'dishonest', 'consumption-restrictions', 'abnormal-operations', 'serious-violations', 'annual-reports'],
    onMissing: 'review',
  },
  dimensions: { weights: { stability: 0.2, performance: 0.3, judicial: 0.2, operating: 0.15, related: 0.15 }, onUnknown: 'review' },
  creditLine: {
    revenueRatio: 0.1,
    taxPaidMultiple: 2,
    perInsuredStaff: 2,
    paidInRatio: 0.2,
    gradeMultipliers: { AAA: 1.5, AA: 1.3, A: 1.1, BBB: 1, BB: 0.7, B: 0.4, CCC: 0, CC: 0, C: 0 },
    reviewFactor: 0.6,
    openEnforcementDeduction: 1,
    guaranteeDeduction: 0.5,
    pledgeHaircut: 0.5,
    unknownCapHaircut: 0.8,
    maxAmount: 5000,
    minAmount: 10,
    roundTo: 10,
    termMonths: { AAA: 36, AA: 36, A: 24, BBB: 24, BB: 12, B: 6, CCC: 0, CC: 0, C: 0 },
    reviewMaxTermMonths: 12,
  },
});

/** A policy that cannot be used; the message names the field (`thresholds.reviewMinScore`). */
export class DecisionPolicyError extends Error {
  override name = 'DecisionPolicyError';
  constructor(readonly field: string, readonly problem: string, source?: string) {
    super(`decision policy${source ? ` ${source}` : ''}: ${field || '(top level)'} ${problem}`);
  }
}

let validator: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  // allErrors: a misspelt field is reported as such rather than as the correct name missing.
  validator ??= new Ajv2020({ strict: false, allErrors: true }).compile(schema);
  return validator;
}

/** `/a/b/0` → `a.b[0]`: the field as an operator reads it in YAML or JSON. */
function fieldOf(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function describe(error: ErrorObject): DecisionPolicyError {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return new DecisionPolicyError(fieldOf(error.instancePath, String(p.missingProperty)), 'is missing');
    case 'additionalProperties':
      return new DecisionPolicyError(fieldOf(error.instancePath, String(p.additionalProperty)), 'is not a policy field (misspelt?)');
    case 'enum':
      return new DecisionPolicyError(fieldOf(error.instancePath), `must be one of ${(p.allowedValues as unknown[]).map(String).join(', ')}`);
    default:
      return new DecisionPolicyError(fieldOf(error.instancePath), error.message ?? 'is invalid');
  }
}

const KNOWN_CATEGORIES: ReadonlySet<string> = new Set(categoryCoverage({} as CompanyDocument).map((c) => c.category.id));

/** Checks a parsed policy; returns it frozen, or throws DecisionPolicyError naming the first bad field. */
export function validateDecisionPolicy(value: unknown, source?: string): DecisionPolicy {
  const validate = schemaValidator();
  if (!validate(value)) {
    const errors = validate.errors ?? [];
    const e = describe(errors.find((x) => x.keyword === 'additionalProperties') ?? errors[0]!);
    throw new DecisionPolicyError(e.field, e.problem, source);
  }
  const policy = value as DecisionPolicy;
  const fail = (field: string, problem: string): never => {
    throw new DecisionPolicyError(field, problem, source);
  };
  const t = policy.thresholds;
  if (t.reviewMinScore > t.approveMinScore) fail('thresholds.reviewMinScore', `(${t.reviewMinScore}) must not exceed thresholds.approveMinScore (${t.approveMinScore})`);
  if (t.reviewMinComposite > t.approveMinComposite) fail('thresholds.reviewMinComposite', `(${t.reviewMinComposite}) must not exceed thresholds.approveMinComposite (${t.approveMinComposite})`);
  policy.requiredData.categories.forEach((c, i) => {
    if (!KNOWN_CATEGORIES.has(c)) fail(`requiredData.categories[${i}]`, `"${c}" is not a data category (see src/companies/categories.ts)`);
  });
  if (DIMENSION_IDS.every((d) => policy.dimensions.weights[d] === 0)) fail('dimensions.weights', 'must give at least one dimension a weight above 0');
  const both = policy.hardRejections.filter((r) => policy.reviewTriggers.includes(r));
  if (both.length > 0) fail('reviewTriggers', `repeats ${both.join(', ')}, already a hard rejection`);
  const c = policy.creditLine;
  if (c.minAmount > c.maxAmount) fail('creditLine.minAmount', `(${c.minAmount}) must not exceed creditLine.maxAmount (${c.maxAmount})`);
  return deepFreeze(structuredClone(policy));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
