import type { Migration } from 'kysely';
import * as m0001 from './0001_companies.js';
import * as m0002 from './0002_accounts.js';
import * as m0003 from './0003_orders.js';
import * as m0010 from './0010_job_outbox.js';
import * as m0011 from './0011_account_orders_in_flight.js';
import * as m0012 from './0012_sqlite_company_indexes_droppable.js';
import * as m0020 from './0020_interface_prices.js';
import * as m0030 from './0030_company_search.js';
import * as m0040 from './0040_queue_self_healing.js';
import * as m0050 from './0050_report_repairs.js';
import * as m0060 from './0060_company_relations.js';
import * as m0065 from './0065_order_report_type.js';
import * as m0070 from './0070_company_contacts.js';
import * as m0075 from './0075_interface_quotas.js';
import * as m0076 from './0076_search_without_legal_form_tails.js';
import * as m0080 from './0080_console.js';
import * as m0081 from './0081_console_order_filters.js';
import * as m0085 from './0085_realtime.js';
import * as m0090 from './0090_relations_mention_index.js';
import * as m0105 from './0105_order_rerenders.js';
import * as m0106 from './0106_console_imports.js';
import * as m0110 from './0110_company_versions.js';
import * as m0115 from './0115_drop_legal_rep_contact_keys.js';
import * as m0116 from './0116_person_groups.js';

/**
 * Append-only: a landed migration is frozen. Add a new file with the next number and list it here.
 * Names sort lexically, which is the order Kysely applies them in.
 */
export const migrations: Record<string, Migration> = {
  '0001_companies': m0001,
  '0002_accounts': m0002,
  '0003_orders': m0003,
  '0010_job_outbox': m0010,
  '0011_account_orders_in_flight': m0011,
  '0012_sqlite_company_indexes_droppable': m0012,
  '0020_interface_prices': m0020,
  '0030_company_search': m0030,
  '0040_queue_self_healing': m0040,
  '0050_report_repairs': m0050,
  '0060_company_relations': m0060,
  '0065_order_report_type': m0065,
  '0070_company_contacts': m0070,
  '0075_interface_quotas': m0075,
  '0076_search_without_legal_form_tails': m0076,
  '0080_console': m0080,
  '0081_console_order_filters': m0081,
  '0085_realtime': m0085,
  '0090_relations_mention_index': m0090,
  '0105_order_rerenders': m0105,
  '0106_console_imports': m0106,
  '0110_company_versions': m0110,
  '0115_drop_legal_rep_contact_keys': m0115,
  '0116_person_groups': m0116,
};
