'use strict';
// The leading group office's console: one page over the service's own API (/api/v1), Simplified Chinese.

const api = {
  get access() { return sessionStorage.getItem('access'); },
  get refresh() { return sessionStorage.getItem('refresh'); },
  keep(tokens) {
    sessionStorage.setItem('access', tokens.accessToken);
    sessionStorage.setItem('refresh', tokens.refreshToken);
  },
  forget() { sessionStorage.removeItem('access'); sessionStorage.removeItem('refresh'); },

  /** fetch with the access token; one refresh on 401; a problem+json error becomes an Error with its text. */
  async call(path, options = {}, retried = false) {
    const headers = Object.assign({}, options.headers || {});
    if (this.access) headers.Authorization = 'Bearer ' + this.access;
    if (options.body && !headers['Content-Type']) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, Object.assign({}, options, { headers }));
    if (response.status === 401 && !retried && this.refresh) {
      const refreshed = await fetch('/api/v1/auth/refresh', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: this.refresh })
      });
      if (refreshed.ok) {
        this.keep(await refreshed.json());
        return this.call(path, options, true);
      }
      this.forget();
      showLogin();
    }
    if (!response.ok) {
      let message = '请求失败（' + response.status + '）';
      try {
        const problem = await response.json();
        message = problem.title + (problem.detail ? '：' + problem.detail : '');
      } catch (e) { /* not problem+json */ }
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return response;
  },
  async json(path, options) { return (await this.call(path, options)).json(); }
};

const $ = (id) => document.getElementById(id);

/** An element with attributes and children (text children are text, never HTML). */
function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined) e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : String(c));
  }
  return e;
}

const pct = (x) => x === null || x === undefined ? '—' : (x * 100).toFixed(1) + '%';
const num = (x) => x === null || x === undefined ? '—' : (Number.isInteger(x) ? x.toLocaleString('zh-CN') : x.toFixed(1));
const time = (t) => t ? new Date(t).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

/** The figures the console shows, with how to print them and which direction is good. */
const FIGURES = [
  { key: 'visitsCompleted', name: '完成走访', fmt: num, good: 1 },
  { key: 'coverageRate', name: '走访覆盖率', fmt: pct, good: 1 },
  { key: 'confirmedShare', name: '企业确认走访占比', fmt: pct, good: 1 },
  { key: 'meanVisitRating', name: '走访平均评分', fmt: num, good: 1 },
  { key: 'issuesRegistered', name: '新登记诉求', fmt: num, good: 0 },
  { key: 'issuesAnswered', name: '答复诉求', fmt: num, good: 1 },
  { key: 'onTimeRate', name: '按期答复率', fmt: pct, good: 1 },
  { key: 'overdueAtMonthEnd', name: '月末超期', fmt: num, good: -1 },
  { key: 'satisfiedShare', name: '满意率', fmt: pct, good: 1 },
  { key: 'closedResolved', name: '销号（已解决）', fmt: num, good: 1 }
];
const DEPARTMENT_FIGURES = [
  { key: 'issuesForwarded', name: '转办', fmt: num, good: 0 },
  { key: 'issuesAnswered', name: '答复', fmt: num, good: 1 },
  { key: 'onTimeRate', name: '按期答复率', fmt: pct, good: 1 },
  { key: 'medianDaysToAnswer', name: '答复用时中位数（工作日）', fmt: num, good: -1 },
  { key: 'overdueAtMonthEnd', name: '月末超期', fmt: num, good: -1 },
  { key: 'returns', name: '退回', fmt: num, good: -1 }
];

/**
 * The value with an arrow against the period before (last month, last quarter…): green when better, red when
 * worse. A running period is not set against a whole one (on the 2nd every count would look like a collapse):
 * it shows the previous period's value, muted.
 */
function compared(f, current, previous) {
  const now = current[f.key];
  const before = previous ? previous[f.key] : null;
  const cell = el('span', {}, f.fmt(now));
  const word = state.dashboard && state.dashboard.kind && state.dashboard.kind !== 'MONTH' ? '期' : '月';
  if (state.dashboard && !state.dashboard.complete) {
    if (before !== null && before !== undefined) cell.append(' ', el('span', { class: 'muted partial', title: '本' + word + '尚未结束，不与上' + word + '全' + word + '比较' }, '（上' + word + ' ' + f.fmt(before) + '）'));
    return cell;
  }
  if (now !== null && before !== null && before !== undefined && now !== before) {
    const up = now > before;
    const better = f.good === 0 ? null : (up === (f.good > 0));
    cell.append(' ', el('span', {
      class: better === null ? 'muted' : (better ? 'up' : 'down'),
      title: '上' + word + ' ' + f.fmt(before)
    }, up ? '▲' : '▼'));
  }
  return cell;
}

