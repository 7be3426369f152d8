/* Administration (cpis-admin): the nightly batch runs with their counts, start one; load a register. */
(function () {
  'use strict';
  var C = window.Cpis;
  var el = C.el;
  var u = C.requireRole(['cpis-admin']);
  if (!u) {
    return;
  }
  C.frame(u);
  var errors = document.getElementById('errors');
  var success = document.getElementById('success');

  function loadRuns() {
    return C.api('/api/batch-runs').then(function (runs) {
      var box = C.clear(document.getElementById('runs'));
      if (!runs.length) {
        box.appendChild(el('p', { text: 'No batch has run yet.' }));
        return;
      }
      box.appendChild(C.table('The latest runs, newest first', ['Started', 'Status', 'Cut-off', 'Views read',
        'Notifications made', 'Suppressed (24 hours)', 'Without a plan', 'Took'], runs.map(function (r) {
        return [el('span', { class: 'cpis-when', text: C.dateTime(r.startedAt) }),
          C.tag(r.status, r.status === 'completed' ? 'green' : r.status === 'failed' ? 'red' : 'blue'),
          el('span', { class: 'cpis-when', text: C.dateTime(r.cutoff) }), String(r.eventsRead),
          String(r.notificationsCreated), String(r.suppressed), String(r.eventsWithoutPlan),
          r.durationMillis === null || r.durationMillis === undefined ? '' : (r.durationMillis / 1000).toFixed(1) + ' s'];
      })));
    }, function (error) { C.showError(errors, error.message); });
  }

  document.getElementById('start-run').addEventListener('click', function () {
    C.hideError(errors);
    C.api('/api/batch-runs', { method: 'POST', json: {} }).then(function (run) {
      return loadRuns().then(function () {
        C.showSuccess(success, 'Batch run ' + (run.status === 'completed' ? 'finished' : 'started'),
          C.plural(run.notificationsCreated, 'notification', 'notifications') + ' made from '
          + C.plural(run.eventsRead, 'view', 'views') + '.');
      });
    }, function (error) { C.showError(errors, error.message, 'start-run'); });
  });

  document.getElementById('load-form').addEventListener('submit', function (event) {
    event.preventDefault();
    C.hideError(errors);
    var file = document.getElementById('register-file').files[0];
    var staff = document.getElementById('register-kind').value === 'staff';
    if (!file) {
      C.showError(errors, staff ? 'Choose the file of staff to load' : 'Choose the file of patients to load',
        'register-file');
      return;
    }
    file.text().then(function (text) {
      return C.api(staff ? '/api/admin/staff' : '/api/admin/patients',
        { method: 'POST', contentType: 'application/fhir+ndjson', json: text });
    }).then(function (report) {
      var box = C.clear(document.getElementById('load-report'));
      box.appendChild(C.summaryList([['Lines received', String(report.received)], ['Stored', String(report.stored)],
        ['Refused', String(report.rejected)]]));
      if ((report.errors || []).length) {
        box.appendChild(C.table('Refused lines', ['Line', 'Problem'], report.errors.map(function (e) {
          return [String(e.line), e.message || e.diagnostics || JSON.stringify(e)];
        })));
      }
      C.showSuccess(success, (staff ? C.plural(report.stored, 'staff role', 'staff roles')
        : C.plural(report.stored, 'patient', 'patients')) + ' stored',
        C.plural(report.rejected, 'line', 'lines') + ' refused.');
    }, function (error) { C.showError(errors, error.message, 'register-file'); });
  });

  loadRuns();
})();
