/**
 * Corporate groups in generated data (docs/relations.md "Synthetic groups"), so that the relation
 * graph has something to find: holding chains, people with posts across a group, and a few
 * cross-holdings.
 *
 * Indices are cut into runs of GROUP_SIZE; about GROUP_SHARE of the runs form a group, decided by
 * the run's own random stream, so any company's place is computable from its index alone (the
 * generator's guarantee that every document depends only on the seed and its index). In a group
 * the limited and joint-stock members, in index order, form a chain: each is held and controlled
 * (declared, and by its largest share) by the previous one, and the head's legal representative
 * is a director of every member. In about one group in CYCLE_ONE_IN, the head's smallest holder is
 * the group's last member: a cross-holding cycle. That last member has a higher index than the
 * head, so in a prefix of the run it may be named without being generated (an outside holder, as
 * the generator's other outsiders).
 */
import { Random } from './random.js';
import { companyIdentity, type CompanyIdentity, type GeneratorKeys } from './identity.js';

export const GROUP_SIZE = 6;
export const GROUP_SHARE = 0.3;
export const CYCLE_ONE_IN = 15;
const GROUP_STREAM = 11;

export interface GroupPlace {
  /** The member above this one (its controlling holder), absent for the head. */
  readonly parent?: CompanyIdentity;
  /** The head's legal representative, for members after the head. */
  readonly headLegalRep?: string;
  /** For the head of a cycle group: the member that holds a minority of it. */
  readonly cycleHolder?: CompanyIdentity;
}

interface GroupCache {
  group: number;
  members: CompanyIdentity[] | undefined;
  cycle: boolean;
}

// Documents are generated in index order, so the last run's members are nearly always the ones asked for.
const cache = new WeakMap<GeneratorKeys, GroupCache>();

export function groupPlaceOf(keys: GeneratorKeys, index: number): GroupPlace | undefined {
  const group = Math.floor(index / GROUP_SIZE);
  let c = cache.get(keys);
  if (!c || c.group !== group) {
    const random = new Random(keys.seedHash, group, GROUP_STREAM);
    const formed = random.chance(GROUP_SHARE);
    const cycle = random.chance(1 / CYCLE_ONE_IN);
    let members: CompanyIdentity[] | undefined;
    if (formed) {
      members = [];
      for (let j = group * GROUP_SIZE; j < (group + 1) * GROUP_SIZE; j++) {
        const id = companyIdentity(keys, j);
        if ((id.kind === 'limited' || id.kind === 'joint_stock') && !id.companyType.includes('国有')) members.push(id);
      }
      if (members.length < 2) members = undefined;
    }
    c = { group, members, cycle };
    cache.set(keys, c);
  }
  const members = c.members;
  if (!members) return undefined;
  const at = members.findIndex((m) => m.index === index);
  if (at < 0) return undefined;
  if (at === 0) return c.cycle && members.length >= 3 ? { cycleHolder: members[members.length - 1]! } : {};
  return { parent: members[at - 1]!, headLegalRep: members[0]!.legalRep };
}