const state = { month: null, dashboard: null, me: null, charts: {} };

function chart(id) {
  if (!state.charts[id]) state.charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
  return state.charts[id];
}
window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.resize()));

function showLogin() {
  $('loginView').hidden = false;
  $('monthView').hidden = true;
  $('who').hidden = true;
  $('groupPanel').hidden = true;
  $('issuePanel').hidden = true;
}

async function start() {
  if (!api.access) return showLogin();
  try {
    state.me = await api.json('/api/v1/me');
  } catch (e) {
    return showLogin();
  }
  state.office = state.me.roles.includes('OFFICE') || state.me.roles.includes('ADMIN');
  // 区巡查办 reads the figures, the assessment and the documents; it changes nothing.
  if (!state.office && !state.me.roles.includes('INSPECTOR')) {
    api.forget();
    showLogin();
    $('loginError').textContent = '工作台仅供领导小组办公室和区巡查办使用';
    return;
  }
  document.querySelectorAll('[data-office-only]').forEach((e) => { e.hidden = !state.office; });
  $('userName').textContent = state.me.displayName;
  $('who').hidden = false;
  $('loginView').hidden = true;
  $('monthView').hidden = false;
  const params = new URLSearchParams(location.search);
  state.month = params.get('month') || new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 7);
  $('month').value = state.month;
  await loadMonth();
}

async function loadMonth() {
  $('pageError').textContent = '';
  periods();
  // The month's figures, or its quarter's, half-year's or year's (beside the one before), each computed over
  // the whole period; the trend and the supervision list stay monthly.
  const whole = state.figuresPeriod !== state.month;
  try {
    const [d, trend, supervision] = await Promise.all([
      api.json(whole ? '/api/v1/dashboard/periods/' + state.figuresPeriod : '/api/v1/dashboard?month=' + state.month),
      api.json('/api/v1/dashboard/trend?months=12&month=' + state.month),
      api.json('/api/v1/dashboard/supervision?limit=100')
    ]);
    state.dashboard = d;
    const name = whole ? d.label : '本月';
    $('asOf').textContent = (d.complete ? (whole ? d.label + '全期数据' : '全月数据')
        : '截至 ' + time(d.asOf) + '，' + name + '尚未结束') + '（指标口径第 ' + d.dictionaryVersion + ' 版）';
    renderZone(d);
    renderGroups(d);
    renderDepartments(d);
    renderGroupsChart(d);
    renderTrend('trendChart', trend);
    renderSupervision(supervision);
  } catch (e) {
    $('pageError').textContent = e.message;
  }
  // 一企一档 beside the program's figures: each card on its own, so one failing leaves the others.
  await Promise.all([loadAssessment(), loadCommonProblems()].concat(state.office ? [loadTargets(), loadActuals(), loadCoverage()] : []));
}

// ---- assessment and documents --------------------------------------------------------------------

/**
 * The periods the month shown falls in: the month, its quarter, half-year and year. The figures show the month
 * unless another kind is chosen; the assessment its quarter.
 */
function periods() {
  const [y, m] = state.month.split('-').map(Number);
  const options = [[state.month, y + '年' + m + '月'], [y + '-Q' + Math.ceil(m / 3), y + '年第' + '一二三四'[Math.ceil(m / 3) - 1] + '季度'],
    [y + '-H' + (m <= 6 ? 1 : 2), y + '年' + (m <= 6 ? '上' : '下') + '半年'], [String(y), y + '年度']];
  const pick = (select, chosen, fallback) => {
    // The same kind of period as before (a quarter stays a quarter when the month moves on).
    const kind = (v) => (v === undefined || v === null ? -1 : /^\d{4}-\d{2}$/.test(v) ? 0 : v.includes('-Q') ? 1 : v.includes('-H') ? 2 : 3);
    const keep = kind(chosen) >= 0 ? options[kind(chosen)][0] : options[fallback][0];
    $(select).replaceChildren(...options.map(([v, label]) => el('option', { value: v }, label)));
    $(select).value = keep;
    return keep;
  };
  state.period = pick('period', state.period, 1);
  state.figuresPeriod = pick('figuresPeriod', state.figuresPeriod, 0);
}

