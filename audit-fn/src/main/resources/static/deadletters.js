// Dead letters on the dashboard: a filterable table of GET /dead-letters with replay and discard (with a reason).
// Kept apart from dashboard.js (the live stream and the charts): it only talks to the /dead-letters API and, to
// show an order's story, fills in the story form that dashboard.js handles.

const $ = (id) => document.getElementById(id);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function cell(content, className) {
  const td = element('td', content instanceof Node ? null : content, className);
  if (content instanceof Node) td.append(content);
  return td;
}

function showStory(orderId) {
  $('order-id').value = orderId;
  $('lookup').requestSubmit();
}

function deadLetterPath(id) {
  return '/dead-letters/' + id.split('/').map(encodeURIComponent).join('/');
}

async function problemText(response) {
  try {
    const problem = await response.json();
    const fields = (problem.errors || problem.fieldErrors || []).map((error) => error.field + ' ' + error.message);
    return [problem.title, problem.detail, ...fields].filter(Boolean).join(': ');
  } catch (error) {
    return 'HTTP ' + response.status;
  }
}

// The signed-in session's CSRF token: audit-fn sets it as cookie XSRF-TOKEN and expects it back as a header.
function csrfToken() {
  const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken() },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(await problemText(response));
  return response.json();
}

function filter() {
  const form = $('dead-letter-filter');
  const params = new URLSearchParams();
  ['topic', 'orderId', 'reason'].forEach((name) => {
    const value = form.elements[name].value.trim();
    if (value) params.set(name, value);
  });
  return params;
}

function say(text) {
  $('dead-letter-status').textContent = text;
}

function actionsText(letter) {
  return letter.actions
    .map((action) => `${action.kind.toLowerCase()} by ${action.by} at ${action.at}`
      + (action.reason ? ` (${action.reason})` : '') + (action.replayedTo ? ` → ${action.replayedTo}` : ''))
    .join('; ');
}

function deadLetterRow(letter) {
  const tr = element('tr', null, letter.status === 'OPEN' ? 'broken' : undefined);
  tr.dataset.id = letter.id;
  tr.append(cell(letter.deadLetteredAt, 'mono'));
  tr.append(cell(letter.original ? `${letter.original.topic}/${letter.original.partition} @ ${letter.original.offset}`
    : letter.topic, 'mono'));
  tr.append(cell(letter.type ?? '(unknown)', 'mono'));
  if (letter.orderId) {
    const button = element('button', letter.orderId, 'link');
    button.type = 'button';
    button.title = 'Show the story of order ' + letter.orderId;
    button.addEventListener('click', () => showStory(letter.orderId));
    const saga = letter.saga ? element('span', ` ${letter.saga.state} · ${letter.saga.verdict}`, 'saga') : null;
    const td = cell(button);
    if (saga) td.append(saga);
    tr.append(td);
  } else {
    tr.append(cell('–'));
  }
  tr.append(cell(letter.reason ?? ''));
  const status = element('span', letter.status, 'status');
  const statusCell = cell(status);
  if (letter.replayOf) statusCell.append(element('span', 'replay of ' + letter.replayOf, 'rule-description'));
  if (letter.actions.length) statusCell.append(element('span', actionsText(letter), 'rule-description'));
  tr.append(statusCell);
  tr.append(cell(actionControls(letter)));
  return tr;
}

function actionControls(letter) {
  const controls = element('div', null, 'dead-letter-actions');
  if (letter.status === 'DISCARDED') return controls;
  const replay = element('button', 'Replay', 'replay');
  replay.type = 'button';
  replay.addEventListener('click', async () => {
    replay.disabled = true;
    try {
      await post(deadLetterPath(letter.id) + '/replay', {});
      say('Replayed ' + letter.id);
    } catch (error) {
      say('Replay of ' + letter.id + ' failed: ' + error.message);
    }
    await loadDeadLetters();
  });
  const reason = element('input', null, 'discard-reason');
  reason.type = 'text';
  reason.placeholder = 'reason to discard';
  reason.setAttribute('aria-label', 'Reason to discard ' + letter.id);
  const discard = element('button', 'Discard', 'discard');
  discard.type = 'button';
  discard.addEventListener('click', async () => {
    try {
      await post(deadLetterPath(letter.id) + '/discard', { reason: reason.value });
      say('Discarded ' + letter.id);
      await loadDeadLetters();
    } catch (error) {
      say('Discard of ' + letter.id + ' refused: ' + error.message);
      reason.focus();
    }
  });
  controls.append(replay, reason, discard);
  return controls;
}

export async function loadDeadLetters() {
  const params = filter();
  params.set('size', '50');
  let page;
  try {
    const response = await fetch('/dead-letters?' + params, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(await problemText(response));
    page = await response.json();
  } catch (error) {
    say('Could not load dead letters: ' + error.message);
    return;
  }
  const body = $('dead-letters').querySelector('tbody');
  body.replaceChildren(...page.content.map(deadLetterRow));
  if (!page.content.length) {
    const empty = element('tr');
    const td = cell('No dead letters match.');
    td.colSpan = 7;
    empty.append(td);
    body.append(empty);
  }
  $('dead-letter-count').textContent = `${page.page.totalElements} dead letter(s)`;
}

$('dead-letter-filter').addEventListener('submit', (event) => {
  event.preventDefault();
  loadDeadLetters();
});
$('dead-letter-replay-all').addEventListener('click', async () => {
  const params = filter();
  if (![...params.keys()].length) {
    say('Give a topic, an order id or a reason to replay by.');
    return;
  }
  try {
    const result = await post('/dead-letters/replay', Object.fromEntries(params));
    say(`Replayed ${result.replayed} open dead letter(s)`);
  } catch (error) {
    say('Replay failed: ' + error.message);
  }
  await loadDeadLetters();
});
loadDeadLetters();
