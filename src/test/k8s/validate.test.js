// Self-test of validate.js: it must pass on k8s/ as committed and fail, naming the problem, on
// deliberately broken copies of it (made in a temporary directory; k8s/ itself is never touched).
//   node --test src/test/k8s/validate.test.js
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const k8sDir = path.resolve(__dirname, '..', '..', '..', 'k8s');
const validator = path.join(__dirname, 'validate.js');

function run(dir) {
  const r = spawnSync(process.execPath, [validator, dir], { encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

// Copies k8s/ to a temporary directory, lets `mutate` break it, and runs the validator there.
function runBroken(mutate) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opifex-k8s-'));
  try {
    fs.cpSync(k8sDir, dir, { recursive: true });
    mutate(dir);
    return run(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function edit(dir, file, from, to) {
  const p = path.join(dir, file);
  const before = fs.readFileSync(p, 'utf8');
  const after = before.replace(from, to);
  assert.notStrictEqual(after, before, `test setup: ${from} not found in ${file}`);
  fs.writeFileSync(p, after);
}

function expectFailure(result, pattern) {
  assert.strictEqual(result.status, 1, `expected exit 1, got ${result.status}:\n${result.output}`);
  assert.match(result.output, pattern);
}

test('k8s/ as committed passes', () => {
  const r = run(k8sDir);
  assert.strictEqual(r.status, 0, r.output);
  assert.match(r.output, /k8s validation passed/);
});

test('schema violation is reported with file, kind and name', () => {
  expectFailure(runBroken((d) => edit(d, 'statefulset.yaml', 'containerPort: 1883', 'containerPort: "1883"')),
    /statefulset\.yaml: StatefulSet\/opifex: schema: .*containerPort must be integer/);
});

test('missing required field is reported', () => {
  expectFailure(runBroken((d) => edit(d, 'services.yaml', /- name: mqtt\n(\s+)port: 1883/, '- name: mqtt\n$1nodePort: 31883')),
    /services\.yaml: Service\/opifex: schema: .*port/);
});

test('YAML syntax error is reported', () => {
  expectFailure(runBroken((d) => edit(d, 'poddisruptionbudget.yaml', /^  maxUnavailable: 1$/m, '  maxUnavailable: [1')),
    /poddisruptionbudget\.yaml: YAML:/);
});

test('resource missing from a kustomization is reported', () => {
  expectFailure(runBroken((d) => edit(d, 'kustomization.yaml', '- services.yaml', '- service.yaml')),
    /kustomization\.yaml: Kustomization: resource service\.yaml does not exist/);
});

test('generator input missing is reported', () => {
  expectFailure(runBroken((d) => fs.rmSync(path.join(d, 'monitoring', 'opifex-dashboard.json'))),
    /file opifex-dashboard\.json does not exist/);
});

test('manifest not listed in any kustomization is reported', () => {
  expectFailure(runBroken((d) => fs.copyFileSync(path.join(d, 'services.yaml'), path.join(d, 'extra.yaml'))),
    /extra\.yaml: not listed in any kustomization\.yaml resources/);
});

test('dashboard that is not valid JSON is reported', () => {
  expectFailure(runBroken((d) => edit(d, 'monitoring/opifex-dashboard.json', /}\s*$/, '')),
    /ConfigMap\/opifex-grafana-dashboard: opifex-dashboard\.json is not valid JSON/);
});

test('PromQL syntax error in an alert is reported', () => {
  expectFailure(runBroken((d) => edit(d, 'monitoring/prometheusrule.yaml', 'sum by (namespace, pod) (opifex_queued_messages', 'sum by (namespace, pod (opifex_queued_messages')),
    /rule OpifexQueueDepthHigh: PromQL syntax error/);
});

test('unknown metric name in the dashboard is reported', () => {
  expectFailure(runBroken((d) => edit(d, 'monitoring/opifex-dashboard.json', 'rate(opifex_messages_dropped_total', 'rate(opifex_dropped_messages_total')),
    /unknown metric opifex_dropped_messages_total/);
});

test('unknown label value in an alert is reported', () => {
  expectFailure(runBroken((d) => edit(d, 'monitoring/prometheusrule.yaml', 'reason!="no_subscribers"', 'reason!="no_subscriber"')),
    /opifex_messages_dropped_total\{reason!="no_subscriber"\}: reason is one of/);
});

test('Service targeting an undeclared container port is reported', () => {
  expectFailure(runBroken((d) => edit(d, 'services.yaml', 'targetPort: management', 'targetPort: metrics')),
    /Service\/opifex-headless: port management targets metrics, which StatefulSet\/opifex does not declare/);
});

test('probe on an undeclared port is reported', () => {
  expectFailure(runBroken((d) => edit(d, 'statefulset.yaml', /path: \/q\/health\/live\n(\s+)port: management/, 'path: /q/health/live\n$1port: http')),
    /livenessProbe uses port http/);
});

test('ServiceMonitor endpoint on a port no Service has is reported', () => {
  expectFailure(runBroken((d) => edit(d, 'monitoring/servicemonitor.yaml', '- port: management', '- port: metrics')),
    /ServiceMonitor\/opifex: endpoint port metrics is not a port name of any selected Service/);
});
