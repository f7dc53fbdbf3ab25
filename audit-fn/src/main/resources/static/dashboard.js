// The live dashboard of audit-fn: one server-sent event stream (/dashboard/stream) feeds the numbers and charts;
// the order story comes from GET /sagas/{orderId}. ECharts is served from the application jar (webjar).
import * as echarts from '/webjars/echarts/dist/echarts.esm.min.js';

const HISTORY = 3600; // points kept per rolling chart (an hour at one snapshot per second, as the server keeps)
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
const rolling = { events: [], finished: [], p50: [], p95: [], p99: [], lag: {} };
let selectedOrder = null;
let traceUrl = null; // the trace server's page of a trace, '{traceId}' to be replaced (GET /dashboard/settings)
let range = 'hour'; // what the time-series charts show: 'hour' (per snapshot, live) or 'day' (per minute)
let minuteHistory = null; // the per-minute points while range is 'day'

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
  if (series.length && series[series.length - 1][0] >= time) return; // a snapshot the history held already
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

  record({
    time, eventsPerSecond: snapshot.eventsPerSecond, sagasFinishedPerSecond: snapshot.sagasFinishedPerSecond,
    p50Ms: latency.p50Ms, p95Ms: latency.p95Ms, p99Ms: latency.p99Ms,
    lag: Object.fromEntries(Object.values(overview.consumerLag).filter((g) => g.lag !== null).map((g) => [g.group, g.lag])),
  });

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
  renderTimeSeries();
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

  $('chart-latency').setAttribute('aria-label', `Latency p50 ${ms(overview.latency.p50Ms)} ms, `
    + `p95 ${ms(overview.latency.p95Ms)} ms, p99 ${ms(overview.latency.p99Ms)} ms`);

  const groups = Object.values(overview.consumerLag);
  $('chart-lag').setAttribute('aria-label', 'Consumer lag: '
    + groups.map((group) => `${group.group} ${group.lag === null ? 'unknown' : group.lag}`).join(', '));
}

// --- history: the time series start with what audit-fn kept (GET /dashboard/history), then go on live

// one point of the history or of a live snapshot into the rolling series
function record(point) {
  const time = point.time instanceof Date ? point.time : new Date(point.time);
  push(rolling.events, time, point.eventsPerSecond);
  push(rolling.finished, time, point.sagasFinishedPerSecond);
  push(rolling.p50, time, point.p50Ms);
  push(rolling.p95, time, point.p95Ms);
  push(rolling.p99, time, point.p99Ms);
  Object.entries(point.lag || {}).forEach(([group, lag]) => push(rolling.lag[group] ??= [], time, lag));
}

function series(points) {
  return {
    events: points.map((p) => [new Date(p.time), p.eventsPerSecond]),
    finished: points.map((p) => [new Date(p.time), p.sagasFinishedPerSecond]),
    p50: points.map((p) => [new Date(p.time), p.p50Ms]),
    p95: points.map((p) => [new Date(p.time), p.p95Ms]),
    p99: points.map((p) => [new Date(p.time), p.p99Ms]),
    lag: points.reduce((byGroup, p) => {
      Object.entries(p.lag || {}).forEach(([group, lag]) => (byGroup[group] ??= []).push([new Date(p.time), lag]));
      return byGroup;
    }, {}),
  };
}

const LAG_COLORS = ['#6b4fa0', '#1f5fbf', '#17803d', '#a15c00', '#b42318', '#8a94a3'];

