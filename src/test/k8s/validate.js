#!/usr/bin/env node
// Offline validation of the Kubernetes manifests in k8s/ (no cluster needed).
//
//   node src/test/k8s/validate.js [K8S_DIR]      (K8S_DIR defaults to <repo>/k8s)
//
// Checks, failing with "file: Kind/name: problem" and a non-zero exit on any of them:
//  - every YAML document under K8S_DIR parses; every object validates against the Kubernetes
//    (kubernetes-models) or Prometheus Operator (@kubernetes-models/prometheus-operator) schema;
//  - every kustomization.yaml: known fields, and every resource / generator input it lists exists
//    inside K8S_DIR; every manifest file is listed by some kustomization (else it is never applied);
//  - ConfigMaps from configMapGenerator are built and validated; .json entries must parse, and a
//    Grafana dashboard ConfigMap (label grafana_dashboard) must hold a dashboard with panels;
//  - every PromQL expression (PrometheusRule rules, dashboard targets) parses, and uses only the
//    broker's metric names and labels (METRICS below);
//  - cross references: Service selectors and PDB selectors match a pod template, Service
//    targetPorts and probe ports name container ports, the StatefulSet's serviceName is a headless
//    Service, ConfigMap volumes refer to a generated ConfigMap, ServiceMonitor endpoints name a
//    port of a selected Service;
//  - if kubectl is on PATH, `kubectl kustomize` renders each top-level kustomization and the
//    rendered objects are validated too (this is what `kubectl apply -k` would send).
'use strict';

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const yaml = require('js-yaml');
const { parser: promqlParser } = require('@prometheus-io/lezer-promql');

const k8sDir = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', '..', 'k8s'));
const problems = [];
let checkedObjects = 0;
let checkedExprs = 0;
const notes = [];

function rel(file) {
  return path.relative(process.cwd(), file) || file;
}
function problem(file, what, message) {
  problems.push(`${rel(file)}: ${what ? what + ': ' : ''}${message}`);
}
function describe(obj) {
  if (!obj || typeof obj !== 'object') return '(not an object)';
  return `${obj.kind || '(no kind)'}/${(obj.metadata && obj.metadata.name) || '(no name)'}`;
}
function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// ---------------------------------------------------------------------------------------------
// Schema validation with kubernetes-models

function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return null;
  if (!/^[A-Za-z0-9]+$/.test(kind) || !/^([a-z0-9.-]+\/)?v[0-9a-z]+$/.test(apiVersion)) return null;
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const module = group === 'monitoring.coreos.com'
    ? `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`
    : `kubernetes-models/${group ? group + '/' : ''}${version}/${kind}`;
  try {
    const model = require(module)[kind];
    return typeof model === 'function' ? model : null;
  } catch (e) {
    return null;
  }
}

