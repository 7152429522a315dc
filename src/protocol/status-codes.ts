/**
 * The one registry of wire status codes and their messages (PROTOCOL.md "Status codes", verbatim:
 * vendor clients match on `Message`). status-codes.test.ts fails when this table and the
 * protocol document disagree.
 */
export const STATUS_MESSAGES = {
  // Valid requests
  '200': '【有效请求】查询成功',
  '201': '【有效请求】查询无结果',
  '202': '【有效请求】查询参数错误，请检查',
  '205': '【有效请求】等待处理中',
  '207': '【有效请求】请求数据的条目数超过上限（5000）',
  '208': '【有效请求】此接口不支持此公司类型查询',
  '209': '【有效请求】企业数量超过上限',
  '213': '【有效请求】参数长度不能小于2',
  '215': '【有效请求】不支持的查询关键字',
  '218': '【有效请求】该企业暂不支持空壳扫描',
  '219': '【有效请求】该企业暂不支持准入尽调',
  // Invalid requests
  '101': '【无效请求】当前的KEY无效或者还未生效中',
  '102': '【无效请求】当前KEY已欠费',
  '103': '【无效请求】当前KEY被暂停使用',
  '104': '【无效请求】请求KEY异常，请联系管理员',
  '106': '【无效请求】非法请求过多，请联系管理员',
  '107': '【无效请求】被禁止的IP或者签名错误',
  '108': '【无效请求】异常请求过多，请联系管理员',
  '109': '【无效请求】请求超过每日系统限制',
  '111': '【无效请求】接口权限未开通，请联系管理员',
  '112': '【无效请求】您的账号剩余使用量已不足或已过期',
  '113': '【无效请求】当前接口已被删除，请重新申请',
  '114': '【无效请求】当前接口已被禁用，请联系管理员',
  '115': '【无效请求】身份验证错误或者已过期',
  '116': '【无效请求】请求超过每日调用总量限制',
  '118': '【无效请求】当前接口不支持此方式的调用',
  '119': '【无效请求】您的帐号出现异常，请联系管理员',
  '122': '【无效请求】请求超过系统并发限制',
  '124': '【无效请求】系统维护中，暂时无法下单',
  '199': '【无效请求】系统未知错误，请联系技术客服',
  '203': '【无效请求】系统查询有异常，请联系技术人员',
  '214': '【无效请求】您还未购买过该接口，请先购买',
  '223': '【无效请求】当前接口的计费方式不支持此查询参数',
  '500': '【无效请求】接口相关的逻辑错误',
} as const;

export type StatusCode = keyof typeof STATUS_MESSAGES;
export type ErrorStatus = Exclude<StatusCode, '200'>;

/** Success messages per endpoint (used instead of the table's generic 200 text). */
export const SUCCESS_MESSAGES = {
  CreateReport: '报告下单成功',
  GetReportInfo: '查询成功',
} as const;

/** Parameter errors count toward the 108 lockout. */
export const PARAMETER_ERROR_STATUSES: ReadonlySet<StatusCode> = new Set(['202', '213', '215']);
/** Failed authentications count toward the 106 lockout. */
export const AUTH_FAILURE_STATUSES: ReadonlySet<StatusCode> = new Set(['107', '115']);

export function statusMessage(code: StatusCode): string {
  return STATUS_MESSAGES[code];
}
