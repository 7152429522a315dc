/**
 * Word lists the synthetic generator draws from. Invented combinations only: no list here names a
 * real company or person, and every generated document carries `"source":"synthetic"`.
 */

/** Characters for 字号 (trade names): common in real names, so pairs read plausibly (390 distinct: 152,100 pairs). */
export const TRADE_NAME_CHARS = Array.from(
  '华信达泰鑫源恒盛隆兴昌荣丰茂瑞祥和瀚海天宇宏博通联创新嘉禾德润金石银河星辰明远卓越诚安康宁益' +
    '晟睿智慧云帆汇众合力鼎立中鸿凯旋腾飞翔龙凤锦绣怡乐欣悦佳美俊朗伟业广厚长青永久常春万家百川' +
    '千里九州四方三元二仁一品正大光耀辉煌灿烂精工巧匠匠心宝鼎尚品优选臻致远景弘毅敏捷蓝图绿洲紫' +
    '荆红枫白鹭黄鹤青松翠柏梧桐芳华秀峰岳山川江湖河洋沃野田园禾苗稻麦谷粟桑麻竹梅兰菊松柏杉桦' +
    '宸昊晖曜烨炜焕熠琦瑜琪璟瑾璞玉珏珑琳瑶琼瑛瑞霖霏雯露霞岚峻崇巍峥嵘屹岱岩磊森林杰豪俊贤哲' +
    '君子信义礼智仁勇忠孝谦恭敬诚实朴素雅致简约合众同舟共济惠民利农富邦强国兴邦安邦定远宁远致' +
    '拓展进取开元启明晨曦朝阳夕照春华秋实夏荷冬雪东升西进南翔北辰中天上品尚德厚德载物启航扬帆' +
    '元亨利贞乾坤福禄喜旺聚宝吉庆祺祯禧麒麟骏驰骐骥鹏程锐蓬勃朝气蔚图略航领先锋导引识思溯本固培道同心协凝汇才英彦翰墨书香诗韵座玺珍珠琥珀翡翠钻亮光月日维革更焕迈奋精前沿尖端沐泽润泓澜涛汐渊沛淳澄清湛源浩瀚淼鑫钰铭锋锦铂钧鸣鹰鹏雁鸿燕莺鹂麟骅骐驿舟航桥梁栋楠樟榕槐柳杨桃李杏橙柚茗萱蕾蔚芃芸莉菲蓉荷莲葵薇芷',
).filter((ch, i, all) => all.indexOf(ch) === i);

export const SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
);
export const GIVEN_NAME_CHARS = Array.from(
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强志明海燕玉兰文辉晓东晓明红梅' +
    '斌鹏飞宇浩然子轩梓涵雨欣思远俊杰嘉怡欣怡一鸣天佑宏伟德华春生秋菊冬梅金凤银花振华卫东立新建军国庆' +
    '永红淑珍桂芝凤兰玉珍秀珍宝山福林玉梅丹丹婷婷晨阳家豪博文明轩浩宇梦瑶雅琪佳琪慧敏晓燕丽娟',
).filter((ch, i, all) => all.indexOf(ch) === i);

export const ROAD_NAMES = ['建设', '人民', '解放', '中山', '和平', '新华', '东风', '胜利', '文化', '长江', '黄河', '青年', '光明', '朝阳', '迎宾', '幸福', '团结', '友谊', '工业', '科技', '创业', '学府', '滨江', '环城', '世纪', '金融', '商业', '开发', '花园', '振兴'];
export const ROAD_SUFFIXES = ['路', '大道', '街', '东路', '西路', '南路', '北路', '中路'];

/**
 * Industries the generator uses, with the 行业词 that goes in a name and a short 经营范围.
 * `weight` is a rough share among ordinary enterprises (批发零售, 商务服务, 科技 dominate).
 */
export interface IndustryChoice {
  readonly code: string;
  readonly words: readonly string[];
  readonly scope: string;
  readonly weight: number;
}

