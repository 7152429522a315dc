/**
 * What the relation graph knows about one company, as plain data: the contract between the graph
 * (src/companies/relations, which derives it from the store) and its readers (the report model
 * builders on render threads, the findRelation and EquityThrough interfaces, `company graph`).
 *
 * Plain data only (no functions, Dates or classes): it crosses a worker-thread boundary by
 * structured clone and is printed as JSON. Ratios are fractions (0.336 for 33.6 %), never display
 * text; readers format them. `null` means "not known" (the source did not give it), which is not 0.
 *
 * Stability: shared by several modules. Changes are additive only.
 */

/** A node of the graph: a company of the store (or named by a document but not in the store), or a person. */
export interface Party {
  /** Stable graph id: a company's KeyNo, or the person id the identity rule assigned (`p_…`). */
  readonly id: string;
  readonly type: 'company' | 'person' | 'other';
  readonly name: string;
  /** Companies in the store only. */
  readonly keyNo?: string;
}

/** One shareholding edge on a chain: `holder` holds `ratio` of `held`. */
export interface HoldingStep {
  readonly holder: Party;
  readonly held: Party;
  /** Fraction 0–1, or null when the source gave no ratio. */
  readonly ratio: number | null;
}

export interface ControllerFinding {
  /**
   * `found`: one controller. `none`: shareholders are known but nobody controls (e.g. 50/50), see
   * `reason`. `unknown`: the store has no shareholder data to decide (never read as "none").
   */
  readonly status: 'found' | 'none' | 'unknown';
  readonly controller?: Party;
  /** From the controller down to the company, one step per level. */
  readonly chain?: readonly HoldingStep[];
  /** Product of the chain's ratios summed over every path from the controller (null if a ratio is unknown). */
  readonly cumulativeRatio?: number | null;
  /** `declared`: the data's isController; `majority`: > 50 % at each level; `largest`: the documented largest-holder rule. */
  readonly basis?: 'declared' | 'majority' | 'largest';
  /** Why, in Chinese, e.g. `两名股东各持股 50%，无单一控制人`. */
  readonly reason: string;
}

export interface BeneficialOwner {
  readonly person: Party;
  /** Summed over every path (products along each path). */
  readonly cumulativeRatio: number;
  /** Every path from the person down to the company. */
  readonly paths: readonly (readonly HoldingStep[])[];
}

/** The equity penetration tree: the company at the root, its shareholders as children, upwards. */
export interface PenetrationNode {
  readonly party: Party;
  /** Share this node holds in its parent node (null at the root, or unknown). */
  readonly ratio: number | null;
  /** Subscribed capital as display text with its currency, when known. */
  readonly subscribedAmount?: string;
  readonly children: readonly PenetrationNode[];
  /** True when the depth limit stopped the walk here although the party has shareholders. */
  readonly truncated?: boolean;
  /** True when this party already appears on the path to the root (a cross-holding): not expanded again. */
  readonly cycle?: boolean;
}

/**
 * Risk flags of a related company; each is null when not known: the category was not supplied, or
 * the company is not in the store (then nothing is known of its records).
 */
export interface RelatedCompanyFlags {
  readonly dishonest: number | null;
  readonly enforcements: number | null;
  readonly abnormalOperations: number | null;
  /** Registration status is 吊销; null when the status is not known. */
  readonly revoked: boolean | null;
}

export interface RelatedCompany {
  /**
   * The stored company's KeyNo. Absent for a company a document names (an investee, a controlling
   * company's investee) that is not in the store, or whose name two stored companies share: it is
   * listed all the same, with what the naming document says and unknown flags.
   */
  readonly keyNo?: string;
  readonly name: string;
  /**
   * Registration status as registered; for a company outside the store, as the naming document
   * gives it; the empty string when not known (never read as "in business").
   */
  readonly status: string;
  /** Share held (investees and a controlling company's investees), a fraction; null when not given. Absent for person relations. */
  readonly ratio?: number | null;
  /** How it is related to the company of the report. */
  readonly relation: 'legal-rep-other' | 'controller-other' | 'investee';
  /** The person or company through which it is related, e.g. the legal representative's name. */
  readonly via: string;
  readonly flags: RelatedCompanyFlags;
}

export interface RelationFacts {
  readonly keyNo: string;
  readonly controller: ControllerFinding;
  readonly beneficialOwners: readonly BeneficialOwner[];
  /** The threshold used for beneficial owners (default 0.25, the PBOC rule). */
  readonly beneficialOwnerThreshold: number;
  readonly penetration: PenetrationNode;
  /** Each cross-holding met, as the cycle's parties in order. */
  readonly cycles: readonly (readonly Party[])[];
  readonly related: readonly RelatedCompany[];
}
