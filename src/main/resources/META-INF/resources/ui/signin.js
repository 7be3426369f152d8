/* The sign-in page: a token from the fragment or pasted; in development mode, one button per role. */
(function () {
  'use strict';
  var C = window.Cpis;
  var MESSAGES = {
    'signed-out': 'You have signed out.',
    'expired': 'Your session has ended. Sign in again.'
  };

  function goHome() {
    var u = C.user();
    var home = u && C.homeOf(u.role);
    if (home) {
      window.location.assign(home);
      return true;
    }
    return false;
  }

  var signedOut = /^#signed-out=(.*)$/.exec(window.location.hash);
  if (C.takeTokenFromFragment() && goHome()) {
    return;
  }
  if (signedOut) {
    window.history.replaceState(null, '', window.location.pathname);
  }
  C.frame(null);
  var errors = document.getElementById('errors');
  var notice = document.getElementById('notice');
  if (signedOut && MESSAGES[decodeURIComponent(signedOut[1])]) {
    notice.appendChild(C.el('div', { class: 'nhsuk-inset-text' }, [
      C.el('span', { class: 'nhsuk-u-visually-hidden', text: 'Information: ' }),
      C.el('p', { text: MESSAGES[decodeURIComponent(signedOut[1])] })]));
    C.show(notice, true);
  } else if (C.user() && goHome()) {
    return;
  }

  document.getElementById('token-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var value = document.getElementById('access-token').value;
    if (!C.signIn(value)) {
      C.showError(errors, 'Enter the access token your identity provider gave you', 'access-token');
      return;
    }
    if (!goHome()) {
      C.signOut();
    }
  });

  // Present only in development mode: the server has no such endpoint in any other build.
  fetch('dev/tokens', { credentials: 'omit', cache: 'no-store' }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (roles) {
    if (!roles || !roles.length) {
      return;
    }
    var list = document.getElementById('dev-role-list');
    roles.forEach(function (role) {
      list.appendChild(C.el('li', {}, [C.el('button', {
        class: 'nhsuk-button nhsuk-button--secondary', type: 'button', 'data-role': role.role,
        text: C.roleNames[role.role] + ' – ' + role.name + ', ' + role.orgName,
        onclick: function () {
          fetch('dev/tokens/' + encodeURIComponent(role.role), { method: 'POST', credentials: 'omit', cache: 'no-store' })
            .then(function (r) { return r.json(); })
            .then(function (answer) {
              if (C.signIn(answer.access_token)) {
                goHome();
              }
            });
        }
      })]));
    });
    C.show(document.getElementById('dev-roles'), true);
  }, function () { /* not in development mode */ });
})();
