/*
 * Staff restrictions (privacy-officer): a patient's record with every organisation's restrictions, the
 * organisation's own with blocked attempts, add with a reason, remove; every blocked attempt.
 */
(function () {
  'use strict';
  var C = window.Cpis;
  var el = C.el;
  var u = C.requireRole(['privacy-officer']);
  if (!u) {
    return;
  }
  C.frame(u);
  var errors = document.getElementById('errors');
  var success = document.getElementById('success');

  function load() {
    return Promise.all([loadRestrictions(), loadAttempts(), loadPatient()]);
  }

  function loadAttempts() {
    return C.api('/api/restrictions/blocked-attempts').then(function (list) {
      var box = C.clear(document.getElementById('blocked-attempts'));
      if (!list.length) {
        box.appendChild(el('p', { id: 'no-blocked-attempts', text: 'No attempts have been blocked.' }));
        return;
      }
      box.appendChild(C.table(null, ['When', 'Patient', 'Staff member', 'Restriction'], list.map(function (a) {
        return [el('span', { class: 'cpis-when', text: C.dateTime(a.attemptedAt) }), C.nhsNumberCell(a.nhsNumber),
          a.userId, a.restrictionInForce ? C.tag('In force', 'blue') : C.tag('Removed', 'grey')];
      })));
    }, function (error) { C.showError(errors, error.message); });
  }

  function loadRestrictions() {
    return C.api('/api/restrictions').then(function (list) {
      var box = C.clear(document.getElementById('restrictions'));
      if (!list.length) {
        box.appendChild(el('p', { id: 'no-restrictions', text: 'Your organisation has no restrictions in force.' }));
        return;
      }
      box.appendChild(C.table(null, ['Patient', 'Staff member', 'Reason', 'Added', 'Blocked attempts', 'Action'],
        list.map(function (r) {
          return [C.nhsNumberCell(r.nhsNumber), staffMember(r), r.reason,
            el('span', {}, [el('span', { class: 'cpis-when', text: C.dateTime(r.createdAt) }), el('br'),
              el('span', { class: 'nhsuk-body-s', text: 'by ' + r.createdBy })]),
            r.blockedAttempts.length ? el('ul', { class: 'nhsuk-list nhsuk-body-s' }, r.blockedAttempts.map(function (a) {
              return el('li', { text: C.dateTime(a.attemptedAt) });
            })) : 'None',
            el('button', { class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small', type: 'button',
              id: 'remove-' + r.id, text: 'Remove', 'aria-label': 'Remove the restriction on ' + r.userId,
              onclick: function () { remove(r); } })];
        })));
    }, function (error) { C.showError(errors, error.message); });
  }

  /** Name and smartcard number, as seed 001 shows a restricted staff member. */
  function staffMember(r) {
    return r.staffName ? el('span', {}, [document.createTextNode(r.staffName), el('br'),
      el('span', { class: 'nhsuk-body-s', text: r.userId })]) : r.userId;
  }

  var shownPatient = null;

  function loadPatient() {
    if (!shownPatient) {
      return Promise.resolve();
    }
    return C.api('/api/restrictions', { query: { nhsNumber: shownPatient } }).then(function (list) {
      var box = C.clear(document.getElementById('patient-restrictions'));
      if (!list.length) {
        box.appendChild(el('p', { id: 'no-patient-restrictions', text: 'No staff are restricted from this record.' }));
        return;
      }
      box.appendChild(C.table('Staff restricted from this record', ['Staff member', 'Added', 'By organisation', 'Action'],
        list.map(function (r) {
          return [staffMember(r), el('span', { class: 'cpis-when', text: C.dateTime(r.createdAt) }), r.orgCode,
            r.managedByYou ? el('button', { class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small',
              type: 'button', id: 'remove-patient-' + r.id, text: 'Remove',
              'aria-label': 'Remove the restriction on ' + r.userId, onclick: function () { remove(r); } }) : ''];
        })));
    }, function (error) { C.showError(errors, error.message, 'patient-nhs-number'); });
  }

  document.getElementById('patient-form').addEventListener('submit', function (event) {
    event.preventDefault();
    C.hideError(errors);
    var nhs = document.getElementById('patient-nhs-number').value.replace(/\s/g, '');
    if (!/^\d{10}$/.test(nhs)) {
      return C.showError(errors, 'Enter the patient\'s NHS number of 10 digits', 'patient-nhs-number');
    }
    shownPatient = nhs;
    loadPatient();
  });

  function remove(r) {
    C.hideError(errors);
    C.api('/api/restrictions/' + encodeURIComponent(r.id), { method: 'DELETE' }).then(function () {
      return load().then(function () { C.showSuccess(success, 'Restriction removed'); });
    }, function (error) { C.showError(errors, error.message); });
  }

  document.getElementById('add-form').addEventListener('submit', function (event) {
    event.preventDefault();
    C.hideError(errors);
    var nhs = document.getElementById('nhs-number').value.replace(/\s/g, '');
    var userId = document.getElementById('user-id').value.trim();
    var reason = document.getElementById('reason').value.trim();
    if (!/^\d{10}$/.test(nhs)) {
      return C.showError(errors, 'Enter the patient\'s NHS number of 10 digits', 'nhs-number');
    }
    if (!userId) {
      return C.showError(errors, 'Enter the staff member\'s smartcard number', 'user-id');
    }
    if (!reason) {
      return C.showError(errors, 'Enter the reason for the restriction', 'reason');
    }
    C.api('/api/restrictions', { method: 'POST', json: { nhsNumber: nhs, userId: userId, reason: reason } })
      .then(function () {
        document.getElementById('add-form').reset();
        return load().then(function () { C.showSuccess(success, 'Restriction added'); });
      }, function (error) { C.showError(errors, error.message, 'nhs-number'); });
  });

  load();
})();
