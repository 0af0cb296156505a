// A real OpenID provider for Regie's login tests: panva's certified oidc-provider with a
// small login page of its own (username, password and an optional second factor that
// sets acr/amr). Started by tests/identity/conftest.py; not for production.
//
//   node provider.mjs <config.json>
// config: {"issuer": "http://127.0.0.1:PORT", "port": PORT,
//          "clients": [...oidc-provider client metadata...],
//          "accounts": "<path of accounts.json>"}
// accounts.json: {"<login>": {"password": "...", "claims": {...}}}; read at every login,
// so a test can change someone's roles between two logins.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));

// The test suite may run with its clock moved (tests/clock.py, REGIE_TEST_NOW): the
// provider then keeps the same time, so tokens are issued "now" for Regie. The browser's
// clock is not moved, so cookies are sent without an expiry date (session cookies);
// a cookie being deleted keeps its 1970 date.
const offset = Number(config.clock_offset_ms || 0);
if (offset) {
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + offset;
}
const sessionCookie = (value) => (/expires=Thu, 01 Jan 1970/i.test(value)
  ? value : value.replace(/;\s*expires=[^;]*/i, ''));
const setHeader = http.ServerResponse.prototype.setHeader;
http.ServerResponse.prototype.setHeader = function setCookieWithoutExpiry(name, value) {
  if (offset && String(name).toLowerCase() === 'set-cookie') {
    value = Array.isArray(value) ? value.map(sessionCookie) : sessionCookie(String(value));
  }
  return setHeader.call(this, name, value);
};
const accounts = () => JSON.parse(readFileSync(config.accounts, 'utf8'));
const MFA = 'urn:regie:test:mfa';
const PASSWORD_ONLY = 'urn:regie:test:wachtwoord';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'test-1', use: 'sig', alg: 'RS256' };

const provider = new Provider(config.issuer, {
  clients: config.clients,
  jwks: { keys: [signingKey] },
  cookies: { keys: ['regie-test-oidc-provider-only'] },
  acrValues: [MFA, PASSWORD_ONLY],
  scopes: ['openid', 'email', 'profile', 'roles', 'kvk'],
  claims: {
    acr: null,
    amr: null,
    openid: ['sub'],
    email: ['email'],
    profile: ['given_name', 'family_name', 'preferred_username'],
    roles: ['roles'],
    kvk: ['kvk'],
  },
  features: {
    devInteractions: { enabled: false },
    claimsParameter: { enabled: true },
    rpInitiatedLogout: { enabled: true },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const account = accounts()[sub];
    if (!account) return undefined;
    return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
  },
  // First-party test clients: no consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile roles kvk');
    await grant.save();
    return grant;
  },
});

const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(res, uid, error = '') {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="nl"><head><title>Test-IdP</title></head><body>
<h1>Test-IdP: inloggen</h1>${error ? `<p role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Gebruikersnaam <input name="login" autocomplete="off"></label>
<label>Wachtwoord <input name="password" type="password"></label>
<label><input type="checkbox" name="mfa" value="1"> Met tweede factor</label>
<button type="submit">Inloggen bij de test-IdP</button></form></body></html>`);
}

async function body(req) {
  let data = '';
  for await (const chunk of req) data += chunk;
  return new URLSearchParams(data);
}

const callback = provider.callback();
const server = http.createServer(async (req, res) => {
  const match = req.url.match(/^\/interaction\/([^/?]+)(\/login)?/);
  if (!match) return callback(req, res);
  try {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') return loginPage(res, details.uid);
    const form = await body(req);
    const account = accounts()[form.get('login')];
    if (!account || account.password !== form.get('password')) {
      return loginPage(res, details.uid, 'Onbekende gebruikersnaam of wachtwoord.');
    }
    const mfa = form.get('mfa') === '1';
    await provider.interactionFinished(req, res, {
      login: {
        accountId: form.get('login'),
        acr: mfa ? MFA : PASSWORD_ONLY,
        amr: mfa ? ['pwd', 'otp'] : ['pwd'],
      },
    }, { mergeWithLastSubmission: false });
  } catch (error) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end(`interaction failed: ${error.message}`);
  }
});
server.listen(config.port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${config.issuer}`);
});
