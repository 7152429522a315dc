/**
 * The registration status the scorecard reads. DATA.md defines the normalised statuses;
 * src/companies/normalise.ts owns the mapping from registered text, and this module re-exports it so
 * the scorecard and the report share one reading, plus Chinese labels for display.
 */
import { normaliseStatus, type StatusNorm } from '../../companies/normalise.js';

export { normaliseStatus, type StatusNorm };

export const STATUS_LABELS: Readonly<Record<StatusNorm, string>> = {
  ACTIVE: '存续',
  MOVED_IN: '迁入',
  MOVED_OUT: '迁出',
  SUSPENDED: '停业/歇业',
  LIQUIDATING: '清算',
  REVOKED: '吊销',
  CANCELLED: '注销',
  ANNULLED: '撤销',
  ORDERED_CLOSED: '责令关闭',
  OTHER: '其他',
};
