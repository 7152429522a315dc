/**
 * `zhengxin-client`: order, follow and download reports from the shell.
 *
 *   zhengxin-client report KEYNO [--type credit|decision|due-diligence|shell-scan] [--format pdf|word|json] [--out FILE] [--no-wait]
 *   zhengxin-client status ORDERNO
 *   zhengxin-client download ORDERNO|URL [--out FILE]
 *   zhengxin-client search TEXT [--page N] [--page-size N]
 *   zhengxin-client details KEYWORD [--basic]
 *   zhengxin-client check shixin|zhixing|penalty|tax|serious|exception KEYWORD
 *   zhengxin-client relation A B [--depth N]
 *   zhengxin-client monitor add|remove KEYNO | monitor list [--page N] | monitor events [--after N]
 *   zhengxin-client batch KEYNO… | batch --file FILE   [--format …] [--type …]
 *   zhengxin-client batch-info BATCHNO
 *
 * Results go to stdout (an order number, a file path, a status line), everything for humans to
 * stderr, so the output can be captured: `ORDER=$(zhengxin-client report 91110000… --no-wait)`.
 */
import { readFile, rename } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { ReportClient, reportTypeCode, type ReportType, type WaitProgress } from '../client.js';
import type { RelationPath, RiskCheckName } from '../company-data.js';
import {
  ReportApiError,
  ReportClientError,
  ReportDownloadError,
  ReportFailedError,
  ReportNetworkError,
  ReportNotReadyError,
  ReportWaitTimeoutError,
} from '../errors.js';
import { CLIENT_VERSION } from '../version.js';
import { ConfigError, defaultConfigPath, readConfigFile, resolveCredentials } from './config.js';
import { EXIT } from './exit-codes.js';

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Writable;
  readonly stderr: Writable & { isTTY?: boolean };
  readonly homeDir?: string;
  /** Aborted on Ctrl-C by the launcher. */
  readonly signal?: AbortSignal;
  /** Where relative output paths go (default: the process's working directory). */
  readonly cwd?: string;
}

const COMMANDS = ['report', 'status', 'download', 'search', 'details', 'check', 'relation', 'monitor', 'batch', 'batch-info'] as const;

export const USAGE = `usage:
  zhengxin-client report KEYNO [--type credit|decision|due-diligence|shell-scan|1-4] [--format pdf|word|json] [--out FILE|-] [--no-wait] [--timeout SECONDS]
  zhengxin-client status ORDERNO
  zhengxin-client download ORDERNO|REPORT_URL [--out FILE|-]
  zhengxin-client search TEXT [--page N] [--page-size N]      (FuzzySearch/GetList, JSON lines)
  zhengxin-client details KEYWORD [--basic]                   (ECIV4/GetDetailsByName or …Basic…, JSON)
  zhengxin-client check shixin|zhixing|penalty|tax|serious|exception KEYWORD
                       prints "records N", "none" (supplied, empty) or exits 3 with 203 when the
                       source did not supply the category or the company is not held (unknown,
                       never "none")
  zhengxin-client relation A B [--depth N]                    (company/findRelation: one path a line,
                       e.g. "2  甲公司 <-法定代表人- 张三 -股东 70%-> 乙公司"; "no path within N" and
                       exit 0 when none; exit 3 when a company is unknown)
  zhengxin-client monitor add|remove KEYNO                    (Monitor/Add, Monitor/Remove: prints
                       "added", "already watched", "removed" or "not watched")
  zhengxin-client monitor list [--page N] [--page-size N]     (Monitor/List, JSON lines)
  zhengxin-client monitor events [--after N] [--page-size N]  (Monitor/Events: JSON lines; the next
                       --after on stderr as "next N")
  zhengxin-client batch KEYNO… | --file FILE [--format F] [--type T]
                       (Report/CreateBatch; FILE: one company a line, - for stdin; prints the
                       BatchNo, then "KEYNO ORDERNO" or "KEYNO refused STATUS REASON" a line)
  zhengxin-client batch-info BATCHNO                          (Report/GetBatchInfo: "KEYNO ORDERNO
                       P|S|F" or "KEYNO refused STATUS" a line; the counts on stderr)

options:
  --out FILE           where the report goes; - for stdout (default: ORDERNO.pdf or ORDERNO.docx,
                       for a REPORT_URL its code, in the current directory)
  --config FILE        JSON with key, secretKey, baseUrl, pathStyle
                       (default: $XDG_CONFIG_HOME/zhengxin/client.json or ~/.config/zhengxin/client.json)
  --base-url URL       overrides ZHENGXIN_BASE_URL
  --path-style S       pro (/api/yj/Report/…, default) or open (/Report/…)
  --xml                ask for the XML envelope (dtype=xml)
  --timeout SECONDS    how long to wait for the report (default 600)
  --retries N          retries of a failed request where that is safe (default 3)
  --idempotency-key K  (report) sent as the Idempotency-Key header: a repeat within 24 h gets
                       the same order, charged once
  --file FILE          (batch) the companies, one a line
  --quiet              no progress on stderr
  -h, --help           this text;  -v, --version  the version

credentials: ZHENGXIN_KEY, ZHENGXIN_SECRET_KEY, ZHENGXIN_BASE_URL (environment) or the config file.

exit codes: 0 ok, 2 usage or configuration, 3 API error, 4 report failed, 5 timed out / not ready,
            6 network error, 7 download failed, 130 interrupted, 1 unexpected error.
`;

