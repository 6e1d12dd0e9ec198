import { InvalidInputError } from '../../../shared/core/errors';
import { loadIdp } from '../../../functions/write/idpKeySource';

const jwks = { keys: [{ kty: 'EC', crv: 'P-256', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0', kid: 'k1' }] };

describe('functions/write/idpKeySource', () => {
  it('reads the key set from the named SSM parameter once, at cold start', async () => {
    const asked: string[] = [];
    const idp = await loadIdp(
      { region: 'us-east-1', idp: { issuer: 'https://idp', audience: 'api', jwksParameter: '/wikibot/prod/idp-jwks' } },
      async (name) => (asked.push(name), JSON.stringify(jwks)),
    );
    expect(asked).toEqual(['/wikibot/prod/idp-jwks']);
    expect(idp).toEqual({ issuer: 'https://idp', audience: 'api', jwks });
  });

  it('passes an inline or URL key set through without asking SSM', async () => {
    const never = async () => { throw new Error('SSM asked'); };
    const inline = { issuer: 'i', audience: 'a', jwks };
    expect(await loadIdp({ region: 'us-east-1', idp: inline }, never)).toBe(inline);
    expect(await loadIdp({ region: 'us-east-1' }, never)).toBeUndefined();
  });

  it('refuses a parameter whose value is not a key set, naming the parameter', async () => {
    const load = loadIdp({ region: 'us-east-1', idp: { issuer: 'i', audience: 'a', jwksParameter: '/p' } }, async () => '{"not":"keys"}');
    await expect(load).rejects.toBeInstanceOf(InvalidInputError);
    await expect(load).rejects.toThrow(/SSM parameter \/p/);
  });
});
