/**
 * The report model: everything the PDF and Word renderers print, and nothing they must compute.
 *
 * Contract with the renderers:
 * - Every string is final display text in Chinese (money `1,234.56 万元`, dates `2024-03-05`,
 *   percentages `35.00%`). Renderers never format, sort, cap or translate; they only lay out and
 *   escape (escaping is theirs: strings here are raw and may hold `&`, `<`, quotes, emoji, CJK
 *   Extension B characters).
 * - The model is plain data (no functions, no Dates, no classes) so it crosses a worker-thread
 *   boundary by structured clone and can be archived as JSON.
 * - `cover` is printed on its own page. `sections` is then printed in order by one generic loop:
 *   a section's heading (level 1 or 2, for the table of contents, bookmarks and Word headings)
 *   followed by its blocks. The summary appears both as `summary` (structured, for whoever wants
 *   it) and as the first entry of `sections` (so the generic loop prints it).
 * - Numbers appear only where geometry needs them (charts); each has a display string beside it.
 *
 * Stability: this file is shared with the renderers. Changes are additive only.
 */

/** Display text for a section or table with no records. */
export const EMPTY_TEXT = '暂无记录';
/**
 * Display text for a category the data source did not supply (the document has no such list at
 * all): unknown, which is not the same as none. Used in sections, tables, counts and summaries.
 */
export const NOT_SUPPLIED_TEXT = '数据源未提供';
/** Grade text when the minimum coverage rule withholds the grade (scorecard v2). */
export const INSUFFICIENT_DATA_TEXT = '数据不足，不予评级';
/** Display text for a section that cannot apply to this kind of entity (e.g. 个体工商户 shareholders). */
export const NOT_APPLICABLE_TEXT = '不适用';

export interface ReportModel {
  meta: ReportMeta;
  cover: ReportCover;
  summary: ReportSummary;
  sections: Section[];
}

/**
 * A branch's head office as the company store knows it, handed in by the report's producer
 * (reports never read the store themselves). Every field is display text.
 */
export interface HeadOfficeSummary {
  name: string;
  /** USCC or registration number, or `—`. */
  uscc: string;
  /** Registration status as registered, e.g. `存续（在营、开业、在册）`. */
  status: string;
  /** Its grade under the same scorecard (`AA`, `未评级`, `数据不足，不予评级`), when it is in the store. */
  grade?: string;
  /** Its key risk flags, most severe first, as short texts (e.g. `失信被执行人：当前 2 条`). */
  keyRisks?: string[];
}

export interface ReportMeta {
  /** Always `企业信用报告`. Also the document title in PDF/Word metadata. */
  title: string;
  /** Document metadata subject, e.g. `某某有限公司 企业信用报告`. */
  subject: string;
  /** Document metadata author (the producing service). */
  author: string;
  companyName: string;
  /** USCC, or the registration number when there is none, or `—`. */
  uscc: string;
  /** Readable report number, e.g. `ZX20261130-96A22909`; printed in the running header/footer. */
  reportNo: string;
  orderNo: string;
  /** The ordering customer's name: printed on the cover and used as the diagonal watermark. */
  customerName: string;
  /** ISO 8601 instant (for PDF/Word creation-date metadata). */
  generatedAt: string;
  /** `generatedAt` as display text, e.g. `2026-11-30 10:15:02 (UTC)`. */
  generatedAtText: string;
  /** The data date, `YYYY-MM-DD`: every "in N years" of the score counts back from it. */
  dataDate: string;
  /** True for generated data: renderers print `syntheticNotice` on every page. */
  synthetic: boolean;
  /** The banner text for synthetic data (empty string when not synthetic). */
  syntheticNotice: string;
  /** e.g. `v2` (`v1` when an old report is reproduced). */
  scorecardVersion: string;
  /** Whole days from the data date to the Beijing date of generation. */
  dataAgeDays: number;
  /** True when dataAgeDays is over the configured limit: the cover and summary carry a warning. */
  dataStale: boolean;
  /** Text for the running header, e.g. `企业信用报告 · 报告编号 ZX20261130-96A22909`. */
  headerText: string;
}