class UsageError extends Error {}

const OPTIONS = {
  format: { type: 'string' },
  type: { type: 'string' },
  out: { type: 'string', short: 'o' },
  'no-wait': { type: 'boolean' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  config: { type: 'string' },
  'base-url': { type: 'string' },
  'path-style': { type: 'string' },
  xml: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  page: { type: 'string' },
  'page-size': { type: 'string' },
  basic: { type: 'boolean' },
  depth: { type: 'string' },
  'idempotency-key': { type: 'string' },
  file: { type: 'string' },
  after: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type ParsedOptions = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let values: ParsedOptions;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    return usage(io, (error as Error).message);
  }
  if (values.version) {
    io.stdout.write(`${CLIENT_VERSION}\n`);
    return EXIT.OK;
  }
  const [command, ...args] = positionals;
  if (values.help || command === 'help') {
    io.stdout.write(USAGE);
    return EXIT.OK;
  }
  if (command === undefined) return usage(io, 'no command given');
  // Before the credentials are read: a typo must say so, not "missing key".
  if (!(COMMANDS as readonly string[]).includes(command)) return usage(io, `unknown command ${JSON.stringify(command)} (commands: ${COMMANDS.join(', ')})`);

  const progress = new ProgressLine(io.stderr, values.quiet ?? false);
  let orderNo: string | null = null;
  try {
    const client = buildClient(values, io);
    const waitTimeoutMs = parseTimeout(values.timeout);
    switch (command) {
      case 'report': {
        const keyNo = single(args, 'KEYNO');
        const { format, reportType } = formatAndType(values);
        const idempotencyKey = values['idempotency-key'];
        orderNo = await client.createReport({ keyNo, format, reportType, ...(idempotencyKey !== undefined ? { idempotencyKey } : {}) }, { signal: io.signal });
        if (values['no-wait']) {
          io.stdout.write(`${orderNo}\n`);
          return EXIT.OK;
        }
        progress.show(`ordered ${orderNo}; waiting for the report…`);
        const info = await client.waitForReport(orderNo, { timeoutMs: waitTimeoutMs, signal: io.signal, onProgress: (p) => progress.show(describeWait(p)) });
        const out = values.out ?? `${orderNo}.${format === 'word' ? 'docx' : format}`;
        await download(client, info.url!, outputPath(out, io), io, progress);
        return EXIT.OK;
      }
      case 'status': {
        const info = await client.getReportInfo(single(args, 'ORDERNO'), { signal: io.signal });
        io.stdout.write(`${info.status}${info.url ? ` ${info.url}` : ''}\n`);
        return EXIT.OK;
      }
      case 'download': {
        const target = single(args, 'ORDERNO or REPORT_URL');
        if (values.out) await download(client, target, outputPath(values.out, io), io, progress);
        else await downloadToDefaultName(client, target, io, progress);
        return EXIT.OK;
      }
      case 'search': {
        const text = single(args, 'TEXT');
        const page = await client.fuzzySearch(text, { pageIndex: wholeNumber(values.page, 'page'), pageSize: wholeNumber(values['page-size'], 'page-size'), signal: io.signal });
        progress.clear();
        io.stderr.write(`${page.total} match(es)${page.total >= 1000 ? ' (counted up to 1,000)' : ''}\n`);
        for (const item of page.items) io.stdout.write(`${JSON.stringify(item)}\n`);
        return EXIT.OK;
      }
      case 'details': {
        const keyword = single(args, 'KEYWORD');
        const found = values.basic ? await client.basicDetails(keyword, { signal: io.signal }) : await client.details(keyword, { signal: io.signal });
        if (found === null) {
          io.stderr.write(`no company matches ${JSON.stringify(keyword)}\n`);
          return EXIT.API_ERROR;
        }
        io.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
        return EXIT.OK;
      }
      case 'check': {
        if (args.length !== 2) throw new UsageError('check needs a kind (shixin, zhixing, penalty, tax, serious, exception) and a KEYWORD');
        const kind = CHECKS[args[0]!];
        if (!kind) throw new UsageError(`unknown check ${JSON.stringify(args[0])}: use ${Object.keys(CHECKS).join(', ')}`);
        const answer = await client.check(kind, args[1]!, { signal: io.signal });
        io.stdout.write(answer.verifyResult === 1 ? `records ${answer.paging?.TotalRecords ?? answer.data.length}\n` : 'none\n');
        for (const record of answer.data ?? []) io.stderr.write(`${JSON.stringify(record)}\n`);
        return EXIT.OK;
      }
      case 'relation': {
        if (args.length !== 2) throw new UsageError('relation needs two companies: A B (KeyNo, credit code or name)');
        const maxDepth = wholeNumber(values.depth, 'depth');
        const answer = await client.findRelation(args[0]!, args[1]!, { ...(maxDepth !== undefined ? { maxDepth } : {}), ...(io.signal ? { signal: io.signal } : {}) });
        if (answer.paths.length === 0) {
          io.stdout.write(`no path within ${maxDepth ?? 4}\n`);
          return EXIT.OK;
        }
        for (const p of answer.paths) io.stdout.write(`${pathLine(p)}\n`);
        return EXIT.OK;
      }
      case 'monitor': {
        const [action, ...rest] = args;
        if (action === 'add' || action === 'remove') {
          const keyNo = single(rest, 'KEYNO');
          if (action === 'add') {
            const result = await client.monitorAdd(keyNo, { signal: io.signal });
            io.stdout.write(result.Added === false ? 'already watched\n' : 'added\n');
          } else {
            io.stdout.write((await client.monitorRemove(keyNo, { signal: io.signal })) ? 'removed\n' : 'not watched\n');
          }
          return EXIT.OK;
        }
        if (action === 'list') {
          if (rest.length !== 0) throw new UsageError('monitor list takes no arguments');
          const page = await client.monitorList({ pageIndex: wholeNumber(values.page, 'page'), pageSize: wholeNumber(values['page-size'], 'page-size'), signal: io.signal });
          io.stderr.write(`${page.total} watched\n`);
          for (const item of page.items) io.stdout.write(`${JSON.stringify(item)}\n`);
          return EXIT.OK;
        }
        if (action === 'events') {
          if (rest.length !== 0) throw new UsageError('monitor events takes no arguments (use --after N)');
          const pageSize = wholeNumber(values['page-size'], 'page-size');
          const answer = await client.monitorEvents({ ...(values.after !== undefined ? { after: values.after } : {}), ...(pageSize !== undefined ? { pageSize } : {}), signal: io.signal });
          for (const event of answer.events) io.stdout.write(`${JSON.stringify(event)}\n`);
          io.stderr.write(`next ${answer.next}\n`);
          return EXIT.OK;
        }
        throw new UsageError('monitor needs add KEYNO, remove KEYNO, list or events');
      }
      case 'batch': {
        const keyNos = values.file !== undefined ? [...args, ...(await readKeyNoFile(values.file, io))] : args;
        if (keyNos.length === 0) throw new UsageError('batch needs companies: KEYNO… or --file FILE');
        const { format, reportType } = formatAndType(values);
        const batch = await client.createBatch(keyNos, { format, reportType, signal: io.signal });
        io.stdout.write(`${batch.BatchNo}\n`);
        for (const item of batch.Items) {
          io.stdout.write(item.OrderNo ? `${item.KeyNo} ${item.OrderNo}\n` : `${item.KeyNo} refused ${item.Status}${item.Reason ? ` ${item.Reason}` : ''}\n`);
        }
        io.stderr.write(`${batch.Ordered} of ${batch.Total} ordered\n`);
        return EXIT.OK;
      }
      case 'batch-info': {
        const info = await client.getBatchInfo(single(args, 'BATCHNO'), { signal: io.signal }) as {
          Total?: number; Pending?: number; Succeeded?: number; Failed?: number;
          Items?: Array<{ KeyNo: string; OrderNo: string | null; Status: string; ReportStatus: string | null }>;
        };
        for (const item of info.Items ?? []) {
          io.stdout.write(item.OrderNo ? `${item.KeyNo} ${item.OrderNo} ${item.ReportStatus ?? '?'}\n` : `${item.KeyNo} refused ${item.Status}\n`);
        }
        io.stderr.write(`${info.Total ?? 0} items: ${info.Pending ?? 0} P, ${info.Succeeded ?? 0} S, ${info.Failed ?? 0} F\n`);
        return EXIT.OK;
      }
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    progress.clear();
    return reportFailure(error, io, orderNo);
  } finally {
    progress.clear();
  }
}

/** `2  甲公司 <-法定代表人- 张三 -股东 70%-> 乙公司`: the length, then the nodes with each edge's direction and label. */
export function pathLine(p: RelationPath): string {
  const names = new Map(p.Nodes.map((n) => [n.Id, n.Name]));
  let line = `${p.Length}  ${p.Nodes[0]?.Name ?? ''}`;
  p.Edges.forEach((e, i) => {
    const label = e.Ratio ? `${e.Label} ${e.Ratio}` : e.Label;
    const next = p.Nodes[i + 1];
    const forward = next !== undefined && e.To === next.Id;
    line += forward ? ` -${label}-> ${names.get(e.To) ?? e.To}` : ` <-${label}- ${names.get(e.From) ?? e.From}`;
  });
  return line;
}

const CHECKS: Readonly<Record<string, RiskCheckName>> = {
  shixin: 'shixinCheck', zhixing: 'zhixingCheck', penalty: 'adminPenaltyCheck', tax: 'taxIllegalCheck', serious: 'seriousIllegalCheck', exception: 'exceptionCheck',
};

/** One company a line; blank lines and lines starting with # are skipped. `-` reads stdin. */
async function readKeyNoFile(file: string, io: CliIo): Promise<string[]> {
  let text: string;
  try {
    text = file === '-' ? await readStdin() : await readFile(path.resolve(io.cwd ?? process.cwd(), file), 'utf8');
  } catch (error) {
    throw new UsageError(`--file ${file}: ${(error as Error).message}`);
  }
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]+$/.test(value) || Number(value) < 1) throw new UsageError(`--${name} must be a whole number ≥ 1, got ${JSON.stringify(value)}`);
  return Number(value);
}

