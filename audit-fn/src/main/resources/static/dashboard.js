// The live dashboard of audit-fn: one server-sent event stream (/dashboard/stream) feeds the numbers and charts;
// the order story comes from GET /sagas/{orderId}. ECharts is served from the application jar (webjar).
import * as echarts from '/webjars/echarts/dist/echarts.esm.min.js';

const HISTORY = 300; // points kept per rolling chart (5 minutes at one snapshot per second)
const STATES = ['PENDING', 'APPROVED', 'COMPLETED', 'CANCELLED', 'UNKNOWN'];
const STATE_COLORS = { PENDING: '#8a94a3', APPROVED: '#1f5fbf', COMPLETED: '#17803d', CANCELLED: '#a15c00', UNKNOWN: '#6b4fa0' };
const LANES = ['order-fn', 'customer-fn', 'payment-fn', 'email-fn'];
const DEAD_LETTER_LANE = 'dead letters';

const $ = (id) => document.getElementById(id);
const number = new Intl.NumberFormat('en');
const charts = {
  throughput: echarts.init($('chart-throughput')),
  states: echarts.init($('chart-states')),
  latency: echarts.init($('chart-latency')),
  lag: echarts.init($('chart-lag')),
  swimlane: echarts.init($('chart-swimlane')),
};
const rolling = { events: [], finished: [], p50: [], p95: [], p99: [] };
let selectedOrder = null;

window.addEventListener('resize', () => Object.values(charts).forEach((chart) => chart.resize()));

// --- small DOM helpers: data always goes in as text, never as markup

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function row(cells, className) {
  const tr = element('tr', null, className);
  cells.forEach((cell) => {
    const td = cell instanceof Node ? element('td') : element('td', cell);
    if (cell instanceof Node) td.append(cell);
    if (typeof cell === 'number') td.className = 'number';
    tr.append(td);
  });
  return tr;
}

function orderButton(orderId) {
  const button = element('button', orderId, 'link');
  button.type = 'button';
  button.title = 'Show the story of order ' + orderId;
  button.addEventListener('click', () => showOrder(orderId));
  return button;
}

function setKpi(id, value, alarm) {
  const node = $(id);
  node.textContent = value;
  if (alarm !== undefined) node.classList.toggle('nonzero', alarm);
}

function ms(value) {
  return value === null || value === undefined ? '–' : number.format(value);
}

// --- live numbers

function push(series, time, value) {
  series.push([time, value]);
  if (series.length > HISTORY) series.shift();
}

function render(snapshot) {
  const overview = snapshot.overview;
  const time = new Date(overview.evaluatedAt);
  const byState = overview.sagas.byState;
  const consistent = overview.verdict === 'CONSISTENT';

  const verdict = $('verdict');
  verdict.textContent = consistent ? 'Consistent: no rule broken'
    : `Inconsistent: ${number.format(overview.violations.sagas)} saga(s) break a rule`;
  verdict.className = 'verdict ' + (consistent ? 'verdict-ok' : 'verdict-bad');
  // while the audit reads behind the topics, rules that wait for another topic are not judged yet
  const behind = !overview.behind ? ''
    : overview.lagSeconds === null ? '; audit behind the topics (lag not known yet)'
    : `; audit behind the topics by ${number.format(overview.lagSeconds)} s, rules that need another topic wait`;
  $('connection').textContent = 'live, updated ' + time.toLocaleTimeString() + behind;

  setKpi('kpi-events-rate', number.format(snapshot.eventsPerSecond));
  setKpi('kpi-events', number.format(overview.events));
  setKpi('kpi-sagas', number.format(overview.sagas.total));
  setKpi('kpi-in-flight', number.format(overview.sagas.inFlight));
  setKpi('kpi-completed', number.format(byState.COMPLETED ?? 0));
  setKpi('kpi-cancelled', number.format(byState.CANCELLED ?? 0));
  setKpi('kpi-stuck', number.format(overview.sagas.stuck), overview.sagas.stuck > 0);
  setKpi('kpi-violations', number.format(overview.violations.sagas), overview.violations.sagas > 0);
  setKpi('kpi-duplicates', number.format(overview.duplicates));
  setKpi('kpi-dead-letters', number.format(overview.deadLetters.total), overview.deadLetters.total > 0);
  const latency = overview.latency;
  setKpi('kpi-latency', latency.samples === 0 ? '–' : `${ms(latency.p50Ms)} / ${ms(latency.p95Ms)} / ${ms(latency.p99Ms)} ms`);

  push(rolling.events, time, snapshot.eventsPerSecond);
  push(rolling.finished, time, snapshot.sagasFinishedPerSecond);
  push(rolling.p50, time, latency.p50Ms);
  push(rolling.p95, time, latency.p95Ms);
  push(rolling.p99, time, latency.p99Ms);

  renderCharts(overview, snapshot);
  renderRules(overview.violations.byRule);
  renderAttention(overview);
  renderRecent(snapshot.recent);
  if (selectedOrder) loadOrder(selectedOrder, false);
}

