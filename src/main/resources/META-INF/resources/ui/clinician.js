/*
 * The clinician's screen (cpis-view, cpis-view-no-asn): find a patient, the patient banner, and the
 * orange Child protection tab. Opening the tab is an explicit click; a cpis-view user is first told
 * that the view is recorded and that the child's local authority will be told.
 */
(function () {
  'use strict';
  var C = window.Cpis;
  var el = C.el;
  var u = C.requireRole(['cpis-view', 'cpis-view-no-asn']);
  if (!u) {
    return;
  }
  C.frame(u);
  var recordsViews = u.role === 'cpis-view';
  var PLAN_TYPES = {
    '342191000000101': 'Child Protection Plan',
    '764841000000100': 'Looked After Child',
    '818901000000100': "Unborn child protection plan (on the mother's record)"
  };

  var errors = document.getElementById('errors');
  var views = ['search-view', 'results-view', 'patient-view', 'restricted-view'];
  var lastResults = null;

  /** Shows one view, sets the page title (never with the patient's details) and moves focus to its heading. */
  function showView(id, pageTitle, focusId) {
    views.forEach(function (v) { C.show(document.getElementById(v), v === id); });
    C.title(pageTitle);
    var focus = document.getElementById(focusId);
    if (focus) {
      focus.focus();
    }
  }

  function backToSearch() {
    C.hideError(errors);
    showView('search-view', 'Find a patient', 'search-title');
  }
  document.getElementById('results-back').addEventListener('click', backToSearch);
  document.getElementById('restricted-back').addEventListener('click', backToSearch);
  document.getElementById('patient-back').addEventListener('click', function () {
    C.hideError(errors);
    if (lastResults && lastResults.length > 1) {
      showView('results-view', 'Search results', 'results-title');
    } else {
      backToSearch();
    }
  });

  // ---- search ------------------------------------------------------------------------------------

  document.getElementById('nhs-number-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var digits = document.getElementById('nhs-number').value.replace(/[\s-]/g, '');
    if (!/^\d{10}$/.test(digits)) {
      C.showError(errors, 'Enter an NHS number of 10 digits', 'nhs-number');
      return;
    }
    search({ identifier: C.nhsIdentifier(digits) }, true);
  });

  document.getElementById('details-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var family = value('family');
    var given = value('given');
    var postcode = value('postcode');
    var gender = value('gender');
    var from = birthDate(value('birth-from'));
    var to = value('birth-to') ? birthDate(value('birth-to')) : null;
    if (!family) {
      return C.showError(errors, 'Enter the last name', 'family');
    }
    if (!gender) {
      return C.showError(errors, 'Choose the gender', 'gender');
    }
    if (!from) {
      return C.showError(errors, 'Enter the date of birth as day/month/year, month/year or a year', 'birth-from');
    }
    if (value('birth-to') && !to) {
      return C.showError(errors, 'Enter the end of the range as day/month/year, month/year or a year', 'birth-to');
    }
    var birthdate = to ? ['ge' + firstDay(from), 'le' + lastDay(to)] : from;
    search({
      family: family, given: given, gender: gender, birthdate: birthdate, 'address-postalcode': postcode,
      '_fuzzy-match': document.getElementById('fuzzy').checked ? 'true' : null
    }, false);
  });

  function value(id) {
    return document.getElementById(id).value.trim();
  }

  /** 9/8/2011 -> 2011-08-09, 8/2011 -> 2011-08, 2011 -> 2011 (ISO forms are taken as they are). */
  function birthDate(text) {
    var t = (text || '').trim();
    var m;
    if ((m = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(t))) {
      return valid(+m[3], +m[2], +m[1]) ? m[3] + '-' + pad(m[2]) + '-' + pad(m[1]) : null;
    }
    if ((m = /^(\d{1,2})[/.\- ](\d{4})$/.exec(t))) {
      return +m[1] >= 1 && +m[1] <= 12 ? m[2] + '-' + pad(m[1]) : null;
    }
    if ((m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(t))) {
      return !m[3] || valid(+m[1], +m[2], +m[3]) ? t : null;
    }
    return null;
  }

  function valid(y, mo, d) {
    var date = new Date(Date.UTC(y, mo - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  }

  function pad(n) {
    return ('0' + n).slice(-2);
  }

  function firstDay(partial) {
    return partial.length === 4 ? partial + '-01-01' : partial.length === 7 ? partial + '-01' : partial;
  }

  function lastDay(partial) {
    if (partial.length === 4) {
      return partial + '-12-31';
    }
    if (partial.length === 7) {
      var y = +partial.substring(0, 4);
      var mo = +partial.substring(5, 7);
      return partial + '-' + pad(new Date(Date.UTC(y, mo, 0)).getUTCDate());
    }
    return partial;
  }

  function search(query, byNumber) {
    C.hideError(errors);
    C.api('/fhir/Patient', { query: query }).then(function (bundle) {
      var patients = C.matches(bundle);
      lastResults = patients;
      if (patients.length === 0) {
        var said = C.outcomes(bundle).filter(Boolean)[0];
        C.showError(errors, byNumber ? (said || 'No patient was found with that NHS number')
          : 'No patient was found. Check the details, or widen the search (a name with *, a date range, '
            + 'or similar spellings).', byNumber ? 'nhs-number' : 'family');
        return;
      }
      if (patients.length === 1 && byNumber) {
        openPatient(patients[0]);
        return;
      }
      showResults(patients);
    }, function (error) {
      C.showError(errors, error.message, byNumber ? 'nhs-number' : 'family');
    });
  }

  function showResults(patients) {
    var container = C.clear(document.getElementById('results'));
    container.appendChild(el('p', { text: patients.length === 1 ? '1 patient found.' : patients.length + ' patients found.' }));
    container.appendChild(C.table('Patients matching the search', ['Name', 'NHS number', 'Date of birth', 'Gender', 'Postcode', 'Action'],
      patients.map(function (patient, index) {
        var name = C.patientName(patient);
        return [name, C.nhsNumber(C.nhsNumberOf(patient.identifier) || patient.id), C.date(patient.birthDate),
          C.gender(patient.gender), postcodeOf(patient),
          el('button', { class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small', type: 'button',
            id: 'open-patient-' + index, text: 'Open', 'aria-label': 'Open ' + name,
            onclick: function () { openPatient(patient); } })];
      })));
    showView('results-view', 'Search results', 'results-title');
  }

  function postcodeOf(patient) {
    var address = (patient.address || [])[0];
    return (address && address.postalCode) || '';
  }

  // ---- one patient ---------------------------------------------------------------------------------

  /**
   * Asks whether CP information exists (records no view) before showing anything: a restricted user
   * gets the restriction message and nothing else of the patient.
   */
  function openPatient(patient) {
    C.hideError(errors);
    var nhs = C.nhsNumberOf(patient.identifier) || patient.id;
    C.api('/fhir/Flag', { query: { 'patient:identifier': C.nhsIdentifier(nhs) } }).then(function (bundle) {
      showPatient(patient, nhs, C.matches(bundle).length > 0);
    }, function (error) {
      if (error.code === 'ACCESS_RESTRICTED') {
        showRestricted(error.message);
      } else {
        C.showError(errors, error.message);
      }
    });
  }

  function showRestricted(message) {
    var box = C.clear(document.getElementById('restricted-message'));
    box.appendChild(C.warningCallout('Access restricted', [message]));
    C.clear(document.getElementById('patient-banner'));
    C.clear(document.getElementById('cp-panel'));
    showView('restricted-view', 'You cannot access this record', 'restricted-title');
  }

  function showPatient(patient, nhs, hasCpInformation) {
    var banner = C.clear(document.getElementById('patient-banner'));
    banner.appendChild(el('h1', { id: 'patient-name', tabindex: '-1', class: 'nhsuk-heading-l', text: C.patientName(patient) }));
    banner.appendChild(el('dl', {}, [
      el('div', {}, [el('dt', { text: 'NHS number' }), el('dd', { id: 'banner-nhs-number', text: C.nhsNumber(nhs) })]),
      el('div', {}, [el('dt', { text: 'Born' }), el('dd', { text: C.date(patient.birthDate) })]),
      el('div', {}, [el('dt', { text: 'Gender' }), el('dd', { text: C.gender(patient.gender) })]),
      postcodeOf(patient) ? el('div', {}, [el('dt', { text: 'Postcode' }), el('dd', { text: postcodeOf(patient) })]) : null
    ]));

    var summary = C.clear(document.getElementById('summary-panel'));
    summary.appendChild(el('h2', { text: 'Summary' }));
    summary.appendChild(hasCpInformation
      ? el('p', { text: 'Child protection information is available for this patient. Open the Child protection tab to see it.' })
      : el('p', { id: 'no-cp-information', text: 'There is no child protection information for this patient.' }));
    var cpPanel = C.clear(document.getElementById('cp-panel'));
    C.show(cpPanel, false);

    var tabs = C.clear(document.getElementById('tabs'));
    if (hasCpInformation) {
      var summaryTab = el('button', { class: 'cpis-tab', type: 'button', id: 'summary-tab', 'aria-current': 'true',
        'aria-controls': 'summary-panel', text: 'Summary' });
      var cpTab = el('button', { class: 'cpis-tab cpis-tab--child-protection', type: 'button', id: 'child-protection-tab',
        'aria-current': 'false', 'aria-controls': 'cp-panel', text: 'Child protection' });
      tabs.appendChild(el('nav', { 'aria-label': 'Patient record' }, [el('div', { class: 'cpis-tabs' }, [summaryTab, cpTab])]));
      summaryTab.addEventListener('click', function () {
        select(summaryTab, cpTab);
        C.show(summary, true);
        C.show(cpPanel, false);
        C.title('Patient');
      });
      cpTab.addEventListener('click', function () {
        select(cpTab, summaryTab);
        C.show(summary, false);
        C.show(cpPanel, true);
        if (recordsViews) {
          confirmRecordedView(cpPanel, nhs);
        } else {
          loadChildProtection(cpPanel, nhs);
        }
      });
    }
    showView('patient-view', 'Patient', 'patient-name');
  }

  function select(on, off) {
    on.setAttribute('aria-current', 'true');
    off.setAttribute('aria-current', 'false');
  }

  /** The notice a cpis-view user reads before the view is recorded. */
  function confirmRecordedView(panel, nhs) {
    C.clear(panel);
    C.title('Child protection information: your view will be recorded');
    var heading = el('h2', { id: 'cp-notice-title', tabindex: '-1', text: 'Before you view child protection information' });
    panel.appendChild(heading);
    panel.appendChild(C.warningCallout('This view is recorded', [
      'Viewing this information records your name, job role and organisation, and the time.',
      "The child's local authority will be told that the child's information was viewed here, and later viewers will see your view."
    ], 'recorded-view-notice'));
    panel.appendChild(el('div', { class: 'cpis-actions' }, [
      el('button', { class: 'nhsuk-button', type: 'button', id: 'view-child-protection', text: 'View child protection information',
        onclick: function () { loadChildProtection(panel, nhs); } }),
      el('button', { class: 'nhsuk-button nhsuk-button--secondary', type: 'button', id: 'cancel-child-protection', text: 'Cancel',
        onclick: function () { document.getElementById('summary-tab').click(); document.getElementById('summary-tab').focus(); } })
    ]));
    heading.focus();
  }

  function loadChildProtection(panel, nhs) {
    C.hideError(errors);
    var query = { query: { 'patient:identifier': C.nhsIdentifier(nhs) } };
    C.api('/fhir/CareTeam', query).then(function (plans) {
      return C.api('/fhir/AuditEvent', query).then(function (views) {
        showChildProtection(panel, C.matches(plans), C.matches(views));
      });
    }).catch(function (error) {
      if (error.code === 'ACCESS_RESTRICTED') {
        showRestricted(error.message);
      } else {
        C.showError(errors, error.message);
      }
    });
  }

  function showChildProtection(panel, plans, views) {
    C.clear(panel);
    C.title('Child protection information');
    var heading = el('h2', { id: 'cp-title', tabindex: '-1', text: 'Child protection information' });
    panel.appendChild(heading);
    if (!plans.length) {
      panel.appendChild(el('p', { text: 'There is no child protection information to show for this patient now.' }));
    }
    plans.forEach(function (plan, index) {
      panel.appendChild(el('h3', { id: 'plan-' + index, text: planType(plan) }));
      var la = (plan.managingOrganization || [])[0] || {};
      panel.appendChild(C.summaryList([
        ['Responsible local authority', (la.display || '') + (la.identifier ? ' (' + la.identifier.value + ')' : '')],
        ['Start date', C.date(plan.period && plan.period.start)],
        ['End date', plan.period && plan.period.end ? C.date(plan.period.end) : 'No end date'],
        ['Emergency duty telephone', phone(plan, 'mobile')],
        ['Office hours telephone', phone(plan, 'work')]
      ]));
    });

    panel.appendChild(el('h2', { id: 'previous-views-title', text: 'Previous views' }));
    if (!views.length) {
      panel.appendChild(el('p', { id: 'no-previous-views', text: 'No previous views are recorded.' }));
    } else {
      panel.appendChild(C.table('The last ' + views.length + ' views of this information, newest first',
        ['When', 'Where', 'Who', 'Role'], views.map(function (view) {
          var agent = (view.agent || [])[0] || {};
          var role = (agent.role || [])[0];
          var where = view.source && view.source.observer;
          return [C.dateTime(view.recorded), (where && (where.display || (where.identifier && where.identifier.value))) || '',
            agent.name || (agent.who && agent.who.display) || '', (role && role.text) || ''];
        })));
    }
    panel.appendChild(el('p', { class: 'nhsuk-body-s', text: recordsViews
      ? 'Your view has been recorded.' : 'Your role views this information without recording a view.' }));
    heading.focus();
  }

  function planType(plan) {
    var coding = ((plan.category || [])[0] || {}).coding || [];
    var code = coding[0] && coding[0].code;
    return PLAN_TYPES[code] || (coding[0] && coding[0].display) || 'Plan';
  }

  function phone(plan, use) {
    var telecom = (plan.telecom || []).filter(function (t) { return t.use === use; })[0];
    if (!telecom || !telecom.value) {
      return 'Not given';
    }
    return el('a', { href: 'tel:' + telecom.value.replace(/[^\d+]/g, ''), text: telecom.value });
  }
})();