export const ENTERPRISE_INDUSTRIES: readonly IndustryChoice[] = [
  { code: 'F51', words: ['商贸', '贸易', '实业', '进出口', '供应链'], scope: '日用百货、五金交电、建筑材料、电子产品的批发；货物进出口。', weight: 18 },
  { code: 'F52', words: ['商业', '百货', '超市'], scope: '日用百货、食品、服装鞋帽的零售。', weight: 6 },
  { code: 'L72', words: ['企业管理咨询', '商务咨询', '广告', '人力资源', '会展服务'], scope: '企业管理咨询；商务信息咨询；市场营销策划；会议及展览服务。', weight: 12 },
  { code: 'I65', words: ['信息技术', '软件科技', '网络科技', '数据科技', '智能科技'], scope: '软件开发；信息系统集成服务；信息技术咨询服务；数据处理服务。', weight: 10 },
  { code: 'I64', words: ['网络科技', '互联网科技'], scope: '互联网信息服务；网络技术服务；网络与信息安全软件开发。', weight: 3 },
  { code: 'M75', words: ['科技', '生物科技', '新材料科技', '环保科技'], scope: '技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广。', weight: 7 },
  { code: 'M74', words: ['工程技术', '检测技术', '设计'], scope: '工程管理服务；工程勘察；检验检测服务；专业设计服务。', weight: 3 },
  { code: 'E47', words: ['建设', '建筑工程'], scope: '房屋建筑和市政基础设施项目工程总承包；建设工程施工。', weight: 4 },
  { code: 'E48', words: ['路桥工程', '市政工程'], scope: '市政设施管理；公路工程施工；土石方工程施工。', weight: 2 },
  { code: 'E50', words: ['装饰工程', '建筑装饰'], scope: '住宅室内装饰装修；建筑装饰材料销售。', weight: 4 },
  { code: 'G54', words: ['物流', '运输', '货运代理'], scope: '道路货物运输（不含危险货物）；国内货物运输代理；仓储服务。', weight: 4 },
  { code: 'G58', words: ['国际货运代理', '供应链管理'], scope: '国际货物运输代理；国内货物运输代理；报关业务。', weight: 1 },
  { code: 'H62', words: ['餐饮管理', '餐饮'], scope: '餐饮服务；食品销售；餐饮管理。', weight: 3 },
  { code: 'H61', words: ['酒店管理', '酒店'], scope: '住宿服务；酒店管理；会议服务。', weight: 1 },
  { code: 'K70', words: ['房地产开发', '置业', '物业管理'], scope: '房地产开发经营；物业管理；房地产经纪。', weight: 3 },
  { code: 'C39', words: ['电子科技', '电子', '通信设备'], scope: '电子元器件制造；通信设备制造；电子产品销售。', weight: 3 },
  { code: 'C38', words: ['电气', '电器', '照明电器'], scope: '配电开关控制设备制造；电线、电缆制造；照明器具制造。', weight: 2 },
  { code: 'C34', words: ['机械', '机械设备', '机电设备'], scope: '通用设备制造；机械零部件加工；机械设备销售。', weight: 3 },
  { code: 'C35', words: ['专用设备', '智能装备'], scope: '专用设备制造；环境保护专用设备制造；智能控制系统集成。', weight: 2 },
  { code: 'C33', words: ['五金制品', '金属制品'], scope: '五金产品制造；金属结构制造；金属表面处理。', weight: 2 },
  { code: 'C29', words: ['塑料制品', '橡塑制品'], scope: '塑料制品制造；橡胶制品制造；塑料制品销售。', weight: 1 },
  { code: 'C26', words: ['化工', '新材料'], scope: '化工产品生产（不含许可类化工产品）；化工产品销售。', weight: 1 },
  { code: 'C27', words: ['医药', '生物医药', '制药'], scope: '药品生产；药品批发；医学研究和试验发展。', weight: 1 },
  { code: 'C13', words: ['食品', '粮油'], scope: '食用农产品初加工；粮食加工食品生产；食品销售。', weight: 1 },
  { code: 'C14', words: ['食品', '食品科技'], scope: '食品生产；食品销售；保健食品生产。', weight: 1 },
  { code: 'C18', words: ['服饰', '服装'], scope: '服装制造；服饰制造；服装服饰批发。', weight: 2 },
  { code: 'C21', words: ['家具', '家居'], scope: '家具制造；家具销售；家居用品销售。', weight: 1 },
  { code: 'C36', words: ['汽车零部件', '汽车配件'], scope: '汽车零部件及配件制造；汽车零配件批发。', weight: 1 },
  { code: 'D44', words: ['新能源', '能源科技', '电力工程'], scope: '太阳能发电技术服务；发电业务、输电业务、供（配）电业务。', weight: 1 },
  { code: 'N77', words: ['环境工程', '环保工程'], scope: '环境保护监测；水污染治理；固体废物治理。', weight: 1 },
  { code: 'J69', words: ['投资管理', '资产管理', '投资'], scope: '以自有资金从事投资活动；资产管理服务。', weight: 2 },
  { code: 'J67', words: ['私募基金管理'], scope: '私募股权投资基金管理、创业投资基金管理服务。', weight: 0.3 },
  { code: 'R86', words: ['文化传媒', '传媒'], scope: '出版物批发；广告设计、代理；组织文化艺术交流活动。', weight: 2 },
  { code: 'R88', words: ['文化艺术', '文化发展'], scope: '组织文化艺术交流活动；文艺创作；演出经纪。', weight: 1 },
  { code: 'O80', words: ['家政服务', '保洁服务'], scope: '家政服务；专业保洁、清洗、消毒服务；养老服务。', weight: 1 },
  { code: 'O81', words: ['汽车服务', '汽车维修'], scope: '机动车修理和维护；汽车装饰用品销售。', weight: 1 },
  { code: 'Q84', words: ['医疗管理', '健康管理'], scope: '医疗服务；健康咨询服务（不含诊疗服务）。', weight: 0.7 },
  { code: 'P83', words: ['教育科技', '教育咨询'], scope: '教育咨询服务（不含涉许可审批的教育培训活动）；技术服务。', weight: 1 },
  { code: 'A01', words: ['农业发展', '农业科技'], scope: '谷物种植；蔬菜种植；农产品的生产、销售、加工、运输、贮藏。', weight: 1.5 },
  { code: 'A03', words: ['牧业', '养殖'], scope: '牲畜饲养；家禽饲养；畜牧渔业饲料销售。', weight: 0.7 },
];