function timeSeries(name, data, color) {
  return { name, type: 'line', data, showSymbol: false, smooth: false, lineStyle: { width: 2 }, itemStyle: { color } };
}

function renderCharts(overview, snapshot) {
  const grid = { left: 48, right: 16, top: 28, bottom: 28 };
  charts.throughput.setOption({
    animation: false, grid, tooltip: { trigger: 'axis' }, legend: { top: 0 },
    xAxis: { type: 'time' }, yAxis: { type: 'value', minInterval: 1 },
    series: [timeSeries('events', rolling.events, '#1f5fbf'), timeSeries('sagas finished', rolling.finished, '#17803d')],
  });
  $('chart-throughput').setAttribute('aria-label',
    `Throughput: ${snapshot.eventsPerSecond} events and ${snapshot.sagasFinishedPerSecond} finished sagas per second`);

  const counts = STATES.map((state) => overview.sagas.byState[state] ?? 0);
  charts.states.setOption({
    animation: false, grid, tooltip: {},
    xAxis: { type: 'category', data: STATES, axisLabel: { interval: 0, fontSize: 10 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', data: counts.map((value, i) => ({ value, itemStyle: { color: STATE_COLORS[STATES[i]] } })),
      label: { show: true, position: 'top' } }],
  });
  $('chart-states').setAttribute('aria-label',
    'Sagas by state: ' + STATES.map((state, i) => `${state} ${counts[i]}`).join(', '));

  charts.latency.setOption({
    animation: false, grid, tooltip: { trigger: 'axis' }, legend: { top: 0 },
    xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'ms' },
    series: [timeSeries('p50', rolling.p50, '#17803d'), timeSeries('p95', rolling.p95, '#a15c00'),
      timeSeries('p99', rolling.p99, '#b42318')],
  });
  $('chart-latency').setAttribute('aria-label', `Latency p50 ${ms(overview.latency.p50Ms)} ms, `
    + `p95 ${ms(overview.latency.p95Ms)} ms, p99 ${ms(overview.latency.p99Ms)} ms`);

  const groups = Object.values(overview.consumerLag);
  charts.lag.setOption({
    animation: false, grid, tooltip: {},
    xAxis: { type: 'category', data: groups.map((group) => group.group), axisLabel: { interval: 0, fontSize: 10 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', itemStyle: { color: '#6b4fa0' },
      data: groups.map((group) => group.lag ?? 0),
      label: { show: true, position: 'top', formatter: (p) => groups[p.dataIndex].lag === null ? 'n/a' : p.value } }],
  });
  $('chart-lag').setAttribute('aria-label', 'Consumer lag: '
    + groups.map((group) => `${group.group} ${group.lag === null ? 'unknown' : group.lag}`).join(', '));
}

function renderRules(byRule) {
  const body = $('rules').tBodies[0];
  body.replaceChildren(...Object.entries(byRule).map(([rule, sagas]) => {
    const name = element('span', rule, 'mono');
    return row([name, sagas], sagas > 0 ? 'broken' : undefined);
  }));
}

function renderAttention(overview) {
  const body = $('attention').tBodies[0];
  const rows = [
    ...overview.stuck.map((saga) => row([orderButton(saga.orderId), saga.state, 'stuck past its deadline ' + saga.deadline])),
    ...overview.violated.filter((saga) => !saga.stuck)
      .map((saga) => row([orderButton(saga.orderId), saga.state, saga.rules.join(', ')])),
  ];
  body.replaceChildren(...(rows.length ? rows : [row(['none', '', ''])]));
}

function renderRecent(recent) {
  $('recent').tBodies[0].replaceChildren(...recent.map((saga) =>
    row([orderButton(saga.orderId), saga.state, saga.verdict, saga.events], saga.verdict === 'VIOLATED' ? 'broken' : undefined)));
}

// --- the story of one order

function showOrder(orderId) {
  $('order-id').value = orderId;
  selectedOrder = orderId;
  window.history.replaceState(null, '', '#order=' + encodeURIComponent(orderId));
  loadOrder(orderId, true);
}

async function loadOrder(orderId, announce) {
  const status = $('story-status');
  if (announce) status.textContent = 'Loading order ' + orderId + '…';
  let response;
  try {
    response = await fetch('/sagas/' + encodeURIComponent(orderId), { headers: { Accept: 'application/json' } });
  } catch (error) {
    status.textContent = 'Could not reach audit-fn: ' + error.message;
    return;
  }
  if (orderId !== selectedOrder) return; // another order was picked meanwhile
  if (response.status === 404) {
    status.textContent = `No events seen for order ${orderId} (yet).`;
    $('story-details').hidden = true;
    return;
  }
  if (!response.ok) {
    status.textContent = `audit-fn answered ${response.status}`;
    return;
  }
  const saga = await response.json();
  status.textContent = `Order ${saga.orderId}: ${saga.state}, ${saga.verdict}, ${saga.timeline.length} step(s)`;
  renderStory(saga);
}