export interface ReportCover {
  /** `企业信用报告`. */
  title: string;
  companyName: string;
  /**
   * Label/value lines under the company name: 统一社会信用代码, 登记状态 (with the date of 注销/吊销/撤销),
   * 报告编号, 订单编号, 委托客户, 生成时间, 数据截至 (`2026-06-30（距报告生成 153 天）`).
   */
  fields: KeyValueItem[];
  /** Present (non-empty) only for synthetic data: printed prominently on the cover. */
  notice?: string;
  /** Present when the data is older than the configured limit: printed on the cover. */
  staleNotice?: string;
}

export interface ReportSummary {
  /** 0–1000, or null when not rated (cancelled/annulled: history only; or too little data under v2). */
  score: number | null;
  /** Display of the score: `712`, or `—` when not rated (the grade says why; never printed twice). */
  scoreText: string;
  /** `AAA` … `C`, `未评级` or `数据不足，不予评级`. */
  grade: string;
  /** A short reading of the grade, e.g. `信用良好`. */
  gradeDescription: string;
  gauge: GaugeChart;
  /** Key risk flags, most severe first. */
  flags: RiskFlag[];
  /** The largest negative score contributions, in Chinese, largest first. */
  topReasons: string[];
  /** Overrides that changed the grade, as display text (empty when none applied). */
  overrides: string[];
  /** Data coverage, e.g. `38/44（86.36%）`. */
  coverageText: string;
  /** Titles of the categories the source did not supply (empty when it supplied all). */
  missingCategories: string[];
  /** `数据截至 2026-06-30（距报告生成 153 天）`. */
  dataAsOfText: string;
}

export type Severity = 'high' | 'medium' | 'low' | 'info';

export interface RiskFlag {
  /** Stable identifier, e.g. `dishonest-current`. */
  id: string;
  /** Short label, e.g. `失信被执行人`. */
  label: string;
  severity: Severity;
  /** Display text, e.g. `当前有 2 条失信记录`. */
  detail: string;
}

export interface Section {
  /** Stable identifier, e.g. `basic`, `judicial.judgments`. Usable as an anchor/bookmark id. */
  id: string;
  /** Heading text, e.g. `基本信息`, `裁判文书`. */
  title: string;
  /** 1 for a chapter (Heading 1), 2 for a subsection of the preceding level-1 section (Heading 2). */
  level: 1 | 2;
  blocks: Block[];
  /** True: the section starts on a new page (e.g. the evidence after a decision report's front pages). */
  pageBreakBefore?: boolean;
}

export type Block =
  | ParagraphBlock
  | ListBlock
  | KeyValueBlock
  | TableBlock
  | EmptyBlock
  | ChartBlock
  | NoticeBlock
  | FlagsBlock;

export type BlockKind = Block['kind'];

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
  /** `muted` for small print (disclaimers, notes); default `normal`. */
  style?: 'normal' | 'muted' | 'emphasis';
}

export interface ListBlock {
  kind: 'list';
  items: string[];
  ordered: boolean;
}

export interface KeyValueItem {
  label: string;
  value: string;
}

export interface KeyValueBlock {
  kind: 'keyValue';
  items: KeyValueItem[];
  /** Label/value pairs per row the layout should aim for (1 or 2). */
  columns: 1 | 2;
}

export type Alignment = 'left' | 'center' | 'right';

export interface TableColumn {
  title: string;
  /** Relative width: a column's share of the table width is width / sum of widths. */
  width: number;
  align: Alignment;
}

export interface TableBlock {
  kind: 'table';
  /** Optional caption above the table (e.g. a sub-table name). */
  title?: string;
  columns: TableColumn[];
  /** Each row has exactly columns.length cells; a missing value is `—`. */
  rows: string[][];
  /** Number of records in the data. */
  total: number;
  /** Number of rows shown (rows.length). */
  shown: number;
  /**
   * When capped (shown < total): `共 N 条，显示最近 M 条，另有 K 条未显示`, or with open records
   * `共 N 条：未结 X 条全部列出；已结 Y 条显示最近 M 条，另有 K 条未显示`. Absent otherwise.
   */
  note?: string;
  /**
   * How many leading rows are open/current records (未结, 当前有效, 待开庭…): they are always all
   * listed, before any closed ones, and only closed rows are capped. Absent for tables without the
   * distinction.
   */
  openRows?: number;
}

