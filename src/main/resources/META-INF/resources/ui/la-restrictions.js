/* LA restrictions (la-privacy-officer): list, add, lift, and the review report. */
(function () {
  'use strict';
  var C = window.Cpis;
  var el = C.el;
  var u = C.requireRole(['la-privacy-officer']);
  if (!u) {
    return;
  }
  C.frame(u);
  var errors = document.getElementById('errors');
  var success = document.getElementById('success');
  var KINDS = { 'all-except-named-users': 'Everyone except those named', 'only-named-users': 'Only those named' };

  function person(p) {
    return p ? p.name + ' (' + p.jobRole + ')' : '';
  }

  /** Seed 000's note: the authorisation and the manager responsible. */
  function record(r) {
    var lines = [];
    if (r.authorisedBy) {
      lines.push('Authorised by ' + person(r.authorisedBy));
    }
    if (r.responsibleManager) {
      lines.push('Manager: ' + person(r.responsibleManager));
    }
    return el('span', { class: 'nhsuk-body-s' }, lines.map(function (line, i) {
      return el('span', { text: line + (i < lines.length - 1 ? '; ' : '') });
    }));
  }

  function rows(list, withLift) {
    return list.map(function (r) {
      return [C.nhsNumberCell(r.nhsNumber), KINDS[r.kind] || r.kind, r.users.join(', '),
        el('span', {}, [document.createTextNode(r.reason), el('br'), record(r)]),
        el('span', { class: 'cpis-when', text: C.date(r.reviewDue) }),
        withLift ? el('button', { class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small', type: 'button',
          id: 'lift-' + r.id, text: 'Lift', 'aria-label': 'Lift the restriction on ' + C.nhsNumber(r.nhsNumber),
          onclick: function () { lift(r); } }) : (r.createdByName || r.createdBy)];
    });
  }

  function load() {
    return Promise.all([C.api('/api/la-restrictions'), C.api('/api/la-restrictions/review')]).then(function (answers) {
      var box = C.clear(document.getElementById('restrictions'));
      box.appendChild(answers[0].length ? C.table(null, ['Child', 'Kind', 'People or teams', 'Reason and authorisation', 'Review due', 'Action'],
        rows(answers[0], true)) : el('p', { id: 'no-restrictions', text: 'No restrictions in force.' }));
      var review = C.clear(document.getElementById('review'));
      review.appendChild(answers[1].due.length ? C.table('Due on ' + C.date(answers[1].asOf),
        ['Child', 'Kind', 'People or teams', 'Reason and authorisation', 'Review due', 'Added by'], rows(answers[1].due, false))
        : el('p', { text: 'No restriction is due for review.' }));
    }, function (error) { C.showError(errors, error.message); });
  }

  function lift(r) {
    C.hideError(errors);
    C.api('/api/la-restrictions/' + encodeURIComponent(r.id), { method: 'DELETE' }).then(function () {
      return load().then(function () { C.showSuccess(success, 'Restriction lifted'); });
    }, function (error) { C.showError(errors, error.message); });
  }

  document.getElementById('add-form').addEventListener('submit', function (event) {
    event.preventDefault();
    C.hideError(errors);
    var nhs = document.getElementById('nhs-number').value.replace(/\s/g, '');
    var users = document.getElementById('users').value.split(',').map(function (s) { return s.trim(); })
      .filter(Boolean);
    var reason = document.getElementById('reason').value.trim();
    var value = function (id) { return document.getElementById(id).value.trim(); };
    if (!/^\d{10}$/.test(nhs)) {
      return C.showError(errors, 'Enter the child\'s NHS number of 10 digits', 'nhs-number');
    }
    if (!users.length) {
      return C.showError(errors, 'Enter at least one person or team', 'users');
    }
    if (!reason) {
      return C.showError(errors, 'Enter the reason for the restriction', 'reason');
    }
    var body = { nhsNumber: nhs, kind: document.getElementById('kind').value, users: users, reason: reason };
    if (value('authorised-name') || value('authorised-role')) {
      body.authorisedBy = { name: value('authorised-name'), jobRole: value('authorised-role') };
    }
    if (value('manager-name') || value('manager-role')) {
      body.responsibleManager = { name: value('manager-name'), jobRole: value('manager-role') };
    }
    C.api('/api/la-restrictions', { method: 'POST', json: body }).then(function () {
      document.getElementById('add-form').reset();
      return load().then(function () { C.showSuccess(success, 'Restriction added'); });
    }, function (error) { C.showError(errors, error.message, 'nhs-number'); });
  });

  load();
})();