function renderStory(saga) {
  $('story-details').hidden = false;
  charts.swimlane.resize(); // it was laid out while hidden
  const summary = [['State', saga.state], ['Verdict', saga.verdict], ['Stuck', saga.stuck ? 'yes' : 'no'],
    ['Deadline', saga.deadline ?? '–'], ['Latency', saga.latencyMs === null ? '–' : ms(saga.latencyMs) + ' ms'],
    ['Events', saga.events], ['Duplicates', saga.duplicates], ['Dead letters', saga.deadLetters],
    ['Traces', saga.traceIds.length ? saga.traceIds.join(', ') : '–']];
  $('story-summary').replaceChildren(...summary.map(([term, value]) => {
    const pair = element('div');
    pair.append(element('dt', term), element('dd', value));
    return pair;
  }));
  $('story-findings').replaceChildren(...saga.findings.map((finding) => {
    const item = element('li');
    item.append(element('strong', finding.rule), document.createTextNode(': ' + finding.message + ' '));
    const evidence = finding.evidence.map((e) => `${e.type} ${e.eventId} (${e.topic}/${e.partition}@${e.offset})`
      + (e.note ? ' ' + e.note : ''));
    item.append(element('span', 'Evidence: ' + evidence.join('; '), 'evidence'));
    return item;
  }));

  const producers = [...new Set(saga.timeline.map((step) => step.producer))];
  const lanes = [...LANES, ...producers.filter((p) => !LANES.includes(p) && p !== DEAD_LETTER_LANE), DEAD_LETTER_LANE];
  const points = saga.timeline.map((step, i) => ({
    value: [step.time, step.producer],
    step,
    label: { position: i % 2 === 0 ? 'top' : 'bottom' },
    itemStyle: { color: step.kind === 'DEAD_LETTER' ? '#b42318' : step.copies > 1 ? '#a15c00' : '#1f5fbf' },
  }));
  charts.swimlane.setOption({
    animation: false,
    grid: { left: 96, right: 24, top: 16, bottom: 32 },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        if (!p.data || !p.data.step) return '';
        const s = p.data.step;
        return [s.type, s.time, `${s.topic}/${s.partition}@${s.offset}`, s.traceId ? 'trace ' + s.traceId : '']
          .filter(Boolean).map((line) => escapeHtml(line)).join('<br>');
      },
    },
    xAxis: { type: 'time' },
    yAxis: { type: 'category', data: lanes, inverse: true },
    series: [
      { type: 'line', data: points.map((p) => p.value), lineStyle: { color: '#c3c9d2', width: 1 }, symbol: 'none', silent: true, z: 1 },
      {
        type: 'scatter', data: points, symbolSize: 14, z: 2,
        // alternate above and below so that neighbouring steps stay readable
        label: { show: true, fontSize: 10, formatter: (p) => p.data.step.type.replace(/\.v\d+$/, '') },
        labelLayout: { hideOverlap: false },
      },
    ],
  }, true);
  $('chart-swimlane').setAttribute('aria-label', 'Swimlane: ' + saga.timeline
    .map((step) => `${step.producer} ${step.type}`).join(', then '));

  $('story-timeline').tBodies[0].replaceChildren(...saga.timeline.map((step) => {
    const details = Object.entries(step.facts || {}).map(([k, v]) => `${k}=${v}`);
    if (step.copies > 1) details.push(`delivered ${step.copies} times`);
    if (step.reason) details.push('dead-lettered: ' + step.reason);
    return row([step.time, step.sincePreviousMs ?? '', step.producer, element('span', step.type ?? '(unknown)', 'mono'),
      `${step.topic}/${step.partition}@${step.offset}`, element('span', step.traceId ? step.traceId.slice(0, 12) + '…' : '–', 'mono'),
      details.join(', ')], step.kind === 'DEAD_LETTER' ? 'broken' : undefined);
  }));
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

$('lookup').addEventListener('submit', (event) => {
  event.preventDefault();
  const orderId = $('order-id').value.trim();
  if (orderId) showOrder(orderId);
});

// --- the stream; EventSource reconnects by itself when the connection drops

function connect() {
  const stream = new EventSource('/dashboard/stream');
  stream.addEventListener('snapshot', (event) => render(JSON.parse(event.data)));
  stream.onerror = () => { $('connection').textContent = 'connection lost, reconnecting…'; };
}

const fromHash = new URLSearchParams(location.hash.slice(1)).get('order');
if (fromHash) showOrder(fromHash);
connect();