/** 个体工商户 shop words: name tail and industry. */
export const SHOP_KINDS: ReadonlyArray<readonly [word: string, code: string, scope: string]> = [
  ['便利店', 'F52', '日用百货、预包装食品零售。'],
  ['超市', 'F52', '日用百货、食品零售。'],
  ['烟酒店', 'F52', '卷烟零售；预包装食品零售。'],
  ['水果店', 'F52', '新鲜水果零售。'],
  ['服装店', 'F52', '服装鞋帽零售。'],
  ['五金店', 'F52', '五金产品零售。'],
  ['建材经营部', 'F51', '建筑材料批发。'],
  ['餐馆', 'H62', '餐饮服务。'],
  ['小吃店', 'H62', '小餐饮。'],
  ['面馆', 'H62', '小餐饮。'],
  ['理发店', 'O80', '理发服务。'],
  ['美容店', 'O80', '美容服务。'],
  ['汽车修理部', 'O81', '机动车维修。'],
  ['电脑维修部', 'O81', '计算机及通讯设备维修。'],
  ['洗衣店', 'O80', '洗染服务。'],
  ['图文广告部', 'L72', '广告制作；图文设计。'],
];

export const COOPERATIVE_KINDS: ReadonlyArray<readonly [word: string, code: string, scope: string]> = [
  ['蔬菜种植专业合作社', 'A01', '组织成员种植蔬菜；收购、销售成员生产的蔬菜。'],
  ['水果种植专业合作社', 'A01', '组织成员种植水果；收购、销售成员生产的水果。'],
  ['茶叶专业合作社', 'A01', '茶叶种植、加工、销售。'],
  ['养殖专业合作社', 'A03', '组织成员养殖生猪、家禽；销售成员产品。'],
  ['水产养殖专业合作社', 'A04', '淡水养殖；水产品销售。'],
  ['农机服务专业合作社', 'A05', '农业机械服务；农作物病虫害防治服务。'],
];

/** Entities a credit report does not cover (answered 208): [category, name tail, type text, industry]. */
export const UNCOVERED_KINDS: ReadonlyArray<readonly [category: string, word: string, type: string, code: string]> = [
  ['52', '职业技能培训学校', '民办非企业单位', 'P83'],
  ['52', '养老服务中心', '民办非企业单位', 'Q85'],
  ['52', '社会工作服务中心', '民办非企业单位', 'Q85'],
  ['51', '商会', '社会团体', 'S95'],
  ['51', '行业协会', '社会团体', 'S95'],
  ['12', '社区卫生服务中心', '事业单位', 'Q84'],
  ['12', '农业技术推广站', '事业单位', 'M75'],
];




export const CASE_CAUSES = ['买卖合同纠纷', '借款合同纠纷', '劳动争议', '建设工程施工合同纠纷', '租赁合同纠纷', '服务合同纠纷', '金融借款合同纠纷', '承揽合同纠纷', '民间借贷纠纷', '侵害商标权纠纷', '运输合同纠纷', '追索劳动报酬纠纷'];
export const PENALTY_VIOLATIONS = ['未按规定公示年度报告', '违反广告法发布虚假广告', '销售不合格产品', '未按规定办理税务登记', '消防设施未保持完好有效', '超标排放污染物', '未取得许可从事经营活动', '价格违法行为'];
export const ABNORMAL_REASONS = ['未依照规定的期限公示年度报告', '通过登记的住所或者经营场所无法联系', '公示企业信息隐瞒真实情况、弄虚作假'];
export const SERIOUS_VIOLATION_REASONS = ['被列入经营异常名录届满3年仍未履行相关义务', '提交虚假材料或者采取其他欺诈手段隐瞒重要事实，取得公司登记，被撤销登记'];
export const HIGH_TECH_CERTIFICATE = '高新技术企业';
export const TAX_TYPES = ['增值税', '企业所得税', '城市维护建设税', '个人所得税', '房产税'];
export const BANKS = ['中国工商银行', '中国农业银行', '中国银行', '中国建设银行', '交通银行', '招商银行', '兴业银行', '浦发银行', '中信银行', '民生银行'];
export const PATENT_TOPICS = ['一种自动化装置', '一种检测方法', '一种数据处理系统', '一种连接结构', '一种节能组件', '一种包装盒', '一种控制电路'];
export const SOFTWARE_TOPICS = ['管理系统', '数据平台', '监控软件', '调度系统', '小程序', '客户端软件'];