async function loadAssessment() {
  $('assessmentError').textContent = '';
  $('publishAssessment').hidden = true;
  $('officialScoresBox').hidden = true;
  for (const id of ['groupScores', 'departmentScores', 'officialScores']) {
    $(id).tHead.replaceChildren();
    $(id).tBodies[0].replaceChildren();
  }
  try {
    const a = await api.json('/api/v1/assessments/' + state.period);
    $('assessmentStatus').textContent = a.schemeTitle + '（第 ' + a.schemeVersion + ' 版）· ' + a.statusLabel
        + (a.publishedAt ? '，' + time(a.publishedAt) + ' 发布' : '');
    $('publishAssessment').hidden = !state.office || a.status === 'PUBLISHED' || !a.complete;
    scores('groupScores', a.groupIndicators, a.groups);
    scores('departmentScores', a.departmentIndicators, a.departments);
    scores('officialScores', a.officialIndicators, a.officials);
    $('officialScoresBox').hidden = a.officials.length === 0;
  } catch (e) {
    $('assessmentStatus').textContent = '';
    $('assessmentError').textContent = e.message;
  }
}

function scores(id, indicators, standings) {
  $(id).tHead.replaceChildren(el('tr', {}, el('th', {}, '名次'), el('th', {}, '名称'), el('th', {}, '得分'),
      ...indicators.map((i) => el('th', { title: i.ruleLabel }, i.metricName + '（' + i.weight + '）'))));
  $(id).tBodies[0].replaceChildren(...standings.map((s) => el('tr', {},
      el('td', { class: 'rank' }, s.rank === null ? '—' : s.rank), el('td', {}, s.groups ? s.name + '（' + s.groups + '）' : s.name),
      el('td', {}, s.total === null ? '—' : s.total),
      ...s.scores.map((x) => el('td', { title: '实际值 ' + (x.value === null ? '—' : x.value) }, x.points === null ? '—' : x.points)))));
}

async function publishAssessment() {
  if (!confirm('发布后得分不再变化，确定发布 ' + $('period').selectedOptions[0].textContent + ' 的考核结果？')) return;
  try {
    await api.call('/api/v1/assessments/' + state.period + '/publish', { method: 'POST' });
    await loadAssessment();
  } catch (e) {
    $('assessmentError').textContent = e.message;
  }
}

function saveDocument(button) {
  return save(button.dataset.document.replace('{p}', state.period), button.dataset.name.replace('{p}', state.period),
      'documentStatus');
}

function number(v) {
  return v === null || v === undefined ? '—' : Number(v).toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}

/** The year's targets of the month shown, each against the enterprises' figures up to that month. */
async function loadTargets() {
  const year = state.month.slice(0, 4);
  const table = $('targetsTable');
  try {
    const progress = await api.json('/api/v1/targets/' + year);
    $('targetsTitle').textContent = year + ' 年度目标完成情况（截至 ' + state.month + '）';
    $('targetsNote').textContent = progress.targets.length ? '实际为各企业当月现行值之和（统计局数据优先）'
        : '办公室尚未设定 ' + year + ' 年目标（工作台“年度目标”）';
    table.tHead.replaceChildren(el('tr', {}, ...['指标', '范围', '年度目标', '截至本月累计', '完成率'].map((h) => el('th', {}, h))));
    table.tBodies[0].replaceChildren(...progress.targets.map((t) => {
      const upTo = t.months.filter((m) => m.month <= state.month);
      const cumulative = upTo.length ? upTo[upTo.length - 1].cumulative : 0;
      const rate = Number(t.target) > 0 ? (Number(cumulative) * 100 / Number(t.target)).toFixed(1) + '%' : '—';
      return el('tr', { 'data-indicator': t.indicator }, el('td', {}, t.name + '（' + t.unit + '）'), el('td', {}, t.chainLabel),
          el('td', {}, number(t.target)), el('td', {}, number(cumulative)), el('td', {}, rate));
    }));
  } catch (e) {
    $('targetsNote').textContent = e.message;
  }
}

