#!/usr/bin/env node
// Installs what the embedded mode and the test suite need, once; every step
// is skipped when its result is already there. Runs as npm's postinstall, so
// `npm ci` leaves a fresh machine ready for `npm start` and `npm test`.
//
//   redis-server  Debian package (apt-get, as root) unless already on PATH
//   sqlite3       Debian package: the supervisor adds the index FerretDB's
//                 _id lookups need to its SQLite files (else every lookup scans)
//   FerretDB      v1.24.2, built from the Go module proxy into the tools folder
//   versitygw     v1.7.0 (S3 server for the bucket-source tests), same way
//   chromium      Debian package, for the reports-page browser test, with a
//                 CJK font (fonts-wqy-microhei) so screenshots show the Chinese
//   OCR           Debian packages: tesseract-ocr with chi_sim, chi_sim_vert and osd data (the
//                 ocr stage's engine, docs/ocr.md), poppler-utils (pdftoppm,
//                 pdfinfo: scanned PDF pages as images), qpdf (test fixtures:
//                 encrypted PDFs)
//
// Tools folder: $GONGKAI_TOOLS, default ${XDG_CACHE_HOME:-~/.cache}/gongkai/tools.
// GONGKAI_SKIP_SETUP=1 skips everything (container builds install differently).
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const FERRETDB = { module: 'github.com/FerretDB/FerretDB', version: 'v1.24.2', pkg: './cmd/ferretdb', bin: 'ferretdb' };
const VERSITYGW = { module: 'github.com/versity/versitygw', version: 'v1.7.0', pkg: './cmd/versitygw', bin: 'versitygw' };

const env = process.env;
const toolsDir = env.GONGKAI_TOOLS ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'gongkai', 'tools');
const log = (msg) => process.stdout.write(`[setup] ${msg}\n`);

class SetupError extends Error {}

function executable(p) {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function which(name, extra = []) {
  for (const dir of [...(env.PATH ?? '').split(delimiter), ...extra]) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) throw new SetupError(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

let aptUpdated = false;
/**
 * apt-get, waiting for another apt (unattended upgrades, a second install
 * running setup at the same time) instead of failing on its lock: dpkg's lock
 * is waited for by apt itself (DPkg::Lock::Timeout), the lists lock of
 * `apt-get update` is not, so a failed call is retried for up to 10 minutes.
 */
function aptRun(args, aptEnv) {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    const r = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], { stdio: ['ignore', 'inherit', 'inherit'], env: aptEnv });
    if (r.status === 0) return;
    if (Date.now() > deadline) throw new SetupError(`apt-get ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    log(`apt-get ${args[0]} failed (exit ${r.status ?? r.signal}); another apt may hold its lock: trying again in 10 s`);
    spawnSync('sleep', ['10']);
  }
}
function aptInstall(pkg, why) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !which('apt-get', ['/usr/bin'])) {
    throw new SetupError(`${why} is missing and cannot be installed here: install the Debian package "${pkg}" (sudo apt-get install ${pkg}) and run \`npm run setup\` again`);
  }
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    log('apt-get update');
    aptRun(['update', '-qq'], aptEnv);
    aptUpdated = true;
  }
  log(`apt-get install ${pkg}`);
  aptRun(['install', '-y', '-qq', '--no-install-recommends', pkg], aptEnv);
}

function ensureRedis() {
  const found = which('redis-server', ['/usr/sbin', '/usr/local/sbin', '/usr/bin']);
  if (found) return log(`redis-server: present (${found})`);
  aptInstall('redis-server', 'redis-server');
  log('redis-server: installed');
}

function ensureSqlite3() {
  const found = which('sqlite3', ['/usr/bin']);
  if (found) return log(`sqlite3: present (${found})`);
  aptInstall('sqlite3', 'sqlite3 (indexes for the embedded FerretDB)');
  log('sqlite3: installed');
}

function goBinary() {
  const go = which('go', ['/usr/local/go/bin']);
  if (!go) throw new SetupError('Go is missing: it is needed once to build FerretDB and versitygw (install Go ≥ 1.24, or set FERRETDB_BIN and MONGO_URL)');
  return go;
}

function versionOf(bin) {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return '';
  }
}

