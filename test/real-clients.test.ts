// Issue 14 item 7: small clients written here in the styles of the public clients that broke
// against zhengxin (test/clients/), each signing as the vendor document says, ordering a report,
// polling it and downloading it from the real server:
// - Go, the URL built by concatenation: raw UTF-8 on the request line;
// - PHP, an array in CURLOPT_POSTFIELDS: a multipart/form-data body;
// - Python `requests` with `params=` on POST and GET: the open-API generation (/ReportBase/…,
//   `searchKey`) and an absolute ReportUrl (PUBLIC_BASE_URL);
// - Java with OkHttp 3: GETs on lower-case paths (/api/yj/report/createreport).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BACKENDS, tempDir } from './support/databases.js';
import { findToolchain, freePort, run, SCALE_OUT_PASS, skipUnless, startRealServer, type RealServer } from './support/external-clients.js';

const clients = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/clients');
const COMPANY = '上海测试科技有限公司';
const CREDIT_CODE = '91310115MA1H7J3K7G';

const isPdf = (file: string) => fs.readFileSync(file).subarray(0, 5).toString('latin1') === '%PDF-';

// The HTTP layer is the subject; SQLite underneath (see test/examples.test.ts).
const backend = BACKENDS[0]!;
describe(`real-style clients against the real server (${backend.name})`, { skip: SCALE_OUT_PASS }, () => {
  let server: RealServer;
  let dir: string;
  before(async () => {
    // The server must know its public URL before it listens: ReportUrl is absolute with PUBLIC_BASE_URL.
    const port = await freePort();
    // Every interface bought and enabled: the clients also call the company-data interfaces.
    server = await startRealServer(backend, { PUBLIC_BASE_URL: `http://127.0.0.1:${port}` }, { port, allInterfaces: true });
    dir = tempDir('zhengxin-clients-');
  });
  after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const buildGoClient = async (binary: string) => {
    // No network for modules (the client uses the standard library only); a cache even without HOME.
    const goEnv = { GOPROXY: 'off', ...(process.env.HOME || process.env.GOCACHE ? {} : { GOCACHE: path.join(dir, 'go-cache') }) };
    const build = await run(findToolchain('go')!.command, ['build', '-o', binary, path.join(clients, 'report_client.go')], { env: goEnv, cwd: dir });
    assert.equal(build.code, 0, build.stderr);
  };

  const expectReport = async (name: string, command: string, args: string[], env: Record<string, string> = {}) => {
    const out = path.join(dir, `${name}.pdf`);
    const result = await run(command, [...args, out], { env: { ...server.env, ...env }, cwd: dir });
    assert.equal(result.code, 0, `${name} exited ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
    assert.equal(result.stdout.trim(), out);
    assert.match(result.stderr, /ordered [0-9a-f]{32}/);
    assert.ok(isPdf(out), `${name} downloaded a PDF`);
  };

  it('Go: a concatenated URL with raw UTF-8 orders, polls and downloads', { skip: skipUnless('go') }, async () => {
    const binary = path.join(dir, 'report_client');
    await buildGoClient(binary);
    await expectReport('go', binary, ['report', COMPANY]);
  });

  it('Go: GetBasicDetailsByName with a raw UTF-8 keyword answers the company', { skip: skipUnless('go') }, async () => {
    const binary = path.join(dir, 'report_client');
    if (!fs.existsSync(binary)) await buildGoClient(binary);
    const result = await run(binary, ['details', COMPANY], { env: server.env, cwd: dir });
    assert.equal(result.code, 0, `stdout: ${result.stdout}\nstderr: ${result.stderr}`);
    assert.equal(result.stdout, `${COMPANY} ${CREDIT_CODE}\n`);
  });

  it('PHP: CURLOPT_POSTFIELDS with an array (multipart/form-data) orders, polls and downloads', { skip: skipUnless('php') }, async () => {
    await expectReport('php', findToolchain('php')!.command, [path.join(clients, 'report_client.php'), COMPANY]);
  });

  it('Python requests: params on POST /ReportBase/CreateReport with searchKey, an absolute ReportUrl', { skip: skipUnless('pythonRequests') }, async () => {
    await expectReport('python', findToolchain('pythonRequests')!.command, [path.join(clients, 'report_client.py'), 'report', COMPANY]);
  });

  it('Python requests: FuzzySearch/GetList with params finds the company by a fragment', { skip: skipUnless('pythonRequests') }, async () => {
    const result = await run(findToolchain('pythonRequests')!.command, [path.join(clients, 'report_client.py'), 'search', '上海测试'], { env: server.env, cwd: dir });
    assert.equal(result.code, 0, `stdout: ${result.stdout}\nstderr: ${result.stderr}`);
    assert.ok(result.stdout.split('\n').includes(`${COMPANY} ${CREDIT_CODE}`), result.stdout);
  });

  it('Java OkHttp: GETs on lower-case paths order, poll and download', { skip: skipUnless('javaOkHttp') }, async () => {
    const java = findToolchain('javaOkHttp')!;
    await expectReport('java', java.command, [...java.args, path.join(clients, 'OkHttpReportClient.java'), COMPANY]);
  });
});