/** One additive indicator month by month, by chain, town or group, for the year of the month shown. */
async function loadActuals() {
  const select = $('actualsIndicator');
  try {
    if (!select.options.length) {
      const dictionary = await api.json('/api/v1/indicator-dictionary');
      select.replaceChildren(...dictionary.indicators.filter((i) => i.aggregation === 'SUM')
          .map((i) => el('option', { value: i.key }, i.name + '（' + i.unit + '）')));
    }
    const year = state.month.slice(0, 4);
    const a = await api.json('/api/v1/indicators/actuals?year=' + year + '&indicator=' + select.value
        + '&dimension=' + $('actualsDimension').value);
    const table = $('actualsTable');
    table.tHead.replaceChildren(el('tr', {}, el('th', {}, ''), ...Array.from({ length: 12 }, (_, k) => el('th', {}, (k + 1) + '月')),
        el('th', {}, '合计')));
    table.tBodies[0].replaceChildren(...a.rows.map((r) => el('tr', {}, el('td', {}, r.label),
        ...r.months.map((v) => el('td', {}, number(v))), el('td', {}, number(r.total)))));
  } catch (e) {
    $('pageError').textContent = e.message;
  }
}

/**
 * 共性问题: one category raised by several enterprises of one chain (or town) in the last 90 days, with its issues,
 * so that one policy answer can close many. The office opens an issue's timeline; 区巡查办 reads the list.
 */
async function loadCommonProblems() {
  try {
    const q = new URLSearchParams({ by: $('commonBy').value, min: $('commonMin').value });
    const c = await api.json('/api/v1/dashboard/common-problems?' + q);
    $('commonNote').textContent = c.from + ' 至 ' + c.to + '：' + (c.problems.length ? c.problems.length + ' 个共性问题' : '没有共性问题');
    $('commonList').replaceChildren(...c.problems.map((p) => el('details', { class: 'common', 'data-category': p.category },
        el('summary', {}, p.name + ' · ' + p.categoryName + '：' + p.enterprises + ' 家企业 ' + p.issues + ' 件（未办结 ' + p.open + ' 件）'),
        el('div', { class: 'scroll' }, el('table', {}, el('tbody', {}, ...p.linked.map((i) => el('tr', state.office
            ? { class: 'clickable', 'data-issue': i.id, onclick: () => openIssue(i.id) } : {},
            el('td', {}, i.ledgerNo), el('td', {}, i.title), el('td', {}, i.enterpriseName), el('td', {}, i.statusLabel),
            el('td', {}, time(i.registeredAt))))))))));
  } catch (e) {
    $('commonNote').textContent = e.message;
  }
}

async function loadCoverage() {
  try {
    const c = await api.json('/api/v1/coverage?idleMonths=3');
    $('coverageCards').replaceChildren(
        el('div', { class: 'metric', 'data-key': 'uncovered' }, el('div', { class: 'name' }, '无小组挂点的四上企业和重点企业'),
            el('div', { class: 'value' }, c.uncovered.length + (c.moreUncovered ? '+' : '') + ' 家')),
        el('div', { class: 'metric', 'data-key': 'idle' }, el('div', { class: 'name' }, '3 个月以上未走访的挂点企业'),
            el('div', { class: 'value' }, c.idle.length + (c.moreIdle ? '+' : '') + ' 家')));
  } catch (e) {
    $('pageError').textContent = e.message;
  }
}

function renderZone(d) {
  const cards = $('zoneCards');
  cards.replaceChildren(...FIGURES.map((f) => el('div', { class: 'metric clickable', 'data-key': f.key, role: 'button', tabindex: '0',
      title: '查看构成这一数字的走访、企业或诉求', onclick: () => openRows(f, 'ZONE', null, '全区'),
      onkeydown: (e) => { if (e.key === 'Enter') openRows(f, 'ZONE', null, '全区'); } },
      el('div', { class: 'name' }, '全区' + f.name), el('div', { class: 'value' }, compared(f, d.zone.current, d.zone.previous)))));
}

const KINDS = { VISIT: '走访', ENTERPRISE: '企业', ISSUE: '诉求' };

/**
 * The visits, enterprises or issues that make one figure of the period shown (as of its end), exactly as
 * counted; for a rate, its denominator's rows marked whether the numerator counts them.
 */
