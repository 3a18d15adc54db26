// On the registration page of an invite-only realm every visitor came through an invitation link, and the
// invitation fixes the address (the server refuses any other): show it as what it is, read-only.
document.addEventListener('DOMContentLoaded', function () {
  if (document.body.dataset.pageId !== 'login-register') {
    return;
  }
  var email = document.getElementById('email');
  if (email && email.value) {
    email.readOnly = true;
    email.setAttribute('aria-readonly', 'true');
  }
});
