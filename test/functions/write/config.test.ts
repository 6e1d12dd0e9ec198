import { DEFAULT_LIMITS, limitsOf, loadWriteConfig, parseIdp } from '../../../functions/write/config';
import { InvalidInputError } from '../../../shared/core/errors';

const base = { BUCKET: 'b', TENANTS_TABLE: 't', DATA_DIR: '/mnt/wikis', SESSION_KEYS: 'k=x' };
const jwks = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] });

describe('write config', () => {
  it('parses the static-asset manifest the shells link, and ignores a broken one', () => {
    const manifest = { 'wikibot.css': '/static/abc123/wikibot.css' };
    expect(loadWriteConfig({ ...base, STATIC_MANIFEST: JSON.stringify(manifest) }).staticManifest).toEqual(manifest);
    expect(loadWriteConfig({ ...base, STATIC_MANIFEST: '{not json' }).staticManifest).toEqual({});
    expect(loadWriteConfig(base).staticManifest).toEqual({});
  });

  it('has no identity provider and default limits unless configured', () => {
    const config = loadWriteConfig(base);
    expect(config.idp).toBeUndefined();
    expect(limitsOf(config)).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toEqual({ maxPageBytes: 256 * 1024, maxAttachmentBytes: 4 * 1024 * 1024 });
  });

  it('parses an inline JWKS or a JWKS URL with issuer and audience', () => {
    expect(parseIdp({ IDP_ISSUER: 'https://idp', IDP_AUDIENCE: 'api', IDP_JWKS: jwks })).toEqual({
      issuer: 'https://idp', audience: 'api', jwks: JSON.parse(jwks),
    });
    const remote = parseIdp({ IDP_ISSUER: 'https://idp', IDP_AUDIENCE: 'api', IDP_JWKS_URL: 'https://idp/.well-known/jwks.json' });
    expect(remote && 'jwks' in remote ? remote.jwks : undefined).toEqual(new URL('https://idp/.well-known/jwks.json'));
  });

  it('takes the name of an SSM parameter holding the key set (read at cold start, not through the environment)', () => {
    expect(parseIdp({ IDP_ISSUER: 'https://idp', IDP_AUDIENCE: 'api', IDP_JWKS_PARAMETER: '/wikibot/prod/idp-jwks' })).toEqual({
      issuer: 'https://idp', audience: 'api', jwksParameter: '/wikibot/prod/idp-jwks',
    });
  });

  it.each([
    ['an issuer alone', { IDP_ISSUER: 'https://idp' }],
    ['no key set', { IDP_ISSUER: 'https://idp', IDP_AUDIENCE: 'api' }],
    ['both key sets', { IDP_ISSUER: 'i', IDP_AUDIENCE: 'a', IDP_JWKS: jwks, IDP_JWKS_URL: 'https://idp/jwks' }],
    ['a key set inline and in SSM', { IDP_ISSUER: 'i', IDP_AUDIENCE: 'a', IDP_JWKS: jwks, IDP_JWKS_PARAMETER: '/p' }],
    ['a JWKS that is not JSON', { IDP_ISSUER: 'i', IDP_AUDIENCE: 'a', IDP_JWKS: '{keys' }],
    ['a JWKS without keys', { IDP_ISSUER: 'i', IDP_AUDIENCE: 'a', IDP_JWKS: '{}' }],
    ['a plain-http JWKS URL', { IDP_ISSUER: 'i', IDP_AUDIENCE: 'a', IDP_JWKS_URL: 'http://idp.example/jwks' }],
    ['a JWKS URL that is not a URL', { IDP_ISSUER: 'i', IDP_AUDIENCE: 'a', IDP_JWKS_URL: 'jwks' }],
  ])('refuses %s at cold start', (_what, env) => {
    expect(() => parseIdp(env)).toThrow(InvalidInputError);
  });

  it('takes byte limits and refuses nonsense or an attachment limit Lambda cannot carry', () => {
    expect(limitsOf(loadWriteConfig({ ...base, MAX_PAGE_BYTES: '2048', MAX_ATTACHMENT_BYTES: '1000' }))).toEqual({ maxPageBytes: 2048, maxAttachmentBytes: 1000 });
    for (const bad of ['0', '-1', '1.5', 'lots', String(6 * 1024 * 1024)]) {
      expect(() => loadWriteConfig({ ...base, MAX_ATTACHMENT_BYTES: bad })).toThrow(/MAX_ATTACHMENT_BYTES/);
    }
  });
});
