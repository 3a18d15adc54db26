// Starts Swagger UI from the page's data attributes (an external file: the page's CSP allows no inline script).
window.addEventListener('load', function () {
  var page = document.body.dataset;
  var ui = SwaggerUIBundle({
    url: page.spec,
    dom_id: '#swagger-ui',
    deepLinking: true,
    oauth2RedirectUrl: page.oauth2Redirect,
    // No badge from validator.swagger.io: nothing may leave this server.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
  // One flow (authorization code with PKCE) and its one scope, ticked.
  ui.initOAuth({ clientId: page.clientId, usePkceWithAuthorizationCodeGrant: true, scopes: ['openid'] });
});
