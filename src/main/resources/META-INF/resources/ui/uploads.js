/*
 * The LA's upload status (la-upload): its recent uploads counted by outcome, an upload's acknowledgement (counts by outcome, each refused record
 * with its error, where, and what to fix), and the LA's plans, page by page.
 */
(function () {
  'use strict';
  var C = window.Cpis;
  var el = C.el;
  var u = C.requireRole(['la-upload']);
  if (!u) {
    return;
  }
  C.frame(u);
  var errors = document.getElementById('errors');
  var OUTCOMES = { '201': 'Created', '200': 'Replaced', '204': 'Withdrawn' };
  var PLAN_TYPES = { '342191000000101': 'Child Protection Plan', '764841000000100': 'Looked After Child',
    '818901000000100': 'Unborn child protection plan' };
  var plans = [];
  var next = '/fhir/CareTeam?_count=50';

  var STATUSES = { complete: 'Complete', queued: 'Queued', failed: 'Failed: nothing applied, send it again' };

  function loadRecentUploads() {
    C.api('/api/uploads').then(function (uploads) {
      var box = C.clear(document.getElementById('recent-uploads'));
      if (!uploads.length) {
        box.appendChild(el('p', { id: 'no-uploads', text: 'No uploads yet.' }));
        return;
      }
      box.appendChild(C.table(C.plural(uploads.length, 'upload', 'uploads') + ', newest first',
        ['Received', 'Status', 'Records', 'Created', 'Replaced', 'Withdrawn', 'Refused', 'Acknowledgement'],
        uploads.map(function (u) {
          var counts = u.outcomes || {};
          function count(outcome) {
            return counts[outcome] === undefined ? '' : String(counts[outcome]);
          }
          return [el('span', { class: 'cpis-when', text: C.dateTime(u.receivedAt) }), STATUSES[u.status] || u.status,
            String(u.entries), count('created'), count('replaced'), count('withdrawn'),
            counts.refused ? C.tag(count('refused'), 'red') : count('refused'),
            el('button', { class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small', type: 'button',
              'aria-label': 'Show the acknowledgement of the upload received ' + C.dateTime(u.receivedAt),
              text: 'Show', onclick: function () { showAcknowledgement(u.id); } })];
        })));
    }, function (error) { C.showError(errors, error.message); });
  }

  document.getElementById('ack-form').addEventListener('submit', function (event) {
    event.preventDefault();
    showAcknowledgement(document.getElementById('upload-id').value.trim());
  });

  function showAcknowledgement(id) {
    C.hideError(errors);
    if (!id) {
      return C.showError(errors, 'Enter the upload id', 'upload-id');
    }
    C.api('/fhir/Bundle/' + encodeURIComponent(id)).then(function (bundle) {
      var box = C.clear(document.getElementById('acknowledgement'));
      if (!bundle || bundle.resourceType !== 'Bundle') {
        box.appendChild(el('p', { text: 'The upload is still being applied. Try again in a minute.' }));
        return;
      }
      var counts = {};
      var refused = [];
      (bundle.entry || []).forEach(function (entry, index) {
        var status = ((entry.response || {}).status || '').split(' ')[0];
        var label = OUTCOMES[status] || 'Refused';
        counts[label] = (counts[label] || 0) + 1;
        if (!OUTCOMES[status]) {
          var issue = (((entry.response || {}).outcome || {}).issue || [])[0] || {};
          var coding = ((issue.details || {}).coding || [])[0] || {};
          refused.push([String(index), entry.response.status, coding.code || '', issue.diagnostics || coding.display || '',
            (issue.expression || []).join(', ')]);
        }
      });
      box.appendChild(C.summaryList(Object.keys(counts).map(function (k) { return [k, String(counts[k])]; })));
      if (refused.length) {
        box.appendChild(C.table('Refused records: correct them and send them again', ['Entry', 'Answer', 'Error',
          'What to fix', 'Where'], refused));
      }
    }, function (error) { C.showError(errors, error.message, 'upload-id'); });
  }

  function loadMore() {
    if (!next) {
      return;
    }
    var url = new URL(next, window.location.href);
    C.api(url.pathname + url.search).then(function (bundle) {
      plans = plans.concat(C.matches(bundle));
      var link = (bundle.link || []).filter(function (l) { return l.relation === 'next'; })[0];
      next = link ? link.url : null;
      C.show(document.getElementById('more-plans'), !!next);
      render(plans);
    }, function (error) { C.showError(errors, error.message); });
  }

  function render(list) {
    var box = C.clear(document.getElementById('plans'));
    if (!list.length) {
      box.appendChild(el('p', { id: 'no-plans', text: 'No plans to show.' }));
      return;
    }
    box.appendChild(C.table(C.plural(list.length, 'plan', 'plans'), ['NHS number', 'Child', 'Plan', 'Start', 'End'], list.map(function (p) {
      var patient = (p.contained || [])[0] || {};
      var code = ((((p.category || [])[0] || {}).coding || [])[0] || {}).code;
      return [C.nhsNumberCell(C.nhsNumberOf(patient.identifier)), C.patientName(patient), PLAN_TYPES[code] || code,
        C.date((p.period || {}).start), (p.period || {}).end ? C.date(p.period.end) : 'No end date'];
    })));
  }

  document.getElementById('plan-filter').addEventListener('submit', function (event) {
    event.preventDefault();
    var wanted = document.getElementById('plan-nhs-number').value.replace(/\s/g, '');
    render(!wanted ? plans : plans.filter(function (p) {
      return C.nhsNumberOf(((p.contained || [])[0] || {}).identifier) === wanted;
    }));
  });
  document.getElementById('more-plans').addEventListener('click', loadMore);
  loadRecentUploads();
  loadMore();
})();