async function openRows(f, dimension, key, unitName) {
  const period = state.figuresPeriod || state.month;
  $('rowsPanel').hidden = false;
  $('rowsTitle').textContent = unitName + ' · ' + f.name;
  $('rowsSummary').textContent = '正在读取…';
  $('rowsTable').tHead.replaceChildren();
  $('rowsTable').tBodies[0].replaceChildren();
  try {
    const q = new URLSearchParams({ metric: f.key, dimension, limit: '500' });
    if (key) q.set('key', key);
    const r = await api.json('/api/v1/dashboard/periods/' + period + '/rows?' + q);
    $('rowsSummary').textContent = period + ' · ' + r.metricName + ' ' + f.fmt(r.value) + ' · '
        + (r.basis === r.metric ? '' : '按“' + r.basis + '”列出 ') + r.total + ' 条' + (r.truncated ? '（列出前 500 条）' : '');
    const rate = r.rows.some((x) => x.inNumerator !== null && x.inNumerator !== undefined);
    $('rowsTable').tHead.replaceChildren(el('tr', {}, ...['类型', '台账编号', '内容', '企业', '小组', '单位', '状态', '时间']
        .concat(rate ? ['计入分子'] : []).map((h) => el('th', {}, h))));
    $('rowsTable').tBodies[0].replaceChildren(...r.rows.map((x) => el('tr', x.kind === 'ISSUE'
        ? { class: 'clickable', 'data-issue': x.id, onclick: () => openIssue(x.id) } : {},
        el('td', {}, KINDS[x.kind] || x.kind), el('td', {}, x.ledgerNo || '—'), el('td', {}, x.title || '—'),
        el('td', {}, x.enterpriseName || '—'), el('td', {}, x.groupName || '—'), el('td', {}, x.departmentName || '—'),
        el('td', {}, x.status || '—'), el('td', {}, x.at ? time(x.at) : '—'),
        rate ? el('td', {}, x.inNumerator ? '是' : '否') : null)));
  } catch (e) {
    $('rowsSummary').textContent = e.message;
  }
}

function reportCell(r) {
  if (!r) return '—';
  const text = el('span', {}, r.statusLabel + (r.version > 1 ? '（第 ' + r.version + ' 版）' : ''));
  if (r.missing) text.append(' ', el('span', { class: 'flag' }, '逾期未报'));
  else if (r.late) text.append(' ', el('span', { class: 'flag' }, '逾期报送'));
  return text;
}

// Group names hold numbers (第9, 第10, 第110): ordered as a reader counts, not as text.
const NATURAL = new Intl.Collator('zh-CN', { numeric: true });
const ranking = { key: 'name', descending: false, query: '' };

/** The groups in the table's order: by name, or by a figure (empty values last), with the rank by that order. */
function rankedGroups(d) {
  const f = FIGURES.find((x) => x.key === ranking.key);
  const rows = d.groups.slice().sort((a, b) => {
    if (!f) return NATURAL.compare(a.name, b.name) * (ranking.descending ? -1 : 1);
    const x = a.current[f.key];
    const y = b.current[f.key];
    if (x === null || x === undefined) return y === null || y === undefined ? NATURAL.compare(a.name, b.name) : 1;
    if (y === null || y === undefined) return -1;
    return (x === y ? NATURAL.compare(a.name, b.name) : (x < y ? -1 : 1) * (ranking.descending ? -1 : 1));
  });
  return rows.map((g, k) => ({ rank: k + 1, group: g }));
}

function sortBy(key) {
  ranking.descending = ranking.key === key ? !ranking.descending : key !== 'name';
  ranking.key = key;
  renderGroups(state.dashboard);
  renderGroupsChart(state.dashboard);
}

