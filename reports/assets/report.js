// The ipmict HTML report's filters, links and printing (reports/html.cpp). Inlined into the
// page and allowed by its hash in the Content-Security-Policy. It reads data-* attributes
// and form controls and writes only textContent, hidden and open: never markup, so no
// string from the results (all of which a BMC may have chosen) can become code.
(function () {
  'use strict';
  const body = document.body;
  const list = document.getElementById('case-list');
  const filters = document.getElementById('filters');
  if (!list || !filters) {
    body.dataset.ready = '1';
    return;
  }
  const rows = Array.from(list.querySelectorAll('details.case')).map((el) => ({
    el: el,
    outcomes: (el.dataset.o || '').split(' '),
    text: (el.dataset.q || '').toLowerCase(),
  }));
  const outcomeBoxes = Array.from(filters.querySelectorAll('input[name="outcome"]'));
  const targetBoxes = Array.from(filters.querySelectorAll('input[name="target"]'));
  const search = document.getElementById('q');
  const counter = document.getElementById('counter');
  const noMatch = document.getElementById('no-match');
  const printState = document.getElementById('print-state');
  const targetCount = Number(body.dataset.targets) || 0;
  // Every element that belongs to one target's column, by target.
  const targetCells = [];
  for (let t = 0; t < targetCount; t++) targetCells.push(Array.from(document.querySelectorAll('.t[data-t="' + t + '"]')));

  function checked(boxes) {
    const set = new Set();
    for (const b of boxes) if (b.checked) set.add(b.value);
    return set;
  }

  function apply() {
    const outcomes = checked(outcomeBoxes);
    const targets = targetBoxes.length ? checked(targetBoxes) : null;
    const terms = search.value.toLowerCase().split(/\s+/).filter((s) => s.length > 0);
    let shown = 0;
    for (const row of rows) {
      let visible = false;
      for (let t = 0; t < row.outcomes.length && !visible; t++) {
        if (targets && !targets.has(String(t))) continue;
        const o = row.outcomes[t];
        if (o !== '-' && outcomes.has(o)) visible = true;
      }
      for (const term of terms) {
        if (!visible) break;
        if (!row.text.includes(term)) visible = false;
      }
      if (row.el.hidden === visible) row.el.hidden = !visible;
      if (visible) shown++;
    }
    targetCells.forEach((cells, t) => {
      const hide = targets !== null && !targets.has(String(t));
      for (const c of cells) if (c.hidden !== hide) c.hidden = hide;
    });
    counter.textContent = shown + ' of ' + rows.length + ' cases shown';
    noMatch.hidden = shown !== 0 || rows.length === 0;
    // On paper the filters are not shown: say what was left out.
    let state = '';
    if (shown !== rows.length) {
      const parts = [];
      if (outcomes.size !== outcomeBoxes.length) parts.push('outcomes ' + Array.from(outcomes).join(', '));
      if (targets && targets.size !== targetBoxes.length) parts.push(targets.size + ' of ' + targetBoxes.length + ' targets');
      if (terms.length) parts.push('search "' + terms.join(' ') + '"');
      state = 'Filtered: ' + shown + ' of ' + rows.length + ' cases shown (' + parts.join('; ') + ').';
    }
    printState.textContent = state;
    body.dataset.shown = String(shown);
  }

  function setOutcomes(wanted) {
    for (const b of outcomeBoxes) b.checked = wanted === null || wanted.includes(b.value);
  }

  function reset() {
    setOutcomes(null);
    for (const b of targetBoxes) b.checked = true;
    search.value = '';
    apply();
  }

  filters.addEventListener('change', apply);
  search.addEventListener('input', apply);
  document.getElementById('only-problems').addEventListener('click', () => {
    setOutcomes(['FAIL', 'WARN', 'ERROR']);
    apply();
  });
  document.getElementById('reset').addEventListener('click', reset);
  document.getElementById('expand').addEventListener('click', () => {
    for (const row of rows) if (!row.el.hidden) row.el.open = true;
  });
  document.getElementById('collapse').addEventListener('click', () => {
    for (const row of rows) row.el.open = false;
  });

  // A link to a case (#c12, from the findings) opens it, clearing filters that hide it.
  function reveal() {
    const el = location.hash.length > 1 ? document.getElementById(location.hash.slice(1)) : null;
    if (!el || !el.classList.contains('case')) return;
    if (el.hidden) reset();
    el.open = true;
    el.scrollIntoView();
  }
  window.addEventListener('hashchange', reveal);

  // Printing expands the shown rows with a FAIL, WARN or ERROR, and restores them after.
  let openedForPrint = [];
  window.addEventListener('beforeprint', () => {
    for (const row of rows) {
      if (!row.el.hidden && !row.el.open && row.el.classList.contains('problem')) {
        row.el.open = true;
        openedForPrint.push(row.el);
      }
    }
  });
  window.addEventListener('afterprint', () => {
    for (const el of openedForPrint) el.open = false;
    openedForPrint = [];
  });

  filters.hidden = false;
  apply();
  reveal();
  body.dataset.ready = '1';
})();
