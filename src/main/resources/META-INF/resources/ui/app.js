/*
 * Shared by every page of the CP-IS web front end. The pages hold no authority of their own: every
 * read and write goes through /fhir and /api with the signed-in user's bearer token, kept in
 * sessionStorage (never a cookie) and dropped on sign-out. The token's claims are read here only
 * to greet the user and pick their home page; the server checks the token on every call.
 *
 * No NHS number, name or birth date ever goes into a page URL: searches and selections stay in
 * the page's memory, and API calls carry them (as every FHIR client does).
 */
(function () {
  'use strict';

  var TOKEN_KEY = 'cpis.accessToken';
  var NHS_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';
  var HOME = {
    'cpis-view': 'clinician.html',
    'cpis-view-no-asn': 'clinician.html',
    'la-social-worker': 'inbox.html',
    'la-upload': 'uploads.html',
    'privacy-officer': 'restrictions.html',
    'la-privacy-officer': 'la-restrictions.html',
    'cpis-admin': 'admin.html'
  };
  var ROLE_NAMES = {
    'cpis-view': 'Clinician (views are recorded)',
    'cpis-view-no-asn': 'Clinician (views not recorded)',
    'la-social-worker': 'Social worker',
    'la-upload': 'Local authority upload system',
    'privacy-officer': 'Privacy officer',
    'la-privacy-officer': 'Local authority privacy officer',
    'cpis-admin': 'Administrator'
  };

  // ---- the token -------------------------------------------------------------------------------

  /** Takes a token handed over in the fragment (#access_token=...) and removes it from the address bar. */
  function takeTokenFromFragment() {
    var hash = window.location.hash;
    if (!hash || hash.indexOf('access_token=') < 0) {
      return false;
    }
    var params = new URLSearchParams(hash.substring(1));
    var token = params.get('access_token');
    // Out of the address bar and the history, before anything else runs.
    window.history.replaceState(null, '', window.location.pathname);
    if (token && claimsOf(token)) {
      sessionStorage.setItem(TOKEN_KEY, token.trim());
      return true;
    }
    return false;
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function signIn(value) {
    var trimmed = (value || '').trim();
    if (!claimsOf(trimmed)) {
      return false;
    }
    sessionStorage.setItem(TOKEN_KEY, trimmed);
    return true;
  }

  function signOut(reason) {
    sessionStorage.removeItem(TOKEN_KEY);
    window.location.assign('index.html' + (reason ? '#signed-out=' + encodeURIComponent(reason) : ''));
  }

  function claimsOf(jwt) {
    if (!jwt) {
      return null;
    }
    var parts = jwt.split('.');
    if (parts.length !== 3) {
      return null;
    }
    try {
      var json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
      var bytes = new Uint8Array(json.length);
      for (var i = 0; i < json.length; i++) {
        bytes[i] = json.charCodeAt(i);
      }
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return null;
    }
  }

  function user() {
    var claims = claimsOf(token());
    if (!claims) {
      return null;
    }
    var groups = Array.isArray(claims.groups) ? claims.groups : [];
    var role = groups.filter(function (g) { return HOME[g]; })[0] || null;
    return {
      id: claims.sub, name: claims.name || claims.sub, jobRole: claims.job_role, org: claims.org,
      orgName: claims.org_name || claims.org, role: role, roleName: ROLE_NAMES[role] || role,
      expires: claims.exp ? new Date(claims.exp * 1000) : null
    };
  }

  function homeOf(role) {
    return HOME[role] || null;
  }

  /**
   * The page's guard: no token (or an expired one) goes to sign-in; a role the page is not for goes
   * home. Answers the user.
   */
  function requireRole(roles) {
    var u = user();
    if (!u || (u.expires && u.expires.getTime() <= Date.now())) {
      signOut(u ? 'expired' : 'none');
      return null;
    }
    if (roles.indexOf(u.role) < 0) {
      window.location.assign(homeOf(u.role) || 'index.html');
      return null;
    }
    return u;
  }

  // ---- the API ---------------------------------------------------------------------------------

  /** An answer the API refused: its status and the message to show. */
  function ApiError(status, message, code, body) {
    this.status = status;
    this.message = message;
    this.code = code;
    this.body = body;
  }

  /**
   * Calls the API with the user's token. {@code options.query}: an object of query parameters
   * (values may be arrays); {@code options.json}: a body to send as JSON. Answers the parsed JSON.
   */
  function api(path, options) {
    options = options || {};
    var url = path;
    if (options.query) {
      var search = new URLSearchParams();
      Object.keys(options.query).forEach(function (key) {
        var value = options.query[key];
        (Array.isArray(value) ? value : [value]).forEach(function (v) {
          if (v !== undefined && v !== null && v !== '') {
            search.append(key, v);
          }
        });
      });
      var text = search.toString();
      url += text ? '?' + text : '';
    }
    var headers = { 'Accept': 'application/fhir+json, application/json, application/problem+json' };
    var t = token();
    if (t) {
      headers['Authorization'] = 'Bearer ' + t;
    }
    var init = { method: options.method || 'GET', headers: headers, credentials: 'omit', cache: 'no-store' };
    if (options.json !== undefined) {
      headers['Content-Type'] = options.contentType || 'application/json';
      init.body = typeof options.json === 'string' ? options.json : JSON.stringify(options.json);
    }
    return fetch(url, init).then(function (response) {
      return response.text().then(function (text) {
        var body = null;
        if (text) {
          try {
            body = JSON.parse(text);
          } catch (e) {
            body = null;
          }
        }
        if (response.status === 401) {
          signOut('expired');
          throw new ApiError(401, 'Your session has ended. Sign in again.');
        }
        if (!response.ok) {
          throw errorOf(response.status, body);
        }
        return body;
      });
    }, function () {
      throw new ApiError(0, 'The service could not be reached. Check your connection and try again.');
    });
  }

  function errorOf(status, body) {
    var message = null;
    var code = null;
    if (body && body.resourceType === 'OperationOutcome' && body.issue && body.issue.length) {
      var issue = body.issue[0];
      message = issue.diagnostics || (issue.details && issue.details.text);
      var coding = issue.details && issue.details.coding && issue.details.coding[0];
      code = coding ? coding.code : null;
      if (!message && coding) {
        message = coding.display;
      }
    } else if (body && (body.detail || body.title)) {
      message = body.detail || body.title;
      code = body.code || null;
    }
    if (!message) {
      message = status >= 500 ? 'Sorry, there is a problem with the service. Try again later.'
        : 'The request was refused (' + status + ').';
    }
    return new ApiError(status, message, code, body);
  }

  /** The resources of a searchset Bundle whose search mode is match. */
  function matches(bundle) {
    return ((bundle && bundle.entry) || []).filter(function (e) {
      return !e.search || e.search.mode !== 'outcome';
    }).map(function (e) { return e.resource; });
  }

  /** The information messages of a searchset Bundle (search mode outcome). */
  function outcomes(bundle) {
    return ((bundle && bundle.entry) || []).filter(function (e) {
      return e.search && e.search.mode === 'outcome';
    }).map(function (e) {
      return (e.resource.issue || []).map(function (i) { return i.diagnostics; }).join(' ');
    });
  }

  function nhsIdentifier(nhsNumber) {
    return NHS_SYSTEM + '|' + nhsNumber;
  }

  function nhsNumberOf(identifiers) {
    var found = (identifiers || []).filter(function (i) { return i.system === NHS_SYSTEM; })[0];
    return found ? found.value : null;
  }

  // ---- formatting ------------------------------------------------------------------------------

  var LONDON = 'Europe/London';
  var dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
    timeZone: LONDON, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  });
  var dateFormat = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric'
  });

  /** An instant as people read it in England: "Fri 4 Dec 2026, 20:14". */
  function dateTime(value) {
    if (!value) {
      return '';
    }
    var parts = {};
    dateTimeFormat.formatToParts(new Date(value)).forEach(function (p) { parts[p.type] = p.value; });
    return parts.weekday + ' ' + parts.day + ' ' + parts.month + ' ' + parts.year + ', ' + parts.hour + ':'
      + parts.minute;
  }

  /** A calendar date (no time, no zone): "14 March 2021". */
  function date(value) {
    if (!value) {
      return '';
    }
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value);
    if (!m) {
      return value;
    }
    if (!m[2]) {
      return m[1];
    }
    if (!m[3]) {
      return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' })
        .format(Date.UTC(+m[1], +m[2] - 1, 1));
    }
    return dateFormat.format(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  }

  /** "1 plan", "3 plans". */
  function plural(count, one, many) {
    return count + ' ' + (count === 1 ? one : many);
  }

  /** An NHS number that never wraps inside a table cell. */
  function nhsNumberCell(value) {
    return el('span', { class: 'cpis-when', text: nhsNumber(value) });
  }

  /** "999 000 0018". */
  function nhsNumber(value) {
    var digits = String(value || '').replace(/\s/g, '');
    return /^\d{10}$/.test(digits) ? digits.substring(0, 3) + ' ' + digits.substring(3, 6) + ' '
      + digits.substring(6) : String(value || '');
  }

  function patientName(patient) {
    var name = (patient && patient.name && patient.name[0]) || {};
    var given = (name.given || []).join(' ');
    return ((given ? given + ' ' : '') + (name.family || '')).trim() || 'Name not known';
  }

  function gender(value) {
    return { male: 'Male', female: 'Female', other: 'Other', unknown: 'Not known' }[value] || '';
  }

  // ---- the DOM ---------------------------------------------------------------------------------

  /**
   * el('p', {class: 'x', text: 'y'}, [children]). Text is always set as text, never as HTML, so that
   * nothing the API answers can become markup.
   */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) {
        return;
      }
      if (key === 'text') {
        node.textContent = value;
      } else if (key === 'class') {
        node.className = value;
      } else if (key.indexOf('on') === 0) {
        node.addEventListener(key.substring(2), value);
      } else if (value === true) {
        node.setAttribute(key, '');
      } else {
        node.setAttribute(key, value);
      }
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) {
        return;
      }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
    return node;
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  /** A summary list (key: value rows); values may be nodes. */
  function summaryList(rows) {
    return el('dl', { class: 'nhsuk-summary-list' }, rows.map(function (row) {
      return el('div', { class: 'nhsuk-summary-list__row' }, [
        el('dt', { class: 'nhsuk-summary-list__key', text: row[0] }),
        el('dd', { class: 'nhsuk-summary-list__value' }, [row[1]])
      ]);
    }));
  }

  function table(caption, headings, rows) {
    return el('table', { class: 'nhsuk-table' }, [
      caption ? el('caption', { class: 'nhsuk-table__caption', text: caption }) : null,
      el('thead', { class: 'nhsuk-table__head' }, [el('tr', { class: 'nhsuk-table__row' }, headings.map(function (h) {
        return el('th', { class: 'nhsuk-table__header', scope: 'col' }, [h]);
      }))]),
      el('tbody', { class: 'nhsuk-table__body' }, rows.map(function (cells) {
        return el('tr', { class: 'nhsuk-table__row' }, cells.map(function (c) {
          return el('td', { class: 'nhsuk-table__cell' }, [c]);
        }));
      }))
    ]);
  }

  function tag(text, colour) {
    return el('strong', { class: 'nhsuk-tag' + (colour ? ' nhsuk-tag--' + colour : ''), text: text });
  }

  function warningCallout(heading, paragraphs, id) {
    return el('div', { class: 'nhsuk-warning-callout', id: id }, [
      el('h2', { class: 'nhsuk-warning-callout__label' }, [
        el('span', { role: 'text' }, [el('span', { class: 'nhsuk-u-visually-hidden', text: 'Important: ' }), heading])
      ])
    ].concat(paragraphs.map(function (p) { return typeof p === 'string' ? el('p', { text: p }) : p; })));
  }

  /** Shows a problem in the page's error summary and moves focus there. */
  function showError(container, message, fieldId) {
    clear(container);
    container.appendChild(el('div', { class: 'nhsuk-error-summary', tabindex: '-1', 'aria-labelledby': 'error-summary-title' }, [
      el('div', { role: 'alert' }, [
        el('h2', { class: 'nhsuk-error-summary__title', id: 'error-summary-title', text: 'There is a problem' }),
        el('div', { class: 'nhsuk-error-summary__body' }, [
          el('ul', { class: 'nhsuk-list nhsuk-error-summary__list' }, [
            el('li', {}, [fieldId ? el('a', { href: '#' + fieldId, text: message, onclick: function (e) {
              e.preventDefault();
              var field = document.getElementById(fieldId);
              if (field) { field.focus(); }
            } }) : el('span', { text: message })])
          ])
        ])
      ])
    ]));
    show(container, true);
    container.firstChild.focus();
  }

  function hideError(container) {
    clear(container);
    show(container, false);
  }

  /** A success banner (role alert), focused so that keyboard and screen-reader users hear it. */
  function showSuccess(container, heading, text) {
    clear(container);
    container.appendChild(el('div', { class: 'nhsuk-notification-banner nhsuk-notification-banner--success', role: 'alert',
      'aria-labelledby': 'success-title', tabindex: '-1' }, [
      el('div', { class: 'nhsuk-notification-banner__header' }, [
        el('h2', { class: 'nhsuk-notification-banner__title', id: 'success-title', text: 'Success' })
      ]),
      el('div', { class: 'nhsuk-notification-banner__content' }, [
        el('p', { class: 'nhsuk-notification-banner__heading', text: heading }),
        text ? el('p', { class: 'nhsuk-body', text: text }) : null
      ])
    ]));
    show(container, true);
    container.firstChild.focus();
  }

  var NHS_LOGO_PATH = 'M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 '
    + '6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 '
    + '0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 '
    + '45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z';

  /** The service header (logo, service name, the signed-in person and sign-out) and the footer. */
  function frame(u) {
    document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
    var svgNs = 'http://www.w3.org/2000/svg';
    var logo = document.createElementNS(svgNs, 'svg');
    logo.setAttribute('class', 'nhsuk-header__logo');
    logo.setAttribute('viewBox', '0 0 200 80');
    logo.setAttribute('height', '40');
    logo.setAttribute('width', '100');
    logo.setAttribute('focusable', 'false');
    logo.setAttribute('aria-hidden', 'true');
    var path = document.createElementNS(svgNs, 'path');
    path.setAttribute('fill', 'currentcolor');
    path.setAttribute('d', NHS_LOGO_PATH);
    logo.appendChild(path);

    var header = document.getElementById('header');
    clear(header);
    header.className = 'nhsuk-header';
    header.appendChild(el('div', { class: 'nhsuk-header__container nhsuk-width-container' }, [
      el('div', { class: 'nhsuk-header__service' }, [
        el('a', { class: 'nhsuk-header__service-logo', href: (u && homeOf(u.role)) || 'index.html',
          'aria-label': 'NHS Child Protection Information Sharing homepage' }, [
          logo, el('span', { class: 'nhsuk-header__service-name', text: 'Child Protection Information Sharing' })
        ])
      ]),
      u ? el('nav', { class: 'nhsuk-header__account', 'aria-label': 'Account' }, [
        el('ul', { class: 'nhsuk-header__account-list' }, [
          el('li', { class: 'nhsuk-header__account-item', id: 'signed-in-as',
            text: u.name + (u.jobRole ? ', ' + u.jobRole : '') + ' (' + u.orgName + ')' }),
          el('li', { class: 'nhsuk-header__account-item' }, [
            el('button', { class: 'nhsuk-header__account-button', type: 'button', id: 'sign-out', text: 'Sign out',
              onclick: function () { signOut('signed-out'); } })
          ])
        ])
      ]) : null
    ]));

    var footer = document.getElementById('footer');
    clear(footer);
    footer.className = 'nhsuk-footer';
    footer.appendChild(el('div', { class: 'nhsuk-width-container' }, [
      el('div', { class: 'nhsuk-footer__meta' }, [
        el('p', { class: 'nhsuk-body-s', text: 'Child Protection Information Sharing. Every view of child protection '
          + 'information is recorded. Times are UK time.' })
      ])
    ]));
  }

  /** Sets the page title: "What the page shows – CP-IS". */
  function title(text) {
    document.title = text + ' – Child Protection Information Sharing';
  }

  window.Cpis = {
    takeTokenFromFragment: takeTokenFromFragment, signIn: signIn, signOut: signOut, user: user, homeOf: homeOf,
    requireRole: requireRole, roleNames: ROLE_NAMES, api: api, ApiError: ApiError, matches: matches,
    outcomes: outcomes, nhsIdentifier: nhsIdentifier, nhsNumberOf: nhsNumberOf, dateTime: dateTime, date: date,
    nhsNumber: nhsNumber, plural: plural, nhsNumberCell: nhsNumberCell, patientName: patientName, gender: gender, el: el, clear: clear, show: show,
    summaryList: summaryList, table: table, tag: tag, warningCallout: warningCallout, showError: showError,
    hideError: hideError, showSuccess: showSuccess, frame: frame, title: title
  };
})();