function buildClient(values: ParsedOptions, io: CliIo): ReportClient {
  const configPath = values.config ?? defaultConfigPath(io.env, io.homeDir ?? os.homedir());
  const file = readConfigFile(configPath, values.config !== undefined, (message) => io.stderr.write(`${message}\n`));
  const credentials = resolveCredentials({ baseUrl: values['base-url'], pathStyle: values['path-style'] }, io.env, file, configPath);
  const retries = parseRetries(values.retries);
  try {
    return new ReportClient({ ...credentials, dtype: values.xml ? 'xml' : 'json', retries });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

/** `-` (stdout) as it is; a path relative to the working directory. */
function outputPath(out: string, io: CliIo): string {
  return out === '-' ? out : path.resolve(io.cwd ?? process.cwd(), out);
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/json': 'json',
};

/**
 * `download` without `--out`: `<orderNo>.pdf|docx` (for a report URL, its code instead of the
 * order number). The format is known only from the file's Content-Type, so it is received under
 * `<name>.download` (complete or not at all, as every download) and then named by its type.
 */
async function downloadToDefaultName(client: ReportClient, target: string, io: CliIo, progress: ProgressLine): Promise<void> {
  const name = /^[0-9a-f]{32}$/i.test(target) ? target.toLowerCase() : (/[?&]code=([0-9A-Za-z]+)/.exec(target)?.[1] ?? 'report');
  const receiving = outputPath(`${name}.download`, io);
  await download(client, target, receiving, io, progress, async (received, contentType) => {
    const extension = EXTENSIONS[(contentType ?? '').split(';')[0]!.trim().toLowerCase()];
    if (!extension) return received;
    const final = outputPath(`${name}.${extension}`, io);
    await rename(received, final);
    return final;
  });
}

async function download(
  client: ReportClient,
  target: string,
  out: string,
  io: CliIo,
  progress: ProgressLine,
  rename: (received: string, contentType: string | null) => Promise<string> = async (received) => received,
): Promise<void> {
  const toStdout = out === '-';
  const result = await client.download(target, {
    to: toStdout ? io.stdout : out,
    end: !toStdout,
    signal: io.signal,
    onProgress: (bytes, total) => progress.show(`downloading: ${formatBytes(bytes)}${total ? ` of ${formatBytes(total)}` : ''}`),
  });
  progress.clear();
  if (!toStdout) io.stdout.write(`${await rename(result.path!, result.contentType)}\n`);
}

function single(args: readonly string[], what: string): string {
  if (args.length !== 1 || args[0]!.trim() === '') throw new UsageError(`expected exactly one ${what}, got ${args.length}`);
  return args[0]!;
}

function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a positive number of seconds, got ${JSON.stringify(value)}`);
  return Math.round(seconds * 1000);
}

function parseRetries(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,2}$/.test(value)) throw new UsageError(`--retries must be a whole number from 0 to 99, got ${JSON.stringify(value)}`);
  return Number(value);
}

function describeWait(p: WaitProgress): string {
  const state = p.error ? `poll failed (${p.error.message}), retrying` : 'pending';
  return `report ${p.orderNo}: ${state}, ${Math.round(p.elapsedMs / 1000)} s elapsed, next check in ${Math.max(1, Math.round(p.nextPollInMs / 1000))} s`;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`zhengxin-client: ${message}\n${USAGE}`);
  return EXIT.USAGE;
}

function reportFailure(error: unknown, io: CliIo, orderNo: string | null): number {
  const say = (message: string) => io.stderr.write(`zhengxin-client: ${message}\n`);
  const stillPending = orderNo ? `; order ${orderNo} exists: check it with \`zhengxin-client status ${orderNo}\`` : '';
  if (io.signal?.aborted) {
    say(`interrupted${stillPending}`);
    return EXIT.INTERRUPTED;
  }
  if (error instanceof UsageError) return usage(io, error.message);
  if (error instanceof ConfigError) {
    say(error.message);
    return EXIT.USAGE;
  }
  if (error instanceof ReportApiError) {
    const details = [error.status ? `Status ${error.status}` : `HTTP ${error.httpStatus}`, error.reason, error.requestId ? `request id ${error.requestId}` : null].filter(Boolean).join(', ');
    say(`${error.message} (${details})`);
    return EXIT.API_ERROR;
  }
  if (error instanceof ReportFailedError) {
    say(error.message);
    return EXIT.REPORT_FAILED;
  }
  if (error instanceof ReportWaitTimeoutError || error instanceof ReportNotReadyError) {
    say(`${error.message}${stillPending}`);
    return EXIT.TIMEOUT;
  }
  if (error instanceof ReportNetworkError) {
    const created = error.operation === 'CreateReport' && error.reachedServer !== false ? ' (the order may have been created)' : '';
    say(`${error.message}${created}${stillPending}`);
    return EXIT.NETWORK_ERROR;
  }
  if (error instanceof ReportDownloadError) {
    say(`${error.message}${stillPending}`);
    return EXIT.DOWNLOAD_FAILED;
  }
  if (error instanceof ReportClientError) {
    say(error.message);
    return EXIT.INTERNAL;
  }
  if (error instanceof TypeError && /required|must be/.test(error.message)) return usage(io, error.message);
  say(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return EXIT.INTERNAL;
}

/**
 * One status line on stderr: rewritten in place on a terminal, one line per change otherwise
 * (so logs of a CI job still show the progress), throttled to avoid flooding.
 */
class ProgressLine {
  private shown = false;
  private lastText = '';
  private lastWriteMs = 0;
  constructor(
    private readonly stream: Writable & { isTTY?: boolean },
    private readonly quiet: boolean,
  ) {}

  show(text: string): void {
    if (this.quiet || text === this.lastText) return;
    const now = Date.now();
    const downloading = text.startsWith('downloading');
    if (downloading && now - this.lastWriteMs < (this.stream.isTTY ? 100 : 2_000)) return;
    this.lastText = text;
    this.lastWriteMs = now;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[K${text}`);
      this.shown = true;
    } else {
      this.stream.write(`${text}\n`);
    }
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}

/** `--format` and `--type` as `report` and `batch` take them (pdf and credit when absent). */
function formatAndType(values: { format?: string | undefined; type?: string | undefined }): { format: 'pdf' | 'word' | 'json'; reportType: ReportType } {
  const format = values.format ?? 'pdf';
  if (format !== 'pdf' && format !== 'word' && format !== 'json') throw new UsageError(`--format must be pdf, word or json, got ${JSON.stringify(format)}`);
  const reportType = values.type ?? 'credit';
  try {
    reportTypeCode(reportType);
  } catch (error) {
    throw new UsageError(`--type: ${(error as Error).message.replace(/^reportType /, '')}`);
  }
  return { format, reportType: reportType as ReportType };
}
