/** The console's words, Chinese first; English when the operator switches (kept in localStorage: not a secret). */
export type Lang = 'zh' | 'en';
const STORE_KEY = 'zx-console-lang';

const zh = {
  appName: '征信 控制台', signIn: '登录', signOut: '退出', operator: '运维人员', customer: '客户', adminToken: '管理令牌', operatorName: '操作员姓名',
  operatorNameHint: '记入审计日志（可选）', accountKey: '账户 Key', secretKey: 'SecretKey', customerSignInHint: 'SecretKey 只在本浏览器内用于签名，不会发送到服务器。',
  overview: '概览', accounts: '账户', orders: '订单', companies: '企业', data: '数据', system: '系统', myCompany: '我的公司', myOrders: '我的订单',
  search: '搜索', create: '创建', save: '保存', cancel: '取消', confirm: '确认', close: '关闭', copy: '复制', copied: '已复制', back: '返回', next: '下一页', first: '第一页',
  name: '名称', state: '状态', balance: '余额', billing: '计费', creditLimit: '信用额度', createdAt: '创建时间', updatedAt: '更新时间',
  newAccount: '新建账户', initialBalance: '初始余额', secretOnce: '请立即保存：SecretKey 只显示这一次。', keyLabel: 'Key',
  suspend: '暂停', resume: '恢复', lock: '锁定', unlock: '解锁', topup: '充值', topupAmount: '充值金额', dailyQuota: '每日限额', concurrencyLimit: '并发上限',
  allowedIps: 'IP 白名单', allowedIpsHint: '每行一个 CIDR，如 10.0.0.0/8；留空表示不限制', interfaces: '接口与价格', bought: '已购', enabled: '启用', price: '价格',
  rotateSecret: '重置 SecretKey', rotateConfirm: '旧的 SecretKey 将立即失效。确定重置？', ledger: '余额流水', kind: '类型', amount: '金额', at: '时间',
  none: '无', unlimited: '不限', unknown: '未知', loading: '加载中…', empty: '没有记录', saved: '已保存', failed: '失败',
  account: '账户', company: '企业', from: '起始日期', to: '截止日期', filter: '筛选', all: '全部', orderNo: '订单号', format: '格式', finishedAt: '完成时间',
  download: '下载报告', timeline: '时间线', attempts: '尝试次数', failReason: '失败原因', refund: '退款', expiresAt: '到期时间', fileSize: '文件大小',
  stateP: '生成中', stateS: '成功', stateF: '失败',
  maintenance: '维护模式', maintenanceHint: '开启后 CreateReport 返回 124；查询和下载照常。', on: '开启', off: '关闭', interfaceSwitches: '接口开关',
  active: '正常', disabled: '停用', deleted: '下线', systemDailyLimit: '系统每日上限', confirmChange: '确定要做这项更改吗？',
  requestsByStatus: '每日请求（按 Status）', requestsByInterface: '每日请求（按接口）', ordersByDay: '每日订单（按状态）', ordersByState: '订单状态', queueDepth: '队列深度',
  turnaround: '出报告用时（最近 200 单）', median: '中位数', recentFailures: '最近失败', seconds: '秒',
  companySearch: '按名称片段或统一社会信用代码搜索', uscc: '统一社会信用代码', legalRep: '法定代表人', status: '登记状态', score: '评分', grade: '等级', preview: '预览报告（PDF）',
  facts: '工商信息', importTitle: '导入企业数据（NDJSON）', chooseFile: '选择文件', startImport: '开始导入', imported: '新增', updated: '更新', unchanged: '未变', rejected: '拒绝',
  firstErrors: '前几条错误', line: '行', reason: '原因', progress: '进度',
  usage: '每日用量（按 Status）', permissions: '权限', myAccount: '账户信息', newSecret: '新的 SecretKey', wrongToken: '登录失败', language: 'English',
  signedInAs: '已登录：', total: '合计',
  rerenderCharged: '重新生成（收费 {price}）', rerenderFree: '免费重新生成', rerenderedAs: '已重新生成为', rerenderOf: '重新生成自', rerenderBy: '操作人', charged: '收费',
  rerenderConfirmCharged: '将新建一个关联订单重新生成这份报告，并按原价 {price} 向该账户收费（原订单已退款，保持不变）。确定？',
  serverProgress: '服务器导入进度', uploadProgress: '上传进度', linesProcessed: '已处理', recentImports: '最近的导入', actor: '操作人',
  import_waiting: '等待文件', import_running: '导入中', import_done: '完成', import_failed: '失败', import_stalled: '无进展（进程可能已停止）',
  deliveries: '回调', watchList: '监控名单', event: '事件', callbackUrl: '回调地址', lastStatus: '最后状态码', lastError: '最后错误', replay: '重发',
  replayConfirm: '将立即重新发送这条回调到 {url}（并重新开始 24 小时重试）。确定？', replayed: '已重新排队发送',
  delivery_pending: '待发送', delivery_delivered: '已送达', delivery_failed: '失败', addedAt: '加入时间', previous: '上一页',
  watchHint: '通过 Monitor 接口加入的企业；其变更会推送到回调地址。', callbackUrlHint: 'http(s) 地址；每次发送时服务器都会检查它只指向公网地址。留空表示不回调。',
  callbackUrlOperatorOnly: '本服务允许回调到内网地址，因此回调地址只能由运维人员设置。',
  rerenderConfirmFree: '将新建一个关联订单免费重新生成这份报告（原订单已退款，保持不变）。确定？',
};
export type Word = keyof typeof zh;