/** Short province names for case numbers (沪, 京 …), by GB/T 2260 province code. */
export const PROVINCE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  '11': '京', '12': '津', '13': '冀', '14': '晋', '15': '内', '21': '辽', '22': '吉', '23': '黑', '31': '沪', '32': '苏',
  '33': '浙', '34': '皖', '35': '闽', '36': '赣', '37': '鲁', '41': '豫', '42': '鄂', '43': '湘', '44': '粤', '45': '桂',
  '46': '琼', '50': '渝', '51': '川', '52': '黔', '53': '云', '54': '藏', '61': '陕', '62': '甘', '63': '青', '64': '宁', '65': '新',
};

/**
 * Rough share of enterprises per province (by GB/T 2260 province code), so that the generated
 * population concentrates where real registrations do (广东, 江苏, 山东, 浙江 …).
 */
export const PROVINCE_WEIGHTS: Readonly<Record<string, number>> = {
  '44': 14, '32': 9, '37': 7, '33': 7, '31': 4, '11': 3.5, '41': 5, '51': 4.5, '42': 3.5, '34': 3.5, '35': 3.5, '13': 4,
  '43': 3, '50': 2, '12': 1.2, '36': 2.2, '61': 2.2, '45': 2, '53': 2, '21': 2, '14': 1.6, '52': 1.5, '22': 1, '23': 1.1,
  '15': 1, '62': 0.8, '65': 0.9, '46': 0.8, '64': 0.3, '63': 0.2, '54': 0.2,
};

/** Lenders that bring 金融借款合同纠纷 (a bank branch is named with the city when used). */
export const NON_BANK_LENDERS = ['小额贷款有限公司', '融资租赁有限公司', '消费金融有限公司', '农村商业银行股份有限公司', '信托有限责任公司'] as const;
/** Causes only a financial institution brings as plaintiff. */
export const FINANCIAL_CAUSES: ReadonlySet<string> = new Set(['金融借款合同纠纷']);
/** Causes whose other party is a worker, never a company. */
export const LABOUR_CAUSES: ReadonlySet<string> = new Set(['劳动争议', '追索劳动报酬纠纷']);

/** ISO-style management system certificates and who issues them (accredited certification bodies). */
export const SYSTEM_CERTIFICATES = ['ISO9001质量管理体系认证', 'ISO14001环境管理体系认证', 'ISO45001职业健康安全管理体系认证'] as const;
export const CERTIFICATION_BODIES = ['中国质量认证中心', '方圆标志认证集团有限公司', '中国船级社质量认证有限公司', '北京世标认证中心有限公司'] as const;
export const CONSTRUCTION_CERTIFICATE = '建筑业企业资质证书';

/** Items a 变更记录 may carry, by the chain its before/after values belong to. */
export type ChangeChain = 'legalRep' | 'owners' | 'address' | 'capital' | 'name' | 'term' | 'scope' | 'filing';

/** Scope clauses a company may have added or dropped over the years (经营范围变更). */
export const SCOPE_CLAUSES = ['技术服务、技术开发', '货物进出口', '会议及展览服务', '办公用品销售', '信息咨询服务（不含许可类信息咨询服务）', '机械设备租赁', '礼品花卉销售', '日用品销售'];

/** 股权冻结 and 司法拍卖 wording. */
export const AUCTION_ITEMS = ['房产', '机器设备一批', '车辆', '存货一批', '土地使用权', '办公家具一批'] as const;
export const LAND_USES = ['工业用地', '商服用地', '仓储用地', '批发零售用地'] as const;
export const COURT_ANNOUNCEMENT_TYPES = ['起诉状副本及开庭传票', '裁判文书', '执行文书', '起诉状、上诉状副本'] as const;
export const SPOT_CHECK_RESULTS_CLEAN = ['未发现问题', '正常', '已按要求整改'] as const;
export const SPOT_CHECK_RESULTS_BAD = ['未按规定公示应当公示的信息', '通过登记的住所（经营场所）无法联系', '公示信息隐瞒真实情况、弄虚作假'] as const;
export const GUARANTEE_SCOPE = '主债权、利息、违约金、损害赔偿金和实现债权的费用';
export const BILL_TYPES = ['银行承兑汇票', '商业承兑汇票'] as const;
