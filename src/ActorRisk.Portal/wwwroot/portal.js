// The theme a user picks in the app bar: kept in a cookie, so the server renders the next page in it from the start.
window.actorRisk = window.actorRisk || {};
window.actorRisk.rememberTheme = function (theme) {
  document.cookie = 'actorrisk.theme=' + (theme === 'dark' ? 'dark' : 'light') + '; path=/; max-age=31536000; samesite=strict';
};

// The skip link moves focus to the main region, not just the scroll position: Blazor's router takes in-page links
// over and only scrolls. Captured first, so the router sees the click as handled.
document.addEventListener('click', function (event) {
  var link = event.target instanceof Element ? event.target.closest('a.skip') : null;
  var main = link ? document.getElementById('content') : null;
  if (main) {
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  }
}, true);

// The reconnect banner (App.razor): Blazor marks its state with classes and an event. A server that no longer knows
// the circuit (it restarted) answers "rejected": a reload starts a new circuit on the same page.
document.addEventListener('DOMContentLoaded', function () {
  var banner = document.getElementById('components-reconnect-modal');
  if (!banner) {
    return;
  }

  banner.addEventListener('components-reconnect-state-changed', function (event) {
    if (event.detail && event.detail.state === 'rejected') {
      location.reload();
    }
  });

  var retry = banner.querySelector('.reconnect-retry');
  if (retry) {
    retry.addEventListener('click', function () {
      window.Blazor.reconnect().then(function (reconnected) {
        if (!reconnected) {
          location.reload();
        }
      });
    });
  }
});

// Focus for a page reached by in-page navigation (Components/PageFocus.razor): its heading, focusable from script only.
window.actorRisk.focusHeading = function () {
  var heading = document.querySelector('main h1');
  if (heading) {
    if (!heading.hasAttribute('tabindex')) {
      heading.setAttribute('tabindex', '-1');
    }

    heading.focus();
  }
};