function renderGroups(d) {
  const table = $('groupsTable');
  const arrow = (key) => ranking.key === key ? (ranking.descending ? ' ↓' : ' ↑') : '';
  const head = (key, name) => el('th', { class: 'sortable', 'data-sort': key, role: 'button', tabindex: '0',
    title: '按此列排序', onclick: () => sortBy(key), onkeydown: (e) => { if (e.key === 'Enter') sortBy(key); } }, name + arrow(key));
  table.tHead.replaceChildren(el('tr', {}, el('th', {}, '名次'), head('name', '帮扶小组'),
      ...FIGURES.map((f) => head(f.key, f.name)), el('th', {}, '月报')));
  const query = ranking.query.trim();
  table.tBodies[0].replaceChildren(...rankedGroups(d).filter((r) => !query || r.group.name.includes(query)).map(({ rank, group: g }) =>
    el('tr', { class: 'clickable', 'data-group': g.key, onclick: () => openGroup(g.key) },
      el('td', { class: 'rank' }, rank), el('td', {}, g.name),
      ...FIGURES.map((f) => el('td', {}, compared(f, g.current, g.previous))), el('td', {}, reportCell(g.report)))));
}

function renderDepartments(d) {
  const table = $('departmentsTable');
  table.tHead.replaceChildren(el('tr', {}, el('th', {}, '责任单位'), ...DEPARTMENT_FIGURES.map((f) => el('th', {}, f.name))));
  table.tBodies[0].replaceChildren(...d.departments.map((x) => el('tr', { 'data-department': x.key },
      el('td', {}, x.name), ...DEPARTMENT_FIGURES.map((f) => el('td', { class: 'clickable', 'data-key': f.key, title: '查看明细',
        onclick: () => openRows(f, 'DEPARTMENT', x.key, x.name) }, compared(f, x.current, x.previous))))));
}

/** How many groups the chart shows at each end of the ranking when there are more than twice as many. */
const CHART_ENDS = 10;

