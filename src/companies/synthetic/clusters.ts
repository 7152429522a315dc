/**
 * Shell-like clusters in generated data (docs/report-types.md "Store-wide counts"), so that the
 * shell scan's store-wide counts meet crowded keys: 集中注册地 (a registration agent's address
 * with hundreds of companies), the agent's e-mail on their forms, and nominee legal
 * representatives who head a dozen or more of them, linked under the identity rule by the agent's
 * clerk, 监事 at each of their companies.
 *
 * Indices are cut into blocks of CLUSTER_BLOCK; each block has HOT_ADDRESSES agent addresses, each
 * in one county drawn by the block's own stream, with NOMINEES nominees. About CLUSTER_SHARE of
 * the block's small private bodies (limited companies, sole proprietorships, partnerships) are
 * registered at one of them, decided by the index's own stream, so any company's place is
 * computable from its index alone (the generator's guarantee); NOMINEE_SHARE of those are headed
 * by one of the address's nominees. No phone numbers, as elsewhere in the generator: any plausible
 * number may belong to somebody.
 */
import type { Division } from '../divisions.js';
import { Random } from './random.js';
import { GIVEN_NAME_CHARS, ROAD_NAMES, ROAD_SUFFIXES, SURNAMES } from './vocabulary.js';

export const CLUSTER_BLOCK = 100_000;
export const HOT_ADDRESSES = 4;
export const CLUSTER_SHARE = 0.012;
export const NOMINEES = 6;
export const NOMINEE_SHARE = 0.5;
const MEMBER_STREAM = 21;
const BLOCK_STREAM = 22;

/** A company's place in a cluster. */
export interface ClusterPlace {
  /** The agent's county: the member is registered there. */
  readonly division: Division;
  /** The address after the county's prefix, spelled as this member's form spells it. */
  readonly addressTail: string;
  readonly agentEmail: string;
  /** The nominee legal representative, when this member has one. */
  readonly nominee: string | undefined;
  /** The agent's clerk, 监事 at every nominee-headed member. */
  readonly clerk: string;
}

interface HotAddress {
  readonly division: Division;
  readonly road: string;
  readonly building: number;
  readonly room: number;
  readonly agentEmail: string;
  readonly nominees: readonly string[];
  readonly clerk: string;
}

const ELIGIBLE = new Set(['limited', 'sole_proprietorship', 'partnership']);

// Documents are generated in index order, so the block asked for is nearly always the last one.
let cached: { seedHash: number; block: number; hot: HotAddress[] } | undefined;

function threeCharName(random: Random): string {
  return random.pick(SURNAMES) + random.pick(GIVEN_NAME_CHARS) + random.pick(GIVEN_NAME_CHARS);
}

function hotAddresses(seedHash: number, block: number, drawCounty: (random: Random) => Division): HotAddress[] {
  if (cached && cached.seedHash === seedHash && cached.block === block) return cached.hot;
  const random = new Random(seedHash, block, BLOCK_STREAM);
  const hot = Array.from({ length: HOT_ADDRESSES }, (_, slot): HotAddress => ({
    division: drawCounty(random),
    road: `${random.pick(ROAD_NAMES)}${random.pick(ROAD_SUFFIXES)}${1 + random.int(999)}号`,
    building: 1 + random.int(30),
    room: 100 + random.int(2800),
    agentEmail: `agent${block * HOT_ADDRESSES + slot}@example.com`,
    nominees: Array.from({ length: NOMINEES }, () => threeCharName(random)),
    clerk: threeCharName(random),
  }));
  cached = { seedHash, block, hot };
  return hot;
}

/**
 * The cluster place of company `index` whose kind is `kind`, or undefined (most companies).
 * `drawCounty` draws a county from a random stream (identity.ts's province weights).
 */
export function clusterPlaceOf(seedHash: number, index: number, kind: string, drawCounty: (random: Random) => Division): ClusterPlace | undefined {
  if (!ELIGIBLE.has(kind)) return undefined;
  const random = new Random(seedHash, index, MEMBER_STREAM);
  if (!random.chance(CLUSTER_SHARE)) return undefined;
  const h = hotAddresses(seedHash, Math.floor(index / CLUSTER_BLOCK), drawCounty)[random.int(HOT_ADDRESSES)]!;
  const nominee = random.chance(NOMINEE_SHARE) ? h.nominees[random.int(NOMINEES)] : undefined;
  // Forms spell one room several ways; the store's address normalisation makes them meet.
  const spelling = random.int(3);
  const room = spelling === 0 ? `${h.room}室` : spelling === 1 ? `${h.room}房` : `${h.room}号房`;
  return { division: h.division, addressTail: `${h.road}${h.building}幢${room}`, agentEmail: h.agentEmail, nominee, clerk: h.clerk };
}
