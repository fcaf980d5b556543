#!/usr/bin/env node
// The whole suite, in the order a failure is cheapest to find: typecheck, lint, unit tests,
// integration tests on the real local stack, end-to-end tests in Chromium on the built app, and an
// API fuzz run (schemathesis, scripts/apifuzz.mjs) against that build.
// Every step runs even when an earlier one failed, so one run shows everything that is wrong.
// The last line counts the tests: "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const stack = await import(path.join(root, 'scripts/stack/index.mjs'));
const wasRunning = (await stack.stackStatus()).running;

let passed = 0;
let failed = 0;
let skipped = 0;
const summary = [];
/** Names of the failing tests with the first line of their error, printed after the summary. */
const failures = [];
const firstLine = (text) =>
  stripVTControlCharacters(String(text ?? ''))
    .split('\n')
    .find((l) => l.trim() !== '') ?? '';

function run(label, command, args, countFrom) {
  const started = Date.now();
  console.log(`\n=== ${label}: ${[path.basename(command), ...args].join(' ')}`);
  const res = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' },
  });
  const ok = res.status === 0;
  let counts = '';
  if (countFrom) {
    const c = countFrom();
    if (c) {
      passed += c.passed;
      failed += c.failed;
      skipped += c.skipped;
      counts = ` (${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''})`;
      // A runner that died before reporting its tests still counts as a failure.
      if (!ok && c.failed === 0) failed += 1;
    } else if (!ok) failed += 1;
  } else if (!ok) failed += 1;
  summary.push(
    `${ok ? 'ok  ' : 'FAIL'} ${label}${counts} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  return ok;
}

function vitestCounts(file) {
  return () => {
    if (!existsSync(file)) return undefined;
    const r = JSON.parse(readFileSync(file, 'utf8'));
    for (const suite of r.testResults ?? []) {
      const rel = path.relative(root, suite.name);
      for (const t of suite.assertionResults ?? [])
        if (t.status === 'failed')
          failures.push(`${rel} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
      // A file that failed before its tests ran (an import or a hook) has no failed test of its own.
      if (suite.status === 'failed' && !(suite.assertionResults ?? []).some((t) => t.status === 'failed'))
        failures.push(`${rel}: ${firstLine(suite.message)}`);
    }
    return {
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: r.numPendingTests + (r.numTodoTests ?? 0),
    };
  };
}

function playwrightCounts(file) {
  return () => {
    if (!existsSync(file)) return undefined;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const walk = (suite, trail) => {
      const here = suite.title ? [...trail, suite.title] : trail;
      for (const spec of suite.specs ?? [])
        for (const t of spec.tests ?? [])
          if (t.status === 'unexpected') {
            const error = t.results?.find((res) => res.error)?.error?.message;
            failures.push(`${[...here, spec.title].join(' > ')}: ${firstLine(error)}`);
          }
      for (const child of suite.suites ?? []) walk(child, here);
    };
    for (const suite of report.suites ?? []) walk(suite, []);
    const s = report.stats ?? {};
    return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0, skipped: s.skipped ?? 0 };
  };
}

/** schemathesis's JUnit reports: one test case per API operation, failed when it holds a failure or an error. */
function junitCounts(files) {
  return () => {
    const present = files.filter((f) => existsSync(f));
    if (present.length === 0) return undefined;
    const cases = present.flatMap(
      (f) => readFileSync(f, 'utf8').match(/<testcase\b[^>]*?(?:\/>|>[\s\S]*?<\/testcase>)/g) ?? [],
    );
    const badCases = cases.filter((c) => /<(failure|error)\b/.test(c));
    for (const c of badCases) failures.push(`api fuzz: ${/name="([^"]*)"/.exec(c)?.[1] ?? 'an operation'}`);
    const bad = badCases.length;
    const skippedCases = cases.filter((c) => /<skipped\b/.test(c)).length;
    return { passed: cases.length - bad - skippedCases, failed: bad, skipped: skippedCases };
  };
}

for (const f of ['unit.json', 'integration.json', 'e2e.json', 'apifuzz.xml', 'apifuzz-existing.xml'])
  rmSync(path.join(results, f), { force: true });

run('typecheck', bin('tsc'), ['--noEmit']);
run('lint', bin('eslint'), ['--max-warnings', '0', '.']);
run('format', bin('prettier'), ['--check', '.']);
run(
  'unit',
  bin('vitest'),
  [
    'run',
    '--project',
    'unit',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${path.join(results, 'unit.json')}`,
  ],
  vitestCounts(path.join(results, 'unit.json')),
);
run(
  'integration',
  bin('vitest'),
  [
    'run',
    '--project',
    'integration',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${path.join(results, 'integration.json')}`,
  ],
  vitestCounts(path.join(results, 'integration.json')),
);
run('end-to-end', bin('playwright'), ['test'], playwrightCounts(path.join(results, 'e2e.json')));
// After the end-to-end step, whose build in .next it reuses (and which would clear test-results/ under it).
run(
  'api fuzz',
  process.execPath,
  [path.join(root, 'scripts/apifuzz.mjs')],
  junitCounts([path.join(results, 'apifuzz.xml'), path.join(results, 'apifuzz-existing.xml')]),
);

if (!wasRunning && process.env.KEEP_STACK !== '1') {
  console.log('\nstopping the local stack that this run started (KEEP_STACK=1 keeps it)');
  await stack.stopStack();
}

console.log(`\n${summary.join('\n')}`);
// The first lines of each failure, so that the tail of a long log says what failed.
for (const f of failures.slice(0, 20)) console.log(`  failed: ${f.slice(0, 300)}`);
if (failures.length > 20) console.log(`  … and ${failures.length - 20} more`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