function renderGroupsChart(d) {
  let rows = rankedGroups(d).map((r) => r.group);
  const f = FIGURES.find((x) => x.key === ranking.key) || FIGURES[0];
  let title = '各小组走访与按期答复';
  if (rows.length > 2 * CHART_ENDS) {
    if (ranking.key === 'name') {
      rows = d.groups.slice().sort((a, b) => (b.current[f.key] || 0) - (a.current[f.key] || 0));
    }
    rows = rows.slice(0, CHART_ENDS).concat(rows.slice(rows.length - CHART_ENDS));
    title = '按' + f.name + '排名的前 ' + CHART_ENDS + ' 名与后 ' + CHART_ENDS + ' 名（共 ' + d.groups.length + ' 个小组，其余见下表）';
  }
  $('groupsChartTitle').textContent = title;
  const names = rows.map((g) => g.name);
  chart('groupsChart').setOption({
    tooltip: { trigger: 'axis' },
    legend: { data: ['完成走访', '按期答复率'] },
    grid: { left: 48, right: 48, bottom: 64 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: [{ type: 'value', name: '次' }, { type: 'value', name: '%', max: 100 }],
    series: [
      { name: '完成走访', type: 'bar', data: rows.map((g) => g.current.visitsCompleted) },
      { name: '按期答复率', type: 'line', yAxisIndex: 1,
        data: rows.map((g) => g.current.onTimeRate === null ? null : +(g.current.onTimeRate * 100).toFixed(1)) }
    ]
  }, true);
}

/**
 * The months as lines; a month still running is drawn apart, dashed to a hollow point and labelled 截至 the day,
 * so that its few days do not read as a plunge.
 */
function renderTrend(id, trend) {
  const months = trend.months;
  const last = months.length - 1;
  const partial = last >= 0 && !months[last].complete;
  const lines = [
    { name: '完成走访', value: (m) => m.figures.visitsCompleted },
    { name: '新登记诉求', value: (m) => m.figures.issuesRegistered },
    { name: '按期答复率', axis: 1, value: (m) => m.figures.onTimeRate === null ? null : +(m.figures.onTimeRate * 100).toFixed(1) }
  ];
  const series = [];
  for (const line of lines) {
    const values = months.map(line.value);
    series.push({ name: line.name, type: 'line', yAxisIndex: line.axis || 0,
      data: partial ? values.map((v, k) => (k === last ? null : v)) : values });
    if (partial) {
      series.push({ name: line.name, type: 'line', yAxisIndex: line.axis || 0, lineStyle: { type: 'dashed' },
        symbol: 'emptyCircle', symbolSize: 8, data: values.map((v, k) => (k >= last - 1 ? v : null)) });
    }
  }
  const asOf = state.dashboard && state.dashboard.asOf ? new Date(state.dashboard.asOf) : new Date();
  const day = partial ? new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', day: 'numeric' }).format(asOf) : null;
  chart(id).setOption({
    tooltip: { trigger: 'axis' },
    legend: { data: lines.map((l) => l.name) },
    grid: { left: 48, right: 48, bottom: 32 },
    xAxis: { type: 'category', data: months.map((m, k) => (partial && k === last ? m.month + '（截至' + day + '）' : m.month)) },
    yAxis: [{ type: 'value' }, { type: 'value', name: '%', max: 100 }],
    series
  }, true);
}

function renderSupervision(s) {
  $('supervisionTotal').textContent = '共 ' + s.total + ' 件' + (s.total > s.issues.length ? '，显示最早的 ' + s.issues.length + ' 件' : '');
  const table = $('supervisionTable');
  table.tHead.replaceChildren(el('tr', {}, ...['台账编号', '企业', '帮扶小组', '牵头单位', '标题', '办理期限', '超期工作日', '督办']
      .map((h) => el('th', {}, h))));
  table.tBodies[0].replaceChildren(...s.issues.map((i) => el('tr', { class: 'clickable', 'data-issue': i.id, onclick: () => openIssue(i.id) },
      el('td', {}, i.ledgerNo), el('td', {}, i.enterpriseName), el('td', {}, i.groupName || '—'),
      el('td', {}, i.departmentName || '—'), el('td', {}, i.title), el('td', {}, i.dueDate),
      el('td', {}, i.workingDaysOverdue), el('td', {}, i.supervised ? '已督办' : ''))));
}

// ---- a group's report ----------------------------------------------------------------------------

async function openGroup(groupId) {
  const panel = $('groupPanel');
  panel.hidden = false;
  panel.dataset.group = groupId;
  $('reviewMessage').textContent = '';
  $('returnComment').value = '';
  const response = await api.call('/api/v1/groups/' + groupId + '/reports/' + state.month);
  panel.dataset.etag = response.headers.get('ETag') || '';
  const r = await response.json();
  $('groupTitle').textContent = r.groupName + ' · ' + r.month + ' 月报';
  const status = [r.statusLabel];
  if (r.version > 0) status.push('第 ' + r.version + ' 版');
  if (r.submittedAt) status.push('报送于 ' + time(r.submittedAt));
  if (r.late) status.push('逾期报送');
  if (r.missing) status.push('逾期未报（应于 ' + r.dueDate + ' 前报送）');
  if (!r.submittedAt && !r.missing) status.push('应于 ' + r.dueDate + ' 前报送');
  if (r.reviewComment) status.push('办公室意见：' + r.reviewComment);
  $('reportStatus').textContent = status.join(' · ');
  $('reportNarrative').replaceChildren(
      el('dt', {}, '本月工作进展'), el('dd', {}, r.progress || '（未填写）'),
      el('dt', {}, '解决问题情况'), el('dd', {}, r.problemsSolved || '（未填写）'),
      el('dt', {}, '下月工作计划'), el('dd', {}, r.nextPlan || '（未填写）'));
  $('reportFigures').replaceChildren(...FIGURES.map((f) => el('div', { class: 'metric' },
      el('div', { class: 'name' }, f.name + (r.figuresFrozen ? '（报送时）' : '')), el('div', { class: 'value' }, f.fmt(r.figures[f.key])))));
  $('reportVersions').textContent = r.versions.length > 1 ? '历次版本：' + r.versions.map((v) => '第 ' + v.version + ' 版 '
      + v.statusLabel + (v.reviewComment ? '（' + v.reviewComment + '）' : '')).join('；') : '';
  $('reviewBox').hidden = !(r.status === 'SUBMITTED' && state.me.roles.includes('OFFICE'));
  const trend = await api.json('/api/v1/dashboard/trend?months=12&month=' + state.month + '&groupId=' + groupId);
  renderTrend('groupTrendChart', trend);
}

async function review(action, body) {
  const panel = $('groupPanel');
  try {
    await api.call('/api/v1/groups/' + panel.dataset.group + '/reports/' + state.month + '/' + action, {
      method: 'POST', headers: { 'If-Match': panel.dataset.etag }, body: body ? JSON.stringify(body) : undefined
    });
    await openGroup(panel.dataset.group);
    $('reviewMessage').textContent = action === 'accept' ? '已审核通过' : '已退回，带队领导会收到通知';
    await loadMonth();
  } catch (e) {
    $('reviewMessage').textContent = e.message;
  }
}

// ---- an issue's timeline -------------------------------------------------------------------------

async function openIssue(issueId) {
  $('issuePanel').hidden = false;
  const [issue, timeline] = await Promise.all([
    api.json('/api/v1/issues/' + issueId), api.json('/api/v1/issues/' + issueId + '/timeline')]);
  $('issueTitle').textContent = issue.ledgerNo + ' ' + issue.title;
  $('issueSummary').textContent = issue.enterpriseName + ' · ' + issue.statusLabel
      + (issue.dueDate ? ' · 办理期限 ' + issue.dueDate : '') + (issue.leadDepartment ? ' · ' + (issue.leadDepartment.name || '') : '');
  $('timeline').replaceChildren(...timeline.map((t) => el('li', {},
      el('strong', {}, t.actionLabel), ' ', el('span', { class: 'muted' }, time(t.at) + ' · '
          + (t.actor ? t.actor.name : (t.actorRole || ''))), t.text ? el('div', {}, t.text) : null)));
}

// ---- the workbook --------------------------------------------------------------------------------

/** Saves what {@code path} answers as {@code name}, saying how it went in the element {@code status}. */
async function save(path, name, status) {
  $(status).textContent = '正在生成…';
  try {
    const blob = await (await api.call(path)).blob();
    const a = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    $(status).textContent = '已下载';
  } catch (e) {
    $(status).textContent = e.message;
  }
}

function download() {
  if (state.figuresPeriod !== state.month) {
    return save('/api/v1/dashboard/workbook.xlsx?period=' + state.figuresPeriod, '工作情况-' + state.figuresPeriod + '.xlsx', 'downloadStatus');
  }
  return save('/api/v1/dashboard/workbook.xlsx?month=' + state.month, '月度情况-' + state.month + '.xlsx', 'downloadStatus');
}

document.addEventListener('DOMContentLoaded', () => {
  $('loginForm').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('loginError').textContent = '';
    try {
      const response = await fetch('/api/v1/auth/login', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ phone: $('phone').value.trim(), password: $('password').value })
      });
      const body = await response.json();
      if (!response.ok) {
        $('loginError').textContent = body.title + (body.detail ? '：' + body.detail : '');
        return;
      }
      api.keep(body);
      $('password').value = '';
      await start();
    } catch (e) {
      $('loginError').textContent = '无法连接服务，请稍后再试';
    }
  });
  $('logout').addEventListener('click', async () => {
    if (api.refresh) {
      await fetch('/api/v1/auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: api.refresh }) }).catch(() => {});
    }
    api.forget();
    showLogin();
  });
  $('month').addEventListener('change', () => {
    if (!$('month').value) return;
    state.month = $('month').value;
    history.replaceState(null, '', '?month=' + state.month);
    $('groupPanel').hidden = true;
    loadMonth();
  });
  $('download').addEventListener('click', download);
  $('figuresPeriod').addEventListener('change', () => {
    state.figuresPeriod = $('figuresPeriod').value;
    loadMonth();
  });
  $('period').addEventListener('change', () => {
    state.period = $('period').value;
    loadAssessment();
  });
  $('publishAssessment').addEventListener('click', publishAssessment);
  document.querySelectorAll('[data-document]').forEach((b) => b.addEventListener('click', () => saveDocument(b)));
  $('actualsIndicator').addEventListener('change', loadActuals);
  $('groupSearch').addEventListener('input', () => {
    ranking.query = $('groupSearch').value;
    if (state.dashboard) renderGroups(state.dashboard);
  });
  $('actualsDimension').addEventListener('change', loadActuals);
  $('commonBy').addEventListener('change', loadCommonProblems);
  $('commonMin').addEventListener('change', loadCommonProblems);
  $('acceptReport').addEventListener('click', () => review('accept'));
  $('returnReport').addEventListener('click', () => {
    const comment = $('returnComment').value.trim();
    if (!comment) {
      $('reviewMessage').textContent = '请填写退回意见';
      return;
    }
    review('return', { comment });
  });
  document.querySelectorAll('[data-close]').forEach((b) => b.addEventListener('click', () => { $(b.dataset.close).hidden = true; }));
  start();
});