// Builds a Go command from its module source: `go install mod@version` is not
// usable here (the proxy refuses the module's version list, and FerretDB's
// binary panics without build/version/version.txt, which its module zip
// lacks), so we download the exact version, build a writable copy, and put
// the binary in the tools folder under a versioned name.
function buildGoTool(tool, { patch, check }) {
  const out = join(toolsDir, `${tool.bin}-${tool.version}`);
  if (executable(out) && check(versionOf(out))) return log(`${tool.bin} ${tool.version}: present (${out})`);
  const go = goBinary();
  mkdirSync(toolsDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), `gongkai-${tool.bin}-`));
  try {
    log(`${tool.bin} ${tool.version}: downloading ${tool.module}@${tool.version}`);
    const info = JSON.parse(execFileSync(go, ['mod', 'download', '-json', `${tool.module}@${tool.version}`], { cwd: work, encoding: 'utf8', env: { ...env, GOFLAGS: '-mod=mod' } }));
    if (!info.Dir) throw new SetupError(`go mod download gave no source folder for ${tool.module}@${tool.version}: ${info.Error ?? ''}`);
    const src = join(work, 'src');
    cpSync(info.Dir, src, { recursive: true });
    spawnSync('chmod', ['-R', 'u+w', src]);
    patch?.(src);
    log(`${tool.bin} ${tool.version}: building (first time only; a minute or two)`);
    const tmpOut = `${out}.tmp-${process.pid}`;
    run(go, ['build', '-trimpath', '-o', tmpOut, tool.pkg], { cwd: src, env: { ...env, CGO_ENABLED: '0', GOFLAGS: '-buildvcs=false' } });
    chmodSync(tmpOut, 0o755);
    renameSync(tmpOut, out);
    if (!check(versionOf(out))) throw new SetupError(`${out} was built but does not report ${tool.version}`);
    log(`${tool.bin} ${tool.version}: installed (${out})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function ensureChromium() {
  const found = which('chromium', ['/usr/bin']) ?? which('chromium-browser', ['/usr/bin']);
  if (found) log(`chromium: present (${found})`);
  else {
    aptInstall('chromium', 'chromium (for the reports-page browser test)');
    log('chromium: installed');
  }
  const font = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
  if (existsSync(font)) return log(`CJK font: present (${font})`);
  aptInstall('fonts-wqy-microhei', 'a CJK font (for readable screenshots of the reports page)');
  log('CJK font: installed');
}

const TESSDATA = '/usr/share/tesseract-ocr/5/tessdata';

function ensureOcr() {
  const steps = [
    [() => which('tesseract', ['/usr/bin']), 'tesseract-ocr', 'tesseract (the OCR engine)'],
    [() => existsSync(join(TESSDATA, 'chi_sim.traineddata')), 'tesseract-ocr-chi-sim', 'Tesseract simplified Chinese data'],
    [() => existsSync(join(TESSDATA, 'osd.traineddata')), 'tesseract-ocr-osd', 'Tesseract orientation data'],
    [() => existsSync(join(TESSDATA, 'chi_sim_vert.traineddata')), 'tesseract-ocr-chi-sim-vert', 'Tesseract vertical simplified Chinese data (tall narrow table cells)'],
    [() => which('pdftoppm', ['/usr/bin']) && which('pdfinfo', ['/usr/bin']), 'poppler-utils', 'pdftoppm/pdfinfo (scanned PDF pages as images)'],
    [() => which('qpdf', ['/usr/bin']), 'qpdf', 'qpdf (encrypted-PDF test fixtures)'],
  ];
  for (const [present, pkg, why] of steps) {
    if (present()) continue;
    aptInstall(pkg, why);
  }
  log('OCR tools: present (tesseract chi_sim+chi_sim_vert+osd, poppler-utils, qpdf)');
}

function main() {
  if (env.GONGKAI_SKIP_SETUP === '1') return log('GONGKAI_SKIP_SETUP=1: skipped');
  const t0 = Date.now();
  ensureRedis();
  ensureSqlite3();
  buildGoTool(FERRETDB, {
    patch: (src) => writeFileSync(join(src, 'build', 'version', 'version.txt'), `${FERRETDB.version}\n`),
    check: (v) => v.includes(`version: ${FERRETDB.version}`),
  });
  buildGoTool(VERSITYGW, { check: (v) => v.length > 0 });
  if (env.GONGKAI_SETUP_CHROMIUM !== '0') ensureChromium();
  ensureOcr();
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (tools in ${toolsDir})`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`[setup] ${err instanceof SetupError ? err.message : err.stack}\n`);
  process.exit(1);
}
