/*
 * The social worker's inbox (la-social-worker): the LA's notifications grouped by child, unacknowledged
 * first, filtered by type and status; select several (or all on the page, or a whole batch) and
 * acknowledge them in one action. Each child with ASNs shows its attendance pattern flags, and its
 * attendance timeline (GET /api/attendance) one click away.
 */
(function () {
  'use strict';
  var C = window.Cpis;
  var el = C.el;
  var u = C.requireRole(['la-social-worker']);
  if (!u) {
    return;
  }
  C.frame(u);
  var SD = 'https://cpis.local/fhir/StructureDefinition/notification-';
  var PAGE = 100;
  var TYPES = {
    'asn': ['Access to service', 'blue'],
    'birth-notification': ['Birth', 'purple'],
    'inactive-nhs-number': ['Inactive NHS number', 'yellow']
  };
  var errors = document.getElementById('errors');
  var success = document.getElementById('success');
  var loaded = [];

  function ext(resource, name) {
    return ((resource.extension || []).filter(function (e) { return e.url === SD + name; })[0]) || null;
  }

  function categoryOf(c) {
    return (((c.category || [])[0] || {}).coding || [])[0].code;
  }

  // ---- loading --------------------------------------------------------------------------------------

  function load() {
    var category = document.getElementById('filter-category').value;
    var status = document.getElementById('filter-status').value;
    var statuses = status === 'all' ? ['false', 'true'] : [status];
    return Promise.all(statuses.map(function (acknowledged) {
      return C.api('/fhir/Communication', { query: { category: category, acknowledged: acknowledged, _count: PAGE } });
    })).then(function (bundles) {
      loaded = [];
      var total = 0;
      bundles.forEach(function (bundle) {
        total += bundle.total || 0;
        loaded = loaded.concat(C.matches(bundle));
      });
      render(total);
    }, function (error) {
      C.showError(errors, error.message);
    });
  }

  function render(total) {
    var groups = [];
    var byChild = {};
    loaded.forEach(function (c) {
      var nhs = c.subject && c.subject.identifier && c.subject.identifier.value;
      if (!byChild[nhs]) {
        byChild[nhs] = { nhs: nhs, name: c.subject.display, born: (ext(c, 'patient-birth-date') || {}).valueDate, items: [] };
        groups.push(byChild[nhs]);
      }
      byChild[nhs].items.push(c);
    });
    document.getElementById('inbox-summary').textContent = loaded.length === total
      ? total + (total === 1 ? ' notification' : ' notifications') + ' about ' + groups.length
        + (groups.length === 1 ? ' child.' : ' children.')
      : 'Showing ' + loaded.length + ' of ' + total + ' notifications. Acknowledge these, or narrow the filters, to see the rest.';

    var batches = {};
    loaded.forEach(function (c) {
      var run = ext(c, 'batch-run');
      if (run && !ext(c, 'acknowledged')) {
        var batch = batches[run.valueString] || (batches[run.valueString] = { count: 0, sent: c.sent });
        batch.count++;
      }
    });
    var batchSelect = C.clear(document.getElementById('batch-run'));
    Object.keys(batches).forEach(function (id) {
      batchSelect.appendChild(el('option', { value: id, text: 'Nightly batch of ' + C.dateTime(batches[id].sent) + ' ('
        + batches[id].count + ' unacknowledged on this page)' }));
    });
    if (!Object.keys(batches).length) {
      batchSelect.appendChild(el('option', { value: '', text: 'No batch with unacknowledged notifications' }));
    }
    document.getElementById('select-all').checked = false;

    var container = C.clear(document.getElementById('groups'));
    if (!groups.length) {
      container.appendChild(el('p', { id: 'no-notifications', text: 'There are no notifications to show.' }));
    }
    groups.forEach(function (group, index) {
      container.appendChild(groupSection(group, index));
    });
  }

  function groupSection(group, index) {
    var headingId = 'child-' + index;
    var flags = el('div', { class: 'cpis-flags', id: 'flags-' + index });
    var hasAsn = group.items.some(function (c) { return categoryOf(c) === 'asn'; });
    var section = el('section', { class: 'cpis-notification-group', 'aria-labelledby': headingId }, [
      el('h2', { id: headingId, text: group.name || 'Not in the demographics register' }),
      el('p', { text: 'NHS number ' + C.nhsNumber(group.nhs) + (group.born ? ', born ' + C.date(group.born) : '') }),
      flags,
      hasAsn ? el('button', { class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small', type: 'button',
        id: 'timeline-' + index, text: 'Attendance timeline', 'aria-label': 'Attendance timeline of ' + (group.name || C.nhsNumber(group.nhs)),
        onclick: function () { showTimeline(group.nhs); } }) : null,
      C.table(null, ['Select', 'Type', 'What happened', 'When', 'Status'], group.items.map(row))
    ]);
    if (hasAsn) {
      C.api('/api/attendance', { query: { nhsNumber: group.nhs } }).then(function (attendance) {
        (attendance.flags || []).forEach(function (flag) {
          flags.appendChild(C.tag('Pattern: ' + flag.text, 'red'));
          flags.appendChild(document.createTextNode(' '));
        });
      }, function () { /* the flags are extra; the notifications stand without them */ });
    }
    return section;
  }

  function row(c) {
    var type = TYPES[categoryOf(c)] || [categoryOf(c), 'grey'];
    var acknowledged = ext(c, 'acknowledged');
    var access = ext(c, 'access-time');
    var checkboxId = 'select-' + c.id;
    var select = acknowledged ? el('span', { class: 'nhsuk-u-visually-hidden', text: 'Acknowledged' })
      : el('div', { class: 'nhsuk-checkboxes nhsuk-checkboxes--small' }, [el('div', { class: 'nhsuk-checkboxes__item' }, [
        el('input', { class: 'nhsuk-checkboxes__input cpis-select', type: 'checkbox', id: checkboxId, value: c.id }),
        el('label', { class: 'nhsuk-label nhsuk-checkboxes__label', for: checkboxId }, [
          el('span', { class: 'nhsuk-u-visually-hidden', text: 'Select ' + type[0] + ' notification of '
            + C.dateTime(access ? access.valueDateTime : c.sent) })])
      ])]);
    var note = (c.note || [])[0];
    return [select, C.tag(type[0], type[1]), note ? el('span', {}, [document.createTextNode(describe(c)), el('br'),
      el('span', { class: 'nhsuk-body-s cpis-restriction-note', text: note.text })]) : describe(c),
      el('span', { class: 'cpis-when', text: C.dateTime(access ? access.valueDateTime : c.sent) }),
      acknowledged ? el('span', {}, [C.tag('Acknowledged', 'green'), el('br'),
        el('span', { class: 'nhsuk-body-s cpis-when', text: C.dateTime(acknowledged.valueDateTime) }),
        el('br'), el('span', { class: 'nhsuk-body-s cpis-acknowledged-by', text: acknowledgedBy(c) })])
        : C.tag('New', 'orange')];
  }

  /** "by Sam Worker (Social Worker)": who acknowledged, as the feed records it. */
  function acknowledgedBy(c) {
    var who = (ext(c, 'acknowledged-by') || {}).valueReference;
    var role = (ext(c, 'acknowledged-by-job-role') || {}).valueString;
    if (!who) {
      return '';
    }
    return 'by ' + (who.display || (who.identifier || {}).value || '') + (role ? ' (' + role + ')' : '');
  }

  function describe(c) {
    var category = categoryOf(c);
    if (category === 'asn') {
      var who = (ext(c, 'accessing-user') || {}).valueReference || {};
      var where = (ext(c, 'accessing-organization') || {}).valueReference || {};
      var role = (ext(c, 'job-role') || {}).valueString;
      return 'Child protection information viewed at ' + (where.display || '') + ' by ' + (who.display || '')
        + (role ? ' (' + role + ')' : '') + '.';
    }
    if (category === 'birth-notification') {
      var baby = ((ext(c, 'newborn-nhs-number') || {}).valueIdentifier || {}).value;
      return el('span', {}, [el('strong', { text: 'A baby was born, NHS number ' + C.nhsNumber(baby) + '. ' }),
        'Provide child protection information for the newborn where required, and update the mother\'s record '
        + '(her unborn child protection plan).']);
    }
    if (category === 'inactive-nhs-number') {
      var replacement = ((ext(c, 'new-nhs-number') || {}).valueIdentifier || {}).value;
      return el('span', {}, [el('strong', { text: 'NHS number ' + C.nhsNumber(c.subject.identifier.value)
        + ' has been replaced by ' + C.nhsNumber(replacement) + '. ' }),
        'Resubmit the plan under the new NHS number ' + C.nhsNumber(replacement) + '.']);
    }
    return ((c.payload || [])[0] || {}).contentString || '';
  }

  // ---- acknowledging --------------------------------------------------------------------------------

  document.getElementById('select-all').addEventListener('change', function (event) {
    Array.prototype.forEach.call(document.querySelectorAll('.cpis-select'), function (box) {
      box.checked = event.target.checked;
    });
  });

  document.getElementById('acknowledge-selected').addEventListener('click', function () {
    var ids = Array.prototype.filter.call(document.querySelectorAll('.cpis-select'), function (box) {
      return box.checked;
    }).map(function (box) { return box.value; });
    if (!ids.length) {
      C.showError(errors, 'Select the notifications to acknowledge', 'select-all');
      return;
    }
    acknowledge(ids.map(function (id) {
      return { name: 'communication', valueReference: { reference: 'Communication/' + id } };
    }));
  });

  document.getElementById('acknowledge-batch').addEventListener('click', function () {
    var batch = document.getElementById('batch-run').value;
    if (!batch) {
      C.showError(errors, 'There is no batch with unacknowledged notifications on this page', 'batch-run');
      return;
    }
    acknowledge([{ name: 'batch', valueString: batch }]);
  });

  function acknowledge(parameters) {
    C.hideError(errors);
    C.api('/fhir/Communication/$acknowledge', { method: 'POST', contentType: 'application/fhir+json',
      json: { resourceType: 'Parameters', parameter: parameters } }).then(function (answer) {
      var count = ((answer.parameter || [])[0] || {}).valueInteger;
      return load().then(function () {
        C.showSuccess(success, count + (count === 1 ? ' notification acknowledged' : ' notifications acknowledged'));
      });
    }, function (error) {
      C.showError(errors, error.message);
    });
  }

  document.getElementById('filters').addEventListener('submit', function (event) {
    event.preventDefault();
    C.hideError(errors);
    C.hideError(success);
    load();
  });

  // ---- the attendance timeline ----------------------------------------------------------------------

  function showTimeline(nhs) {
    C.hideError(errors);
    C.hideError(success);
    C.api('/api/attendance', { query: { nhsNumber: nhs } }).then(function (a) {
      var box = C.clear(document.getElementById('timeline'));
      box.appendChild(C.summaryList([
        ['Child', a.patientName || 'Not in the demographics register'],
        ['NHS number', C.nhsNumber(a.nhsNumber)],
        ['Born', a.birthDate ? C.date(a.birthDate) : 'Not known'],
        ['Accesses', a.accesses + ' (' + a.attendances + (a.attendances === 1 ? ' attendance' : ' attendances')
          + ': an organisation on a day)']
      ]));
      if (a.flags.length) {
        box.appendChild(C.warningCallout('Attendance pattern', a.flags.map(function (flag) {
          return el('p', { class: 'cpis-flag', text: flag.text + ': ' + flag.count + ', from ' + C.dateTime(flag.from)
            + ' to ' + C.dateTime(flag.to) + '.' });
        }), 'pattern-flags'));
      } else {
        box.appendChild(el('p', { id: 'no-pattern', text: 'No attendance pattern: fewer than ' + a.minAttendances
          + ' attendances and fewer than ' + a.minOrganisations + ' organisations in any ' + a.windowDays + ' days.' }));
      }
      box.appendChild(C.table('Every access that reached your local authority, newest first',
        ['When', 'Organisation', 'Clinician', 'Role', 'Notification'], a.timeline.map(function (e) {
          return [C.dateTime(e.accessedAt), (e.orgName || '') + ' (' + e.orgCode + ')', e.userName || e.userId,
            e.jobRole || '', e.acknowledgedAt ? 'Acknowledged' : 'New'];
        })));
      C.show(document.getElementById('inbox-view'), false);
      C.show(document.getElementById('timeline-view'), true);
      C.title('Attendance timeline');
      document.getElementById('timeline-title').focus();
    }, function (error) {
      C.showError(errors, error.message);
    });
  }

  document.getElementById('timeline-back').addEventListener('click', function () {
    C.show(document.getElementById('timeline-view'), false);
    C.show(document.getElementById('inbox-view'), true);
    C.title('Notifications');
    document.getElementById('inbox-title').focus();
  });

  load();
})();