const en: Record<Word, string> = {
  appName: 'Zhengxin Console', signIn: 'Sign in', signOut: 'Sign out', operator: 'Operator', customer: 'Customer', adminToken: 'Admin token', operatorName: 'Operator name',
  operatorNameHint: 'Recorded in the audit log (optional)', accountKey: 'Account key', secretKey: 'SecretKey', customerSignInHint: 'The SecretKey only signs a challenge in this browser; it is never sent to the server.',
  overview: 'Overview', accounts: 'Accounts', orders: 'Orders', companies: 'Companies', data: 'Data', system: 'System', myCompany: 'My company', myOrders: 'My orders',
  search: 'Search', create: 'Create', save: 'Save', cancel: 'Cancel', confirm: 'Confirm', close: 'Close', copy: 'Copy', copied: 'Copied', back: 'Back', next: 'Next page', first: 'First page',
  name: 'Name', state: 'State', balance: 'Balance', billing: 'Billing', creditLimit: 'Credit limit', createdAt: 'Created', updatedAt: 'Updated',
  newAccount: 'New account', initialBalance: 'Initial balance', secretOnce: 'Save it now: the SecretKey is shown this once only.', keyLabel: 'Key',
  suspend: 'Suspend', resume: 'Resume', lock: 'Lock', unlock: 'Unlock', topup: 'Top up', topupAmount: 'Top-up amount', dailyQuota: 'Daily quota', concurrencyLimit: 'Concurrency limit',
  allowedIps: 'IP allow-list', allowedIpsHint: 'One CIDR per line, e.g. 10.0.0.0/8; empty: any address', interfaces: 'Interfaces and prices', bought: 'Bought', enabled: 'Enabled', price: 'Price',
  rotateSecret: 'Rotate SecretKey', rotateConfirm: 'The old SecretKey stops working at once. Rotate?', ledger: 'Balance history', kind: 'Kind', amount: 'Amount', at: 'Time',
  none: 'None', unlimited: 'Unlimited', unknown: 'Unknown', loading: 'Loading…', empty: 'Nothing here', saved: 'Saved', failed: 'Failed',
  account: 'Account', company: 'Company', from: 'From', to: 'To', filter: 'Filter', all: 'All', orderNo: 'Order number', format: 'Format', finishedAt: 'Finished',
  download: 'Download report', timeline: 'Timeline', attempts: 'Attempts', failReason: 'Failure reason', refund: 'Refund', expiresAt: 'Expires', fileSize: 'File size',
  stateP: 'In progress', stateS: 'Succeeded', stateF: 'Failed',
  maintenance: 'Maintenance mode', maintenanceHint: 'While on, CreateReport answers 124; queries and downloads go on.', on: 'On', off: 'Off', interfaceSwitches: 'Interface switches',
  active: 'Active', disabled: 'Disabled', deleted: 'Deleted', systemDailyLimit: 'System daily limit', confirmChange: 'Make this change?',
  requestsByStatus: 'Requests per day by Status', requestsByInterface: 'Requests per day by interface', ordersByDay: 'Orders per day by state', ordersByState: 'Orders by state', queueDepth: 'Queue depth',
  turnaround: 'Time to report (last 200 orders)', median: 'median', recentFailures: 'Recent failures', seconds: 's',
  companySearch: 'Search by name fragment or USCC', uscc: 'USCC', legalRep: 'Legal representative', status: 'Registration status', score: 'Score', grade: 'Grade', preview: 'Preview report (PDF)',
  facts: 'Registration facts', importTitle: 'Import company data (NDJSON)', chooseFile: 'Choose file', startImport: 'Import', imported: 'Imported', updated: 'Updated', unchanged: 'Unchanged', rejected: 'Rejected',
  firstErrors: 'First errors', line: 'Line', reason: 'Reason', progress: 'Progress',
  usage: 'Usage per day by Status', permissions: 'Permissions', myAccount: 'Account', newSecret: 'New SecretKey', wrongToken: 'Sign-in failed', language: '中文',
  signedInAs: 'Signed in as ', total: 'Total',
  rerenderCharged: 'Re-render (charge {price})', rerenderFree: 'Re-render free of charge', rerenderedAs: 'Re-rendered as', rerenderOf: 'Re-render of', rerenderBy: 'By', charged: 'Charged',
  rerenderConfirmCharged: 'A new order linked to this one will render the report again, charging the account the original price {price} (this order stays failed and refunded). Go ahead?',
  serverProgress: 'Import progress on the server', uploadProgress: 'Upload progress', linesProcessed: 'Processed', recentImports: 'Recent imports', actor: 'By',
  import_waiting: 'Waiting for the file', import_running: 'Importing', import_done: 'Done', import_failed: 'Failed', import_stalled: 'No progress (its process may have stopped)',
  deliveries: 'Callbacks', watchList: 'Watch list', event: 'Event', callbackUrl: 'Callback URL', lastStatus: 'Last status', lastError: 'Last error', replay: 'Replay',
  replayConfirm: 'Send this callback to {url} again now (with a fresh 24 h of retries)?', replayed: 'Queued to send again',
  delivery_pending: 'Pending', delivery_delivered: 'Delivered', delivery_failed: 'Failed', addedAt: 'Added', previous: 'Previous page',
  watchHint: 'Companies added through the Monitor interfaces; their changes are sent to the callback URL.', callbackUrlHint: 'An http(s) URL; the server checks at every delivery that it points to a public address. Empty: no callbacks.',
  callbackUrlOperatorOnly: 'This service allows callbacks to private addresses, so only the operator sets callback URLs.',
  rerenderConfirmFree: 'A new order linked to this one will render the report again free of charge (this order stays failed and refunded). Go ahead?',
};

let lang: Lang = (() => {
  try {
    return localStorage.getItem(STORE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
})();

export function t(word: Word): string {
  return lang === 'en' ? en[word] : zh[word];
}

export function currentLang(): Lang {
  return lang;
}

export function toggleLang(): void {
  lang = lang === 'zh' ? 'en' : 'zh';
  try {
    localStorage.setItem(STORE_KEY, lang);
  } catch {
    // private mode: the choice lasts this page only
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}