export interface EmptyBlock {
  kind: 'empty';
  /** `暂无记录` (supplied, none), `数据源未提供` (not supplied: unknown) or `不适用`. */
  text: string;
}

export interface ChartBlock {
  kind: 'chart';
  chart: Chart;
  /** Caption under the chart, e.g. `股权结构`. */
  caption: string;
  /** Text alternative (for Word alt text / PDF accessibility). */
  alt: string;
}

export interface NoticeBlock {
  kind: 'notice';
  /** `warning` for the synthetic-data notice and similar; `info` for neutral remarks. */
  level: 'warning' | 'info';
  text: string;
}

export interface FlagsBlock {
  kind: 'flags';
  flags: RiskFlag[];
}

export type Chart = GaugeChart | PieChart | BarChart | TrendChart | EquityTreeChart | RadarChart;

export interface GaugeBand {
  from: number;
  /** Exclusive upper bound, except the last band which includes max. */
  to: number;
  /** e.g. `AAA`. */
  label: string;
  /** CSS hex colour, e.g. `#2e7d32`. */
  color: string;
}

export interface GaugeChart {
  type: 'gauge';
  /** Null when not rated: draw the dial without a needle. */
  score: number | null;
  /** Display: `712` or `未评级`. */
  scoreText: string;
  grade: string;
  min: number;
  max: number;
  /** Ascending, covering min..max. */
  bands: GaugeBand[];
}

export interface PieChart {
  type: 'pie';
  labels: string[];
  /** Raw numbers for geometry (shares in percent); same length as labels. */
  values: number[];
  /** Display text per slice, e.g. `35.00%`. */
  valueTexts: string[];
  colors: string[];
}

export interface BarChart {
  type: 'bar';
  labels: string[];
  values: number[];
  valueTexts: string[];
  colors: string[];
  /** Axis unit, e.g. `%` or `万元`. */
  unit: string;
}

export interface TrendSeries {
  name: string;
  /** One per year; null where the year has no figure (draw a gap). Values in `unit`. */
  values: Array<number | null>;
  color: string;
}

export interface TrendChart {
  type: 'trend';
  /** Display labels of the x axis, e.g. `2021`, ascending. */
  years: string[];
  series: TrendSeries[];
  /** Unit of the values, e.g. `万元`. */
  unit: string;
}

/** One party of an equity penetration tree, in the order it is drawn (depth-first, largest holder first). */
export interface EquityTreeRow {
  /** 0 for the company of the report; its shareholders are 1, theirs 2, and so on. */
  depth: number;
  name: string;
  /** Drawn in a colour per kind: 企业, 自然人, other holders (government, funds…). */
  kind: 'company' | 'person' | 'other';
  /** The share held in the nearest row above with depth − 1, e.g. `70.00%`; `—` unknown; empty at the root. */
  ratioText: string;
  /** Remarks after the name, e.g. `循环持股，不再展开` or `未继续穿透`; empty when none. */
  note: string;
}

/**
 * 股权穿透: the company at the top, its shareholders below it and indented, theirs below them,
 * up to the natural persons (or the depth the producer chose). Rows are drawn in order.
 */
export interface EquityTreeChart {
  type: 'equityTree';
  rows: EquityTreeRow[];
}

/**
 * A radar (spider) chart: one axis per dimension, values from 0 to `max` outwards. An axis whose
 * value is null (could not be scored) is drawn without a point and its label says why; the outline
 * then breaks there rather than pretending a value.
 */
export interface RadarChart {
  type: 'radar';
  /** Axis labels, clockwise from the top, e.g. `经营稳定性`. At least 3. */
  axes: string[];
  /** Same length as axes; null where the value is unknown. */
  values: Array<number | null>;
  /** Display text per axis, e.g. `82` or `数据不足`. */
  valueTexts: string[];
  /** The outer ring's value, e.g. 100. */
  max: number;
  /** Values drawn as concentric rings (e.g. 20, 40, 60, 80, 100). */
  rings: number[];
  /** Colour of the outline and points. */
  color: string;
}