function validateObject(file, obj, prefix = '') {
  checkedObjects++;
  if (!isPlainObject(obj)) {
    problem(file, null, 'document is not a mapping');
    return false;
  }
  const what = prefix + describe(obj);
  if (!obj.apiVersion || !obj.kind) {
    problem(file, what, 'missing apiVersion or kind');
    return false;
  }
  if (!obj.metadata || !obj.metadata.name) problem(file, what, 'missing metadata.name');
  const Model = modelFor(obj.apiVersion, obj.kind);
  if (!Model) {
    problem(file, what, `unknown apiVersion/kind ${obj.apiVersion} ${obj.kind} (no schema to validate against)`);
    return false;
  }
  try {
    new Model(obj).validate();
  } catch (e) {
    const details = Array.isArray(e.errors)
      ? e.errors.map((x) => `${x.instancePath || '/'} ${x.message}${x.params && x.params.allowedValues ? ' ' + JSON.stringify(x.params.allowedValues) : ''}`).join('; ')
      : e.message;
    problem(file, what, `schema: ${details}`);
    return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// PromQL: syntax (Prometheus' own lezer grammar) and the metric catalogue

// Labels every scraped series carries (Prometheus target labels from the ServiceMonitor).
const TARGET_LABELS = ['job', 'namespace', 'pod', 'instance', 'service', 'endpoint', 'container'];
// The broker's metrics: name -> allowed labels (null: any), with known values where they are fixed.
const METRICS = {
  up: {},
  opifex_connections: { listener: null },
  opifex_sessions: { state: ['online', 'offline'] },
  opifex_subscriptions: {},
  opifex_retained_messages: {},
  opifex_queued_messages: {},
  opifex_inflight_messages: {},
  opifex_connects_total: { result: null },
  // values: io.opifex.connection.CloseReason, lower case
  opifex_disconnects_total: { reason: ['client_disconnect', 'connection_lost', 'connect_timeout', 'keep_alive_timeout', 'protocol_error', 'takeover', 'connect_refused', 'shutdown'] },
  opifex_messages_received_total: { qos: ['0', '1', '2'] },
  opifex_messages_sent_total: { qos: ['0', '1', '2'] },
  // values: io.opifex.server.DropReason, lower case
  opifex_messages_dropped_total: { reason: ['queue_full', 'slow_consumer', 'offline_qos0', 'not_authorized', 'no_subscribers'] },
  opifex_bytes_received_total: {},
  opifex_bytes_sent_total: {},
  opifex_protocol_errors_total: { kind: null },
  opifex_subscriptions_refused_total: { reason: ['topic_limit', 'subscription_limit', 'not_authorized'] },
  opifex_packets_received_total: { type: null },
  opifex_publisher_pauses_total: {},
  opifex_queued_bytes: {},
  opifex_store_write_seconds_bucket: { le: null },
  opifex_store_write_seconds_count: {},
  opifex_store_write_seconds_sum: {},
  opifex_packets_sent_total: { type: null },
  opifex_delivery_latency_seconds_bucket: { le: null },
  opifex_delivery_latency_seconds_count: {},
  opifex_delivery_latency_seconds_sum: {},
  opifex_build_info: '*',
};

// Grafana variables are replaced by plausible values before parsing.
function substituteGrafanaVariables(expr) {
  return expr
    .replace(/\$__(rate_interval|interval|range)\b/g, '5m')
    .replace(/\$\{__(rate_interval|interval|range)\}/g, '5m')
    .replace(/\$\{(\w+)(:\w+)?\}/g, 'value')
    .replace(/\$(\w+)/g, 'value');
}

function checkPromQL(file, what, rawExpr) {
  checkedExprs++;
  if (typeof rawExpr !== 'string' || rawExpr.trim() === '') {
    problem(file, what, 'empty PromQL expression');
    return;
  }
  const expr = substituteGrafanaVariables(rawExpr);
  const tree = promqlParser.parse(expr);
  const short = rawExpr.replace(/\s+/g, ' ').trim();
  let syntaxError = null;
  tree.iterate({
    enter(node) {
      if (node.type.isError && syntaxError === null) syntaxError = node.from;
    },
  });
  if (syntaxError !== null) {
    problem(file, what, `PromQL syntax error at offset ${syntaxError} (near "${expr.slice(syntaxError, syntaxError + 20)}") in: ${short}`);
    return;
  }
  // Metric names and label matchers of every vector selector.
  tree.iterate({
    enter(node) {
      if (node.name !== 'VectorSelector') return;
      const ident = node.node.getChild('Identifier');
      const metric = ident ? expr.slice(ident.from, ident.to) : null;
      if (!metric) {
        problem(file, what, `selector without a metric name: ${expr.slice(node.from, node.to)}`);
        return false;
      }
      const labels = METRICS[metric];
      if (labels === undefined) {
        problem(file, what, `unknown metric ${metric} in: ${short}`);
        return false;
      }
      const matchers = node.node.getChild('LabelMatchers');
      if (!matchers || labels === '*') return false;
      for (let m = matchers.firstChild; m; m = m.nextSibling) {
        if (m.name !== 'UnquotedLabelMatcher') continue;
        const nameNode = m.getChild('LabelName');
        const opNode = m.getChild('MatchOp');
        const valueNode = m.getChild('StringLiteral');
        if (!nameNode || !opNode || !valueNode) continue;
        const label = expr.slice(nameNode.from, nameNode.to);
        const op = expr.slice(opNode.from, opNode.to);
        const value = expr.slice(valueNode.from + 1, valueNode.to - 1);
        if (TARGET_LABELS.includes(label)) continue;
        if (!(label in labels)) {
          problem(file, what, `metric ${metric} has no label ${label} (known: ${Object.keys(labels).join(', ') || 'none'})`);
          continue;
        }
        const allowed = labels[label];
        if (allowed && (op === '=' || op === '!=') && !allowed.includes(value)) {
          problem(file, what, `${metric}{${label}${op}"${value}"}: ${label} is one of ${allowed.join(', ')}`);
        }
        if (allowed && (op === '=~' || op === '!~')) {
          let re;
          try {
            re = new RegExp(`^(?:${value})$`);
          } catch (e) {
            problem(file, what, `bad regular expression in ${metric}{${label}${op}"${value}"}: ${e.message}`);
            continue;
          }
          if (!allowed.some((v) => re.test(v))) {
            problem(file, what, `${metric}{${label}${op}"${value}"} matches none of ${allowed.join(', ')}`);
          }
        }
      }
      return false;
    },
  });
}

function checkPrometheusRule(file, obj) {
  const groups = (obj.spec && obj.spec.groups) || [];
  if (groups.length === 0) problem(file, describe(obj), 'no rule groups');
  for (const group of groups) {
    for (const [i, rule] of (group.rules || []).entries()) {
      const what = `${describe(obj)} group ${group.name} rule ${rule.alert || rule.record || '#' + i}`;
      if (!rule.alert && !rule.record) problem(file, what, 'rule has neither alert nor record');
      if (rule.alert && !(rule.annotations && rule.annotations.summary)) problem(file, what, 'alert without a summary annotation');
      if (rule.alert && !(rule.labels && rule.labels.severity)) problem(file, what, 'alert without a severity label');
      checkPromQL(file, what, typeof rule.expr === 'string' ? rule.expr : String(rule.expr));
    }
  }
}

function checkDashboard(file, what, key, text) {
  let dashboard;
  try {
    dashboard = JSON.parse(text);
  } catch (e) {
    problem(file, what, `${key} is not valid JSON: ${e.message}`);
    return;
  }
  if (!isPlainObject(dashboard) || !dashboard.title || !dashboard.uid) {
    problem(file, what, `${key}: a Grafana dashboard needs a title and a uid`);
  }
  const panels = [];
  const collect = (list) => {
    for (const p of list || []) {
      panels.push(p);
      collect(p.panels); // panels inside collapsed rows
    }
  };
  collect(dashboard.panels);
  const withTargets = panels.filter((p) => Array.isArray(p.targets) && p.targets.length > 0);
  if (withTargets.length === 0) problem(file, what, `${key}: dashboard has no panels with queries`);
  const ids = new Set();
  for (const p of panels) {
    if (ids.has(p.id)) problem(file, what, `${key}: duplicate panel id ${p.id}`);
    ids.add(p.id);
    for (const t of p.targets || []) {
      checkPromQL(file, `${what} ${key} panel "${p.title}" ${t.refId}`, t.expr);
    }
  }
  for (const v of (dashboard.templating && dashboard.templating.list) || []) {
    const q = v.type === 'query' ? (isPlainObject(v.query) ? v.query.query : v.query) : null;
    const m = typeof q === 'string' && /^label_values\((.*),\s*\w+\)$/.exec(q);
    if (m) checkPromQL(file, `${what} ${key} variable ${v.name}`, m[1]);
  }
}

// ---------------------------------------------------------------------------------------------
// Kustomizations

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const KUSTOMIZATION_FIELDS = new Set([
  'apiVersion', 'kind', 'metadata', 'resources', 'components', 'namespace', 'namePrefix', 'nameSuffix',
  'labels', 'commonLabels', 'commonAnnotations', 'configMapGenerator', 'secretGenerator', 'generatorOptions',
  'images', 'replicas', 'patches', 'patchesStrategicMerge', 'patchesJson6902', 'replacements', 'buildMetadata',
  'sortOptions', 'openapi', 'crds', 'generators', 'transformers', 'validators', 'helmCharts', 'configurations',
]);
const GENERATOR_FIELDS = new Set(['name', 'namespace', 'behavior', 'files', 'literals', 'envs', 'env', 'options', 'type']);

function insideK8sDir(file) {
  const r = path.relative(k8sDir, file);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

function loadYamlDocuments(file) {
  try {
    return yaml.loadAll(fs.readFileSync(file, 'utf8'), null, { filename: file }).filter((d) => d !== null && d !== undefined);
  } catch (e) {
    problem(file, null, `YAML: ${e.message.split('\n')[0]}`);
    return null;
  }
}

// Returns { referenced: Set of manifest files, generatorInputs: Set, objects: [{file, obj}] }
function checkKustomization(file, state) {
  const dir = path.dirname(file);
  const docs = loadYamlDocuments(file);
  if (!docs) return;
  if (docs.length !== 1 || !isPlainObject(docs[0])) {
    problem(file, null, 'a kustomization file must hold exactly one mapping');
    return;
  }
  const k = docs[0];
  const what = 'Kustomization';
  if (k.apiVersion !== 'kustomize.config.k8s.io/v1beta1' || k.kind !== 'Kustomization') {
    problem(file, what, `expected apiVersion kustomize.config.k8s.io/v1beta1 and kind Kustomization, got ${k.apiVersion} ${k.kind}`);
  }
  for (const key of Object.keys(k)) {
    if (!KUSTOMIZATION_FIELDS.has(key)) problem(file, what, `unknown field ${key}`);
  }
  if (k.commonLabels) problem(file, what, 'commonLabels is deprecated and rewrites selectors (immutable on a StatefulSet): use labels');
  const kust = { file, dir, resources: [], generated: [] };
  state.kustomizations.push(kust);

  for (const entry of k.resources || []) {
    if (typeof entry !== 'string') {
      problem(file, what, `resources entry is not a string: ${JSON.stringify(entry)}`);
      continue;
    }
    if (/^[a-z]+:\/\//.test(entry) || entry.startsWith('github.com/')) {
      problem(file, what, `remote resource ${entry} cannot be checked offline`);
      continue;
    }
    const target = path.resolve(dir, entry);
    if (!insideK8sDir(target)) {
      problem(file, what, `resource ${entry} lies outside ${rel(k8sDir)}`);
      continue;
    }
    if (!fs.existsSync(target)) {
      problem(file, what, `resource ${entry} does not exist`);
      continue;
    }
    if (fs.statSync(target).isDirectory()) {
      if (!KUSTOMIZATION_NAMES.some((n) => fs.existsSync(path.join(target, n)))) {
        problem(file, what, `resource directory ${entry} has no kustomization.yaml`);
      } else {
        state.childKustomizationDirs.add(target);
      }
    } else {
      state.referenced.add(target);
      kust.resources.push(target);
    }
  }

  for (const [generatorKind, list] of [['ConfigMap', k.configMapGenerator], ['Secret', k.secretGenerator]]) {
    for (const gen of list || []) {
      const gwhat = `${what} ${generatorKind.toLowerCase()}Generator ${gen && gen.name}`;
      if (!isPlainObject(gen) || !gen.name) {
        problem(file, gwhat, 'generator without a name');
        continue;
      }
      for (const key of Object.keys(gen)) {
        if (!GENERATOR_FIELDS.has(key)) problem(file, gwhat, `unknown field ${key}`);
      }
      const data = {};
      for (const spec of gen.files || []) {
        const m = /^(?:([^=]+)=)?(.+)$/.exec(String(spec));
        const source = path.resolve(dir, m[2]);
        const key = m[1] || path.basename(m[2]);
        if (!insideK8sDir(source)) {
          problem(file, gwhat, `file ${spec} lies outside ${rel(k8sDir)} (kustomize refuses that)`);
          continue;
        }
        if (!fs.existsSync(source) || !fs.statSync(source).isFile()) {
          problem(file, gwhat, `file ${spec} does not exist`);
          continue;
        }
        state.generatorInputs.add(source);
        data[key] = fs.readFileSync(source, 'utf8');
      }
      for (const spec of [].concat(gen.envs || [], gen.env ? [gen.env] : [])) {
        const source = path.resolve(dir, spec);
        if (!fs.existsSync(source)) problem(file, gwhat, `env file ${spec} does not exist`);
        else state.generatorInputs.add(source);
      }
      for (const literal of gen.literals || []) {
        const m = /^([^=]+)=(.*)$/.exec(String(literal));
        if (!m) problem(file, gwhat, `literal ${literal} is not KEY=VALUE`);
        else data[m[1]] = m[2];
      }
      if (generatorKind !== 'ConfigMap') continue;
      const options = Object.assign({}, k.generatorOptions || {}, gen.options || {});
      const generated = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: gen.name, labels: options.labels, annotations: options.annotations },
        data,
      };
      if (!generated.metadata.labels) delete generated.metadata.labels;
      if (!generated.metadata.annotations) delete generated.metadata.annotations;
      if (validateObject(file, generated)) {
        kust.generated.push(generated);
        state.objects.push({ file, obj: generated });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Cross references between objects of one kustomization tree

function podTemplateOf(obj) {
  if (['StatefulSet', 'Deployment', 'DaemonSet', 'ReplicaSet', 'Job'].includes(obj.kind)) {
    return obj.spec && obj.spec.template;
  }
  return null;
}
function matches(selector, labels) {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels && labels[k] === v);
}

function crossCheck(entries, label) {
  const byKind = (kind) => entries.filter((e) => e.obj.kind === kind);
  const workloads = entries.filter((e) => podTemplateOf(e.obj));
  const configMaps = new Set(byKind('ConfigMap').map((e) => e.obj.metadata.name));

  for (const { file, obj } of workloads) {
    const what = describe(obj);
    const template = podTemplateOf(obj);
    const podLabels = (template.metadata && template.metadata.labels) || {};
    const sel = obj.spec.selector && obj.spec.selector.matchLabels;
    if (sel && !matches(sel, podLabels)) problem(file, what, 'spec.selector does not match the pod template labels');
    const podSpec = template.spec || {};
    const containers = [].concat(podSpec.containers || [], podSpec.initContainers || []);
    for (const c of containers) {
      const portNames = new Set((c.ports || []).map((p) => p.name).filter(Boolean));
      for (const probeName of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        const probe = c[probeName];
        const port = probe && (probe.httpGet || probe.tcpSocket || probe.grpc || {}).port;
        if (typeof port === 'string' && !portNames.has(port)) {
          problem(file, what, `container ${c.name} ${probeName} uses port ${port}, which the container does not declare`);
        }
      }
      const volumes = new Set((podSpec.volumes || []).map((v) => v.name));
      for (const m of c.volumeMounts || []) {
        if (!volumes.has(m.name)) problem(file, what, `container ${c.name} mounts undeclared volume ${m.name}`);
      }
    }
    for (const v of podSpec.volumes || []) {
      if (v.configMap && !v.configMap.optional && !configMaps.has(v.configMap.name)) {
        problem(file, what, `volume ${v.name} refers to ConfigMap ${v.configMap.name}, which ${label} does not create`);
      }
    }
    if (obj.kind === 'StatefulSet' && obj.spec.serviceName) {
      const svc = byKind('Service').find((e) => e.obj.metadata.name === obj.spec.serviceName);
      if (!svc) problem(file, what, `serviceName ${obj.spec.serviceName} is not a Service of ${label}`);
      else if (svc.obj.spec.clusterIP !== 'None') problem(file, what, `serviceName ${obj.spec.serviceName} is not headless (clusterIP: None)`);
    }
  }

  for (const { file, obj } of byKind('Service')) {
    const what = describe(obj);
    const selected = workloads.filter((w) => matches(obj.spec.selector, (podTemplateOf(w.obj).metadata || {}).labels));
    if (selected.length === 0) {
      problem(file, what, `selector ${JSON.stringify(obj.spec.selector)} matches no pod template in ${label}`);
      continue;
    }
    for (const port of obj.spec.ports || []) {
      for (const w of selected) {
        const cports = (podTemplateOf(w.obj).spec.containers || []).flatMap((c) => c.ports || []);
        const target = port.targetPort === undefined ? port.port : port.targetPort;
        const found = typeof target === 'string'
          ? cports.some((p) => p.name === target)
          : cports.some((p) => p.containerPort === target);
        if (!found) problem(file, what, `port ${port.name || port.port} targets ${target}, which ${describe(w.obj)} does not declare`);
      }
    }
  }

  for (const { file, obj } of byKind('PodDisruptionBudget')) {
    const sel = obj.spec.selector && obj.spec.selector.matchLabels;
    if (!workloads.some((w) => matches(sel, (podTemplateOf(w.obj).metadata || {}).labels))) {
      problem(file, describe(obj), `selector matches no pod template in ${label}`);
    }
  }
}

// ServiceMonitors select Services that another kustomization deploys: checked over the whole tree.
function checkServiceMonitors(allEntries) {
  const services = allEntries.filter((e) => e.obj.kind === 'Service');
  for (const { file, obj } of allEntries.filter((e) => e.obj.kind === 'ServiceMonitor')) {
    const what = describe(obj);
    const sel = obj.spec.selector && obj.spec.selector.matchLabels;
    const selected = services.filter((s) => matches(sel, s.obj.metadata.labels));
    if (selected.length === 0) {
      problem(file, what, `selector ${JSON.stringify(sel)} matches no Service under ${rel(k8sDir)}`);
      continue;
    }
    for (const ep of obj.spec.endpoints || []) {
      if (!ep.port) {
        problem(file, what, 'endpoint without a named port');
        continue;
      }
      const withPort = selected.filter((s) => (s.obj.spec.ports || []).some((p) => p.name === ep.port));
      if (withPort.length === 0) problem(file, what, `endpoint port ${ep.port} is not a port name of any selected Service`);
      if (withPort.length > 1) problem(file, what, `endpoint port ${ep.port} is on ${withPort.length} selected Services: pods would be scraped twice`);
      if (!ep.path) problem(file, what, `endpoint ${ep.port} has no path (the default /metrics is not Quarkus' /q/metrics)`);
    }
    if (obj.spec.jobLabel) {
      for (const s of selected) {
        if (!(s.obj.metadata.labels || {})[obj.spec.jobLabel]) {
          problem(file, what, `jobLabel ${obj.spec.jobLabel} is not a label of Service ${s.obj.metadata.name}`);
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// kubectl kustomize (optional): validate what `kubectl apply -k` would actually send

function haveKubectl() {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch (e) {
    return false;
  }
}

function checkRendered(rootDir) {
  const file = path.join(rootDir, 'kustomization.yaml');
  let out;
  try {
    out = execFileSync('kubectl', ['kustomize', rootDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    problem(file, 'kubectl kustomize', (e.stderr || e.message).toString().trim());
    return 0;
  }
  let docs;
  try {
    docs = yaml.loadAll(out).filter(Boolean);
  } catch (e) {
    problem(file, 'kubectl kustomize', `rendered output does not parse: ${e.message}`);
    return 0;
  }
  const entries = [];
  let valid = true;
  for (const obj of docs) {
    if (validateObject(file, obj, 'rendered ')) entries.push({ file, obj });
    else valid = false;
  }
  if (valid) crossCheck(entries, `the rendered ${rel(rootDir)}`);
  return docs.length;
}

// ---------------------------------------------------------------------------------------------

function walk(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out.sort();
}

function main() {
  if (!fs.existsSync(k8sDir) || !fs.statSync(k8sDir).isDirectory()) {
    console.error(`validate: ${k8sDir} is not a directory`);
    process.exit(2);
  }
  const files = walk(k8sDir);
  const state = {
    kustomizations: [],
    referenced: new Set(),
    generatorInputs: new Set(),
    childKustomizationDirs: new Set(),
    objects: [],
  };
  const kustomizationFiles = files.filter((f) => KUSTOMIZATION_NAMES.includes(path.basename(f)));
  if (!kustomizationFiles.some((f) => path.dirname(f) === k8sDir)) {
    problem(k8sDir, null, 'no kustomization.yaml: `kubectl apply -k` cannot use this directory');
  }
  for (const f of kustomizationFiles) checkKustomization(f, state);

  const objectsByFile = new Map();
  for (const f of files) {
    if (kustomizationFiles.includes(f)) continue;
    const isYaml = /\.ya?ml$/.test(f);
    if (state.generatorInputs.has(f)) {
      if (isYaml) {
        const docs = loadYamlDocuments(f); // generator input: must parse, is not a manifest
        if (docs && docs.some((d) => isPlainObject(d) && d.apiVersion && d.kind)) {
          problem(f, null, 'looks like a Kubernetes manifest but is only used as generator input');
        }
      }
      continue;
    }
    if (!isYaml) {
      problem(f, null, 'neither a manifest nor an input of any kustomization (stray file)');
      continue;
    }
    const docs = loadYamlDocuments(f);
    if (!docs) continue;
    if (docs.length === 0) problem(f, null, 'no YAML documents');
    if (!state.referenced.has(f)) problem(f, null, 'not listed in any kustomization.yaml resources: it would never be applied');
    const valid = [];
    for (const obj of docs) {
      if (validateObject(f, obj)) {
        valid.push({ file: f, obj });
        if (obj.kind === 'PrometheusRule') checkPrometheusRule(f, obj);
      }
    }
    objectsByFile.set(f, valid);
  }

  // Generated ConfigMaps: JSON entries parse; dashboards are dashboards.
  for (const { file, obj } of state.objects) {
    const isDashboard = obj.metadata.labels && obj.metadata.labels.grafana_dashboard !== undefined;
    const jsonKeys = Object.keys(obj.data || {}).filter((key) => key.endsWith('.json'));
    if (isDashboard && jsonKeys.length === 0) problem(file, describe(obj), 'labelled grafana_dashboard but holds no .json entry');
    for (const key of jsonKeys) {
      if (isDashboard) checkDashboard(file, describe(obj), key, obj.data[key]);
      else {
        try {
          JSON.parse(obj.data[key]);
        } catch (e) {
          problem(file, describe(obj), `${key} is not valid JSON: ${e.message}`);
        }
      }
    }
  }

  // Cross references, per kustomization (its resources plus what it generates). Only on objects
  // that passed their schema: otherwise a single typo would be reported again as every reference
  // to it, burying the real problem.
  if (problems.length === 0) {
    const all = [];
    for (const kust of state.kustomizations) {
      const entries = kust.resources.flatMap((f) => objectsByFile.get(f) || [])
        .concat(kust.generated.map((obj) => ({ file: kust.file, obj })));
      all.push(...entries);
      crossCheck(entries, rel(kust.dir));
    }
    checkServiceMonitors(all);
  } else {
    notes.push('cross-reference checks skipped until the problems above are fixed');
  }

  let rendered = 'skipped (kubectl not on PATH)';
  if (haveKubectl()) {
    const roots = state.kustomizations.map((k) => k.dir).filter((d) => !state.childKustomizationDirs.has(d));
    const counts = roots.map((d) => `${rel(d)}: ${checkRendered(d)} objects`);
    rendered = counts.join(', ');
  }

  if (problems.length > 0) {
    console.error(`\nk8s validation FAILED with ${problems.length} problem(s):`);
    for (const p of problems) console.error(`  - ${p}`);
    for (const n of notes) console.error(`  (${n})`);
    console.error('');
    process.exit(1);
  }
  console.log(`k8s validation passed: ${files.length} files, ${state.kustomizations.length} kustomizations, ` +
    `${checkedObjects} objects validated against their schemas, ${checkedExprs} PromQL expressions; ` +
    `kubectl kustomize: ${rendered}.`);
}

main();