function renderTimeSeries() {
  const data = range === 'day' && minuteHistory ? minuteHistory : rolling;
  const grid = { left: 48, right: 16, top: 28, bottom: 28 };
  charts.throughput.setOption({
    animation: false, grid, tooltip: { trigger: 'axis' }, legend: { top: 0 },
    xAxis: { type: 'time' }, yAxis: { type: 'value', minInterval: 1 },
    series: [timeSeries('events', data.events, '#1f5fbf'), timeSeries('sagas finished', data.finished, '#17803d')],
  });
  charts.latency.setOption({
    animation: false, grid, tooltip: { trigger: 'axis' }, legend: { top: 0 },
    xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'ms' },
    series: [timeSeries('p50', data.p50, '#17803d'), timeSeries('p95', data.p95, '#a15c00'),
      timeSeries('p99', data.p99, '#b42318')],
  });
  charts.lag.setOption({
    animation: false, grid, tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'time' }, yAxis: { type: 'value', minInterval: 1 },
    series: Object.keys(data.lag).sort().map((group, i) => timeSeries(group, data.lag[group], LAG_COLORS[i % LAG_COLORS.length])),
  }, { replaceMerge: ['series'] });
  // what the charts hold, for people with screen readers and for the browser test
  [['chart-throughput', data.events], ['chart-latency', data.p99]].forEach(([id, points]) => {
    const node = $(id);
    node.dataset.points = String(points.length);
    node.dataset.first = points.length ? points[0][0].toISOString() : '';
    node.dataset.peak = String(points.reduce((max, [, value]) => Math.max(max, value ?? 0), 0));
  });
}

async function loadHistory() {
  try {
    const response = await fetch('/dashboard/history?resolution=second', { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const history = await response.json();
    history.points.forEach(record);
    renderTimeSeries();
  } catch (error) {
    // the live stream still fills the charts from now on
  }
}

async function loadMinuteHistory() {
  try {
    const response = await fetch('/dashboard/history?resolution=minute', { headers: { Accept: 'application/json' } });
    if (response.ok) minuteHistory = series((await response.json()).points);
  } catch (error) {
    minuteHistory = null;
  }
  renderTimeSeries();
}

async function loadSettings() {
  try {
    const response = await fetch('/dashboard/settings', { headers: { Accept: 'application/json' } });
    if (response.ok) traceUrl = (await response.json()).traceUrl;
  } catch (error) {
    traceUrl = null;
  }
}

function traceLink(traceId, text) {
  if (!traceUrl || !traceId) return element('span', text, 'mono');
  const link = element('a', text, 'mono');
  link.href = traceUrl.replace('{traceId}', encodeURIComponent(traceId));
  link.target = '_blank';
  link.rel = 'noopener';
  link.title = 'Open trace ' + traceId;
  return link;
}

$('range').addEventListener('change', (event) => {
  range = event.target.value;
  if (range === 'day') loadMinuteHistory();
  else renderTimeSeries();
});
setInterval(() => { if (range === 'day') loadMinuteHistory(); }, 60_000);

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
    ['Traces', saga.traceIds.length ? saga.traceIds : '–']];
  $('story-summary').replaceChildren(...summary.map(([term, value]) => {
    const pair = element('div');
    const description = Array.isArray(value) ? element('dd') : element('dd', value);
    if (Array.isArray(value)) {
      value.forEach((traceId, i) => description.append(...(i ? [document.createTextNode(', ')] : []), traceLink(traceId, traceId)));
    }
    pair.append(element('dt', term), description);
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
        label: { show: true, fontSize: 10, formatter: (p) => (p.data.step.type ?? '(unknown)').replace(/\.v\d+$/, '') },
        labelLayout: { hideOverlap: false },
      },
    ],
  }, true);
  $('chart-swimlane').setAttribute('aria-label', 'Swimlane: ' + saga.timeline
    .map((step) => `${step.producer} ${step.type}`).join(', then '));

  $('story-timeline').tBodies[0].replaceChildren(...saga.timeline.map((step) => {
    const details = Object.entries(step.facts || {}).map(([k, v]) => `${k}=${v}`);
    if (step.copies > 1) details.push(`delivered ${step.copies} times`);
    if (step.reason) details.push((step.kind === 'ACTION' ? 'why: ' : 'dead-lettered: ') + step.reason);
    return row([step.time, step.sincePreviousMs ?? '', step.producer, element('span', step.type ?? '(unknown)', 'mono'),
      `${step.topic}/${step.partition}@${step.offset}`, step.traceId ? traceLink(step.traceId, step.traceId.slice(0, 12) + '…') : element('span', '–', 'mono'),
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
// settings and history first, so that trace ids are links and the charts start with the past, then live
Promise.all([loadSettings(), loadHistory()]).finally(() => {
  if (fromHash) showOrder(fromHash);
  connect();
});
