import * as fs from 'node:fs';
import { parseCloudFormationYaml } from '../../local/cloudFormationYaml';
import { DISTRIBUTION_TEMPLATE, behaviourFor, loadDistribution, pathPatternRegExp, readDistribution } from '../../local/distribution';

const STAND_INS = { region: 'us-east-1', bucket: 'b' };
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const template = (): Json => parseCloudFormationYaml(fs.readFileSync(DISTRIBUTION_TEMPLATE, 'utf8'));
const configOf = (t: Json) => t.Resources.Distribution.Properties.DistributionConfig;

describe('loadDistribution (the gateway runs resources/cloudfront.yml)', () => {
  const distribution = loadDistribution(STAND_INS);

  it('has the template\'s behaviours in CloudFront\'s order, each on the template\'s origin and OriginPath', () => {
    const config = configOf(template());
    const expected = [...config.CacheBehaviors.map((b: Json) => [b.PathPattern, b.TargetOriginId]), ['*', config.DefaultCacheBehavior.TargetOriginId]];
    expect(distribution.behaviours.map((b) => [b.pathPattern, b.origin.id])).toEqual(expected);
    const paths = Object.fromEntries(config.Origins.map((o: Json) => [o.Id, o.OriginPath ?? '']));
    for (const b of distribution.behaviours) expect([b.origin.id, b.origin.originPath]).toEqual([b.origin.id, paths[b.origin.id]]);
  });

  it.each([
    ['/static/abc/app.css', '/static/*', 'bucket', '/static', false],
    ['/static/../fragments/x', '/static/*', 'bucket', '/static', false],
    ['/api/wikis', '/api/*', 'api', '', false],
    ['/auth/login', '/auth/*', 'api', '', true],
    ['/mcp', '/mcp', 'api', '', false],
    ['/mcp/x', '*', 'function-url', '', true],
    ['/alice/notes/-/history/Home', '/*/*/-/*', 'api', '', true],
    ['/alice/notes/Docs/Intro/a/diagram.png', '/*/*/*/a/*', 'bucket', '/attachments', true],
    ['/alice/notes/a/x', '*', 'function-url', '', true],
    ['/alice/notes/', '*', 'function-url', '', true],
    ['/Static/x', '*', 'function-url', '', true],
  ])('sends %s to behaviour %s (%s origin, OriginPath "%s", gate %s)', (path, pattern, kind, originPath, gate) => {
    const b = behaviourFor(distribution, path);
    expect([b.pathPattern, b.origin.kind, b.origin.originPath, b.edgeGate]).toEqual([pattern, kind, originPath, gate]);
  });

  it('forwards to each origin what its policies say, and gives each origin its own Host', () => {
    const api = behaviourFor(distribution, '/auth/login');
    expect(api.forward).toEqual({ headers: 'all', cookies: true, queryStrings: true, host: 'origin' });
    expect(api.origin.host).toBe('local-api.execute-api.us-east-1.amazonaws.com');
    expect(api.cache).toBeUndefined();
    const page = behaviourFor(distribution, '/alice/notes/');
    expect(page.forward).toEqual({ headers: ['x-wikibot-access'], cookies: false, queryStrings: false, host: 'origin' });
    expect(page.origin.host).toBe('local-url.lambda-url.us-east-1.on.aws');
    expect(page.cache).toEqual({ min: 0, default: 30, max: 30 });
    expect(page.allowedMethods).toEqual(['GET', 'HEAD']);
    const attachment = behaviourFor(distribution, '/a/b/C/a/x');
    expect(attachment.origin.host).toBe('b.s3.us-east-1.amazonaws.com');
    expect(attachment.responseHeaders['x-content-type-options']).toBe('nosniff');
  });

  it('follows a changed template: another OriginPath, another order', () => {
    const changed = template();
    const config = configOf(changed);
    config.Origins.find((o: Json) => o.Id === 'attachments').OriginPath = '/elsewhere';
    config.CacheBehaviors.reverse();
    const d = readDistribution(changed, STAND_INS);
    expect(behaviourFor(d, '/a/b/C/a/x').origin.originPath).toBe('/elsewhere');
    expect(d.behaviours[0]!.pathPattern).toBe('/*/*/*/a/*');
  });

  it.each([
    ['an origin it has no stand-in for', (c: Json) => { c.Origins[0].DomainName = 'example.com'; }, /no stand-in/],
    ['an unknown managed cache policy', (c: Json) => { c.CacheBehaviors[0].CachePolicyId = '00000000-0000-0000-0000-000000000000'; }, /Unknown managed cache policy/],
    ['an unknown managed origin request policy', (c: Json) => { c.CacheBehaviors[1].OriginRequestPolicyId = 'x'; }, /Unknown managed origin request policy/],
    ['a viewer-response function', (c: Json) => { c.CacheBehaviors[2].FunctionAssociations = [{ EventType: 'viewer-response', FunctionARN: 'x' }]; }, /viewer-response/],
    ['a behaviour gated by one edge build only', (c: Json) => { delete c.CacheBehaviors[2].LambdaFunctionAssociations; }, /associated differently/],
    ['a behaviour on a missing origin', (c: Json) => { c.CacheBehaviors[0].TargetOriginId = 'nowhere'; }, /no origin nowhere/],
  ])('refuses a template with %s rather than differ from it', (_what, change, message) => {
    const changed = template();
    change(configOf(changed));
    expect(() => readDistribution(changed, STAND_INS)).toThrow(message);
  });

  it('refuses a cache policy that keys by more than the path', () => {
    const changed = template();
    changed.Resources.PageCachePolicy.Properties.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig.QueryStringBehavior = 'all';
    expect(() => readDistribution(changed, STAND_INS)).toThrow(/path-keyed/);
  });
});

describe('pathPatternRegExp (CloudFront path patterns)', () => {
  it.each([
    ['/static/*', '/static/a/b.css', true],
    ['/static/*', '/static', false],
    ['/static/*', '/Static/a', false],
    ['static/*', '/static/a', true],
    ['/mcp', '/mcp', true],
    ['/mcp', '/mcp/', false],
    ['/*/*/-/*', '/a/b/-/history', true],
    ['/*/*/-/*', '/a/b/c/-/x', true],
    ['/*/*/*/a/*', '/u/w/a/x', false],
    ['/*/*/*/a/*', '/u/w/P/Q/a/x.png', true],
    ['/file?.txt', '/file1.txt', true],
    ['/file?.txt', '/file.txt', false],
    ['/a.b', '/aXb', false],
  ])('%s matches %s: %s', (pattern, path, matches) => {
    expect(pathPatternRegExp(pattern).test(path)).toBe(matches);
  });
});
